"""The "检查结果 Findings" sheet: every finding, one row each, linked to its cell or sheet."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from xlsxwriter.utility import quote_sheetname, xl_col_to_name

from dudao.catalogue import Severity
from dudao.ingest.annotate_cells import SheetKey
from dudao.ingest.findings import Finding

HEADER = (
    "严重程度 severity",
    "代码 code",
    "文件 file",
    "工作表 sheet",
    "行 row",
    "列 column",
    "值 value",
    "说明",
    "Message",
    "单元格 cell",
)
WIDTHS = (12, 20, 30, 18, 8, 18, 18, 60, 60, 16)


@dataclass(frozen=True)
class CellRef:
    """A cell of the annotated copy: its sheet's title, row (1-based) and column (0-based)."""

    sheet: str
    row: int
    column: int

    @property
    def address(self) -> str:
        return f"{quote_sheetname(self.sheet)}!{xl_col_to_name(self.column)}{self.row}"


@dataclass(frozen=True)
class FindingsRow:
    values: tuple[object, ...]
    link: CellRef | None
    severity: Severity

    @property
    def height(self) -> float:
        """Points for the wrapped messages: viewers do not autofit a row written by a program."""
        lines = max(_lines(str(self.values[column]), WIDTHS[column]) for column in (7, 8))
        return 15.0 * lines


def _lines(text: str, width: int) -> int:
    wide = sum(2 if ord(char) > 0x2E80 else 1 for char in text)
    return max(1, -(-wide // (width - 2)))


@dataclass(frozen=True)
class FindingsTable:
    rows: tuple[FindingsRow, ...]

    @classmethod
    def of(
        cls,
        findings: Sequence[Finding],
        cells: Sequence[tuple[Finding, CellRef]],
        sheets: Mapping[SheetKey, CellRef],
    ) -> FindingsTable:
        """Each finding linked to its cell, else to its row or sheet in the copy, else to nothing."""
        cell_of = dict(cells)
        return cls(
            tuple(
                _row(found, cell_of.get(found) or _sheet_link(found, sheets)) for found in findings
            )
        )

    def __iter__(self) -> Iterator[FindingsRow]:
        return iter(self.rows)


def _sheet_link(found: Finding, sheets: Mapping[SheetKey, CellRef]) -> CellRef | None:
    sheet = sheets.get((found.file, found.sheet))
    if sheet is None:
        return None
    return CellRef(sheet.sheet, found.row or 1, 0)


def _row(found: Finding, link: CellRef | None) -> FindingsRow:
    severity = "错误 error" if found.severity is Severity.ERROR else "警告 warning"
    values = (
        severity,
        found.code,
        found.file,
        found.sheet,
        found.row,
        found.column,
        found.value,
        found.message_zh,
        found.message_en,
        link.address if link is not None else None,
    )
    return FindingsRow(values, link, found.severity)
