"""Which cell of the user's file a finding points at, and what the cell's note says.

A finding names its file, sheet, row (the header being row 1, as in the sheet) and column (the
field id, else the header as written, or a key's fields joined by commas). The header row of the
sheet says which position holds that column.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from dudao.catalogue import Catalogue, Severity, TableDef
from dudao.ingest.findings import Finding
from dudao.ingest.names import header_index, table_index

ERROR_FILL = "FFC7CE"  # Excel's own light red and light yellow for bad and neutral cells
WARNING_FILL = "FFEB9C"
_PARTS = re.compile(r"[,，、]\s*")
SheetKey = tuple[str, str | None]  # (file as reported, sheet or None for a CSV file)


@dataclass
class Located:
    """Findings of one sheet by (row, 0-based column); those placed on no cell of it apart."""

    cells: dict[tuple[int, int], list[Finding]] = field(default_factory=dict)
    elsewhere: list[Finding] = field(default_factory=list)
    _rows: dict[int, dict[int, list[Finding]]] | None = None

    def in_row(self, row: int) -> dict[int, list[Finding]]:
        """The findings of one row by column (an index built on first use)."""
        if self._rows is None:
            self._rows = {}
            for (number, column), found in self.cells.items():
                self._rows.setdefault(number, {})[column] = found
        return self._rows.get(row, {})


def by_sheet(findings: Iterable[Finding]) -> dict[SheetKey, list[Finding]]:
    grouped: dict[SheetKey, list[Finding]] = {}
    for found in findings:
        grouped.setdefault((found.file, found.sheet), []).append(found)
    return grouped


def locate(
    findings: Sequence[Finding],
    header: Sequence[object],
    sheet_name: str,
    catalogue: Catalogue,
) -> Located:
    """Place each finding of one sheet on a cell, given the sheet's header row and name."""
    table_id = table_index(catalogue).match(sheet_name)
    table = catalogue.tables[table_id] if table_id is not None else None
    located = Located()
    for found in findings:
        position = column_position(header, table, found.column)
        if found.row is None or position is None:
            located.elsewhere.append(found)
        else:
            located.cells.setdefault((found.row, position), []).append(found)
    return located


def column_position(
    header: Sequence[object], table: TableDef | None, column: str | None
) -> int | None:
    """The 0-based position of a column named as written, by field id, or by a key's first field."""
    if column is None:
        return None
    written = [
        str(cell).strip().lstrip("\ufeff").strip() if cell is not None else "" for cell in header
    ]
    for name in (column, *_PARTS.split(column)):
        if name in written:
            return written.index(name)
        if table is not None:
            index = header_index(table)
            for position, text in enumerate(written):
                if text and index.match(text) == name:
                    return position
    return None


def worst(findings: Iterable[Finding]) -> Severity:
    return (
        Severity.ERROR if any(f.severity is Severity.ERROR for f in findings) else Severity.WARNING
    )


def fill(findings: Iterable[Finding]) -> str:
    return fill_of(worst(findings))


def fill_of(severity: Severity) -> str:
    return ERROR_FILL if severity is Severity.ERROR else WARNING_FILL


def note(findings: Iterable[Finding]) -> str:
    """A cell comment: each finding's message in Chinese and English."""
    parts = []
    for found in findings:
        mark = "✗ 错误 error" if found.severity is Severity.ERROR else "! 警告 warning"
        parts.append(f"{mark} · {found.code}\n{found.message_zh}\n{found.message_en}")
    return "\n\n".join(parts)
