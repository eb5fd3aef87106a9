"""Workbook sheets, streamed by openpyxl in read-only mode with defusedxml; values, not formulas."""

from __future__ import annotations

import datetime
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dudao.ingest.findings import Finding
from dudao.ingest.formulas import formula_cells
from dudao.ingest.limits import ReadLimits
from dudao.ingest.sheets import Place, Row, Sheet, T, header_width, within_header

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook


def open_workbook(path: Path, archive: zipfile.ZipFile) -> Workbook:
    """Streaming, with cached formula values, every part read through `archive`.

    openpyxl opens its own ZipFile; it is swapped for `archive` (a CountedArchive) before
    anything is read, so that every part it decompresses is counted against the limits.
    Refuses to run without defusedxml, which openpyxl parses worksheets with. openpyxl is
    imported here, by the first workbook: ~0.15 s a CSV check or import does not pay.
    """
    import openpyxl
    from openpyxl.reader.excel import ExcelReader

    if not openpyxl.DEFUSEDXML:
        raise RuntimeError("openpyxl must use defusedxml to read uploads")
    reader = ExcelReader(str(path), read_only=True, data_only=True)
    reader.archive.close()
    reader.archive = archive
    reader.read()
    return reader.wb


def workbook_sheets(
    workbook: Workbook, archive: zipfile.ZipFile, place: Place, limits: ReadLimits
) -> Iterator[Sheet | Finding]:
    """Each worksheet, after a warning for each of its formula cells."""
    for worksheet in workbook.worksheets:
        sheet_place = Place(place.file, worksheet.title, place.catalogue)
        yield from formula_cells(archive, worksheet._worksheet_path, sheet_place)
        yield WorkbookSheet(sheet_place, worksheet, limits)


class WorkbookSheet(Sheet):
    """One worksheet, its XML parsed as it is read: openpyxl's read-only mode holds one row."""

    def __init__(self, place: Place, worksheet: Any, limits: ReadLimits) -> None:
        super().__init__(place, worksheet.title)
        self._worksheet, self._limits = worksheet, limits

    def read(self, consume: Callable[[Iterable[Row]], T]) -> T:
        """The rows, cut by openpyxl to the header's width: a far-right cell is never padded to."""
        sheet, limit = self._worksheet, self._limits.max_columns
        sheet.reset_dimensions()  # a stale <dimension> must not cut rows off
        header = next(sheet.iter_rows(max_row=1, values_only=True), ())
        width = header_width(header, limit)
        rows = sheet.iter_rows(max_col=max(width, 1), values_only=True)
        return consume(within_header((_row_text(row) for row in rows), limit))


def _row_text(row: tuple[object, ...]) -> list[str | None]:
    # Text and empty cells pass through untouched: most cells are, and openpyxl is slow enough.
    return [value if value is None or type(value) is str else cell_text(value) for value in row]


def cell_text(value: object) -> str | None:
    """A cell as the text a CSV would hold: 12.0 -> "12", dates ISO, booleans true/false."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)
