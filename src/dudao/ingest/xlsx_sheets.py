"""Workbook sheets, streamed by openpyxl in read-only mode with defusedxml; values, not formulas."""

from __future__ import annotations

import datetime
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.reader.excel import ExcelReader
from openpyxl.workbook.workbook import Workbook

from dudao.ingest.sheets import Place, Row, Sheet, T


def open_workbook(path: Path, archive: zipfile.ZipFile) -> Workbook:
    """Streaming, with cached formula values, every part read through `archive`.

    openpyxl opens its own ZipFile; it is swapped for `archive` (a CountedArchive) before
    anything is read, so that every part it decompresses is counted against the limits.
    Refuses to run without defusedxml, which openpyxl parses worksheets with.
    """
    if not openpyxl.DEFUSEDXML:
        raise RuntimeError("openpyxl must use defusedxml to read uploads")
    reader = ExcelReader(str(path), read_only=True, data_only=True)
    reader.archive.close()
    reader.archive = archive
    reader.read()
    return reader.wb


def workbook_sheets(workbook: Workbook, place: Place) -> Iterator[Sheet]:
    for worksheet in workbook.worksheets:
        yield WorkbookSheet(Place(place.file, worksheet.title, place.catalogue), worksheet)


class WorkbookSheet(Sheet):
    def __init__(self, place: Place, worksheet: Any) -> None:
        super().__init__(place, worksheet.title)
        self._worksheet = worksheet

    def read(self, consume: Callable[[Iterable[Row]], T]) -> T:
        self._worksheet.reset_dimensions()  # a stale <dimension> must not cut rows off
        rows = self._worksheet.iter_rows(values_only=True)
        return consume(_row_text(row) for row in rows)


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
