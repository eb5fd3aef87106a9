"""Arrow schemas of the exchange-format tables, derived from the catalogue."""

from __future__ import annotations

import pyarrow as pa

from dudao.catalogue.models import FieldType, TableDef

ARROW_TYPES: dict[FieldType, pa.DataType] = {
    FieldType.TEXT: pa.string(),
    FieldType.CODE: pa.string(),
    FieldType.COUNT: pa.int64(),
    FieldType.QUANTITY: pa.float64(),
    FieldType.YEAR: pa.int64(),
    FieldType.DATE: pa.date32(),
    FieldType.BOOLEAN: pa.bool_(),
}


def arrow_schema(table: TableDef) -> pa.Schema:
    """One column per declared field, in declaration order; every column nullable."""
    return pa.schema([pa.field(field.id, ARROW_TYPES[field.type]) for field in table.fields])


def empty_table(table: TableDef) -> pa.Table:
    return arrow_schema(table).empty_table()
