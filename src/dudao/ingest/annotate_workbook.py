"""The annotated copy of a workbook: openpyxl loads it whole, marks cells, adds the findings."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from dudao.catalogue import Catalogue
from dudao.ingest.annotate_cells import SheetKey, by_sheet, fill, fill_of, locate, note
from dudao.ingest.annotate_findings import HEADER, WIDTHS, CellRef, FindingsTable
from dudao.ingest.findings import Finding
from dudao.ingest.template_sheets import FINDINGS_SHEET


def annotate_workbook(
    path: Path, findings: Sequence[Finding], out: Path, catalogue: Catalogue
) -> None:
    """Copy the workbook at `path` to `out` with its findings marked; `path` is only read."""
    if not openpyxl.DEFUSEDXML:
        raise RuntimeError("openpyxl must use defusedxml to read uploads")
    workbook = openpyxl.load_workbook(path)
    grouped = by_sheet(findings)
    sheets: dict[SheetKey, CellRef] = {}
    cells: list[tuple[Finding, CellRef]] = []
    for worksheet in workbook.worksheets:
        sheets[(str(path), worksheet.title)] = CellRef(worksheet.title, 1, 0)
        found = grouped.get((str(path), worksheet.title))
        if found:
            cells.extend(_mark(worksheet, found, catalogue))
        worksheet.sheet_view.tabSelected = False
    _findings_sheet(
        workbook.create_sheet(FINDINGS_SHEET.zh_hans, 0), FindingsTable.of(findings, cells, sheets)
    )
    workbook.active = 0
    workbook.save(out)


def _mark(
    worksheet: Worksheet, findings: list[Finding], catalogue: Catalogue
) -> list[tuple[Finding, CellRef]]:
    header = [cell.value for cell in worksheet[1]]
    located = locate(findings, header, worksheet.title, catalogue)
    placed: list[tuple[Finding, CellRef]] = []
    for (row, column), found in located.cells.items():
        cell = worksheet.cell(row=row, column=column + 1)
        cell.fill = PatternFill("solid", fgColor=fill(found))
        text = note(found)
        if cell.comment is not None:  # the user's own comment stays, ours follows it
            text = f"{cell.comment.text}\n\n{text}"
        cell.comment = Comment(text, "dudao", height=60 + 18 * text.count("\n"), width=420)
        placed.extend((f, CellRef(worksheet.title, row, column)) for f in found)
    return placed


def _findings_sheet(sheet: Worksheet, table: FindingsTable) -> None:
    sheet.append(list(HEADER))
    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(column)].width = width
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    wrapped = Alignment(wrap_text=True, vertical="top")
    for row in table:
        sheet.append(list(row.values))
        number = sheet.max_row
        for column in (8, 9):  # the messages
            sheet.cell(number, column).alignment = wrapped
        sheet.row_dimensions[number].height = row.height
        sheet.cell(number, 1).fill = PatternFill("solid", fgColor=fill_of(row.severity))
        if row.link is not None:
            cell = sheet.cell(number, len(HEADER))
            cell.hyperlink = Hyperlink(ref=cell.coordinate, location=row.link.address)
            cell.font = Font(color="0000FF", underline="single")
    sheet.freeze_panes = "A2"
