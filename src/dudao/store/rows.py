"""Rows between Arrow and JSON: the store keeps each row as {field id: JSON value}.

Null fields are left out of the JSON (an absent key reads back as null, never as 0);
dates are ISO strings. The catalogue's Arrow schema types every row on the way back, parsed
by Arrow's JSON reader rather than row by row in Python.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pa_json

from dudao.catalogue import TableDef, arrow_schema

POSITION = "__position"


def json_rows(table: pa.Table) -> Iterator[dict[str, Any]]:
    """Each row of `table` as a JSON-ready dict without its null fields."""
    for batch in _with_iso_dates(table).to_batches(max_chunksize=10_000):
        for row in batch.to_pylist():
            yield {name: value for name, value in row.items() if value is not None}


def arrow_from_json(table: TableDef, texts: Sequence[str]) -> pa.Table:
    """Stored JSON objects (one per row) as an Arrow table with exactly the catalogue's schema."""
    schema = arrow_schema(table)
    if not texts:
        return schema.empty_table()
    # The JSON reader does not parse dates from strings: read them as text, then cast.
    as_read = pa.schema(
        [pa.field(f.name, pa.string()) if pa.types.is_date(f.type) else f for f in schema]
    )
    options = pa_json.ParseOptions(explicit_schema=as_read, unexpected_field_behavior="ignore")
    lines = io.BytesIO("\n".join(texts).encode())
    parsed = pa_json.read_json(lines, parse_options=options)
    columns = [parsed.column(field.name).cast(field.type) for field in schema]
    return pa.Table.from_arrays(columns, schema=schema)


def newest_per_key(rows: pa.Table, key: Sequence[str]) -> pa.Table:
    """One row per key, the last one in `rows` order (the newest version's), sorted by key."""
    position = pa.array(range(rows.num_rows), pa.int64())
    last = (
        rows.append_column(POSITION, position)
        .group_by(list(key), use_threads=False)
        .aggregate([(POSITION, "max")])
    )
    if last.num_rows < rows.num_rows:
        rows = rows.filter(pc.is_in(position, value_set=last.column(f"{POSITION}_max")))
    return rows.sort_by([(name, "ascending") for name in key])


def _with_iso_dates(table: pa.Table) -> pa.Table:
    for index, field in enumerate(table.schema):
        if pa.types.is_date(field.type):
            table = table.set_column(index, field.name, table.column(index).cast(pa.string()))
    return table
