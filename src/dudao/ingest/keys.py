"""Keys are unique within a table, across every sheet or file that holds it."""

from __future__ import annotations

from collections.abc import Iterator

from dudao.ingest.check_context import CheckContext
from dudao.ingest.findings import Expected, Finding
from dudao.ingest.table_reader import TablePart


def duplicate_keys(context: CheckContext) -> Iterator[Finding]:
    """Each repeated key is reported on its later row, naming the row it first appeared on."""
    for table in context.catalogue.tables.values():
        first: dict[tuple[object, ...], tuple[TablePart, int]] = {}
        for part in context.parts_of(table.id):
            columns = [part.data.column(name).to_pylist() for name in table.key]
            for row, key in zip(part.rows, zip(*columns, strict=True), strict=True):
                other, first_row = first.setdefault(key, (part, row))
                if other is not part or first_row != row:
                    yield _duplicate(part, row, key, other, first_row)


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
    where_zh = f"{other.place.file}" + (
        f"，工作表“{other.place.sheet}”" if other.place.sheet else ""
    )
    where_en = f"{other.place.file}" + (
        f', sheet "{other.place.sheet}"' if other.place.sheet else ""
    )
    return (
        f"唯一；该主键首次出现于{where_zh}第 {row} 行",
        f"a unique key; it first appears in {where_en}, row {row}",
    )
