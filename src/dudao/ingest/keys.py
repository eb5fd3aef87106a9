"""Keys are unique within a table, across every sheet or file that holds it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pyarrow as pa

from dudao.ingest.check_context import CheckContext
from dudao.ingest.findings import Expected, Finding
from dudao.ingest.table_reader import TablePart
from dudao.ingest.vectors import group_ids


def duplicate_keys(context: CheckContext) -> Iterator[Finding]:
    """Each repeated key is reported on its later row, naming the row it first appeared on."""
    for table in context.catalogue.tables.values():
        parts = context.parts_of(table.id)
        if parts and _has_repeats(parts, table.key):
            yield from _repeats(parts, table.key)


def _has_repeats(parts: Sequence[TablePart], key: Sequence[str]) -> bool:
    """Counted in NumPy first: most tables have no repeated key and need no row-by-row scan
    (and Arrow's group-by would import its query engine, ~0.3 s, into every check)."""
    keys = pa.concat_tables([part.data.select(list(key)) for part in parts])
    ids = group_ids(keys.columns, keys.num_rows)
    return keys.num_rows > 0 and int(ids.max()) + 1 < keys.num_rows


def _repeats(parts: Sequence[TablePart], key: Sequence[str]) -> Iterator[Finding]:
    first: dict[tuple[object, ...], tuple[TablePart, int]] = {}
    for part in parts:
        columns = [part.data.column(name).to_pylist() for name in key]
        for row, values in zip(part.rows, zip(*columns, strict=True), strict=True):
            other, first_row = first.setdefault(values, (part, row))
            if other is not part or first_row != row:
                yield _duplicate(part, row, values, other, first_row)


def _duplicate(
    part: TablePart, row: int, key: tuple[object, ...], other: TablePart, first_row: int
) -> Finding:
    return part.place.finding(
        "duplicate_key",
        row=row,
        column=",".join(part.table.key),
        value=", ".join(str(value) for value in key),
        expected=_first_seen(part, other, first_row),
    )


def _first_seen(part: TablePart, other: TablePart, row: int) -> Expected:
    if other is part:
        return f"唯一；该主键首次出现于第 {row} 行", f"a unique key; it first appears in row {row}"
    sheet_zh = f"，工作表“{other.place.sheet}”" if other.place.sheet else ""
    sheet_en = f', sheet "{other.place.sheet}"' if other.place.sheet else ""
    return (
        f"唯一；该主键首次出现于{other.place.file}{sheet_zh}第 {row} 行",
        f"a unique key; it first appears in {other.place.file}{sheet_en}, row {row}",
    )
