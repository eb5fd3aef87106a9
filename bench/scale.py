"""A bigger dataset from the seed city: copies of the city under one province."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

PROVINCE = "440000"
CODE_FIELDS = ("code", "parent_code", "org_code", "school_code", "merged_into", "unit_code")


def replicate(tables: dict[str, pa.Table], copies: int) -> dict[str, pa.Table]:
    """`copies` cities; copy i rewrites the leading "44" of every code but the province's."""
    assert copies <= 55, "codes keep two leading digits"
    return {
        table_id: pa.concat_tables([_copy(table, index) for index in range(copies)])
        for table_id, table in tables.items()
    }


def _copy(table: pa.Table, index: int) -> pa.Table:
    prefix = str(44 + index)
    for name in CODE_FIELDS:
        if name in table.column_names and pa.types.is_string(table.schema.field(name).type):
            column = table.column(name)
            renamed = pc.if_else(
                pc.equal(column, PROVINCE),
                column,
                pc.binary_join_element_wise(prefix, pc.utf8_slice_codeunits(column, 2), ""),
            )
            table = table.set_column(table.schema.get_field_index(name), name, renamed)
    if "code" in table.column_names and index > 0:  # the province row once
        table = table.filter(pc.invert(pc.equal(table.column("code"), PROVINCE)))
    return table
