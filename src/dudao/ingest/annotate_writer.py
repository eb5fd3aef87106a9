"""The annotated copy of CSV data: one sheet per file, streamed out by xlsxwriter."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from dudao.catalogue import Severity
from dudao.ingest.annotate_cells import ERROR_FILL, WARNING_FILL, Located, note, worst
from dudao.ingest.annotate_findings import HEADER, WIDTHS, FindingsTable
from dudao.ingest.template_sheets import FINDINGS_SHEET

_NOT_IN_TITLES = re.compile(r"[\[\]:*?/\\]")
_TITLE_LENGTH = 31  # Excel's limit


class CsvCopy:
    """An xlsx being written: the findings sheet first, then a sheet per CSV file."""

    def __init__(self, out: Path) -> None:
        self.book = xlsxwriter.Workbook(str(out), {"constant_memory": True})
        self.findings_sheet = self.book.add_worksheet(FINDINGS_SHEET.zh_hans)
        self.sheets: dict[str, Worksheet] = {}
        self.marks = {
            Severity.ERROR: self.book.add_format({"bg_color": f"#{ERROR_FILL}"}),
            Severity.WARNING: self.book.add_format({"bg_color": f"#{WARNING_FILL}"}),
        }
        self.bold = self.book.add_format({"bold": True, "bg_color": "#DDEBF7"})
        self.wrap = self.book.add_format({"text_wrap": True, "valign": "top"})
        self.link = self.book.add_format({"font_color": "blue", "underline": 1})

    def __enter__(self) -> CsvCopy:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.book.close()

    def add_sheet(self, name: str) -> str:
        """A sheet named after the file, made a valid and unique sheet title."""
        base = _NOT_IN_TITLES.sub("_", name)[:_TITLE_LENGTH] or "data"
        title, number = base, 1
        while title.lower() in (t.lower() for t in (*self.sheets, FINDINGS_SHEET.zh_hans)):
            number += 1
            suffix = f"~{number}"
            title = base[: _TITLE_LENGTH - len(suffix)] + suffix
        self.sheets[title] = self.book.add_worksheet(title)
        self.sheets[title].freeze_panes(1, 0)
        return title

    def write_row(self, title: str, number: int, cells: Sequence[str], located: Located) -> None:
        """One row as the text the file holds; a cell with findings coloured and commented."""
        sheet, marked = self.sheets[title], located.in_row(number)
        if number == 1:
            for column, text in enumerate(cells):
                sheet.set_column(column, column, min(30, max(10, 2 * len(text))))
        for column in sorted(set(range(len(cells))) | set(marked)):
            text = cells[column] if column < len(cells) else ""
            found = marked.get(column)
            style = self.marks[worst(found)] if found else (self.bold if number == 1 else None)
            if text:
                sheet.write_string(number - 1, column, text, style)
            elif style is not None:
                sheet.write_blank(number - 1, column, None, style)
            if found:
                sheet.write_comment(number - 1, column, note(found), _comment_size(note(found)))

    def findings(self, table: FindingsTable) -> None:
        sheet = self.findings_sheet
        for column, (text, width) in enumerate(zip(HEADER, WIDTHS, strict=True)):
            sheet.set_column(column, column, width, self.wrap if column in (7, 8) else None)
            sheet.write_string(0, column, text, self.bold)
        for number, row in enumerate(table, start=1):
            sheet.set_row(number, row.height)
            for column, value in enumerate(row.values[:-1]):
                style = self.marks[row.severity] if column == 0 else None
                sheet.write(number, column, value, style)
            if row.link is not None:
                target = f"internal:{row.link.address}"
                sheet.write_url(number, len(HEADER) - 1, target, self.link, row.link.address)
        sheet.freeze_panes(1, 0)
        sheet.activate()


def _comment_size(text: str) -> dict[str, float]:
    return {"x_scale": 3, "y_scale": 1 + text.count("\n") / 2 + len(text) / 200}
