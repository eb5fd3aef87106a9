"""`annotate`: a copy of the user's data with each finding on its cell, and a sheet of all findings.

A workbook is copied with openpyxl (its formatting, formulas and other sheets kept); each cell a
finding points at gets a red (error) or yellow (warning) fill and a comment with the messages in
Chinese and English. CSV files (a folder, a zip, or one file) become one sheet each, read by the
reader's own CSV sheets (same decoding, same row numbers) and streamed out with xlsxwriter. The
"检查结果 Findings" sheet lists every finding, linked to its cell. The input is only read; a file
the check refused as unsafe or unreadable is not opened again: the copy then holds the findings.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from dudao.catalogue import Catalogue, default_catalogue
from dudao.ingest.annotate_cells import Located, SheetKey, by_sheet, locate
from dudao.ingest.annotate_findings import CellRef, FindingsTable
from dudao.ingest.annotate_workbook import annotate_workbook
from dudao.ingest.annotate_writer import CsvCopy
from dudao.ingest.findings import Finding, FindingReport
from dudao.ingest.limits import ReadLimits
from dudao.ingest.sheets import Place, Row, Sheet
from dudao.ingest.sources import WORKBOOK_SUFFIXES, open_sheets

REFUSED = ("unsafe_file", "unreadable_file")


class SameFile(ValueError):
    """The annotated copy would overwrite the file it copies."""


def annotate(
    path: Path,
    report: FindingReport,
    out: Path,
    catalogue: Catalogue | None = None,
    limits: ReadLimits | None = None,
) -> None:
    """Write the annotated copy of the dataset at `path`, checked into `report`, to `out`."""
    catalogue = catalogue or default_catalogue()
    if out.exists() and path.exists() and out.resolve() == path.resolve():
        raise SameFile(str(out))
    if any(f.code in REFUSED and f.file == str(path) for f in report.findings):
        with CsvCopy(out) as copy:
            copy.findings(FindingsTable.of(report.findings, [], {}))
    elif path.suffix.lower() in WORKBOOK_SUFFIXES:
        annotate_workbook(path, report.findings, out, catalogue)
    else:
        _annotate_csv(path, report.findings, out, catalogue, limits or ReadLimits())


def _annotate_csv(
    path: Path,
    findings: Sequence[Finding],
    out: Path,
    catalogue: Catalogue,
    limits: ReadLimits,
) -> None:
    grouped = by_sheet(findings)
    placed: dict[SheetKey, CellRef] = {}
    located_cells: list[tuple[Finding, CellRef]] = []
    with CsvCopy(out) as copy, tempfile.TemporaryDirectory() as scratch:
        place = Place(str(path), None, catalogue)
        with open_sheets(path, place, limits) as sheets:
            for item in sheets:
                if isinstance(item, Finding):
                    continue  # already in the report
                key = (item.place.file, None)
                rows = _spooled(item, Path(scratch) / "sheet.csv")
                if rows is None:
                    continue  # undecodable: the report says so
                title = copy.add_sheet(item.name)
                placed[key] = CellRef(title, 1, 0)
                located = _write_sheet(
                    copy, title, rows, grouped.get(key, []), item.name, catalogue
                )
                located_cells.extend(_cell_refs(title, located))
        copy.findings(FindingsTable.of(findings, located_cells, placed))


def _spooled(sheet: Sheet, scratch: Path) -> Path | None:
    """The sheet's rows as UTF-8 CSV in `scratch`; a decoding retry starts the file again."""

    def consume(rows: Iterable[Row]) -> Path:
        with scratch.open("w", encoding="utf-8", newline="") as stream:
            csv.writer(stream).writerows(rows)
        return scratch

    try:
        return sheet.read(consume)
    except Exception:  # the check has reported why this file cannot be read
        return None


def _write_sheet(
    copy: CsvCopy,
    title: str,
    rows: Path,
    findings: list[Finding],
    name: str,
    catalogue: Catalogue,
) -> Located:
    with rows.open(encoding="utf-8", newline="") as stream:
        reader = csv.reader(stream)
        header = next(reader, [])
        located = locate(findings, header, name, catalogue)
        copy.write_row(title, 1, header, located)
        for number, cells in enumerate(reader, start=2):
            copy.write_row(title, number, cells, located)
    return located


def _cell_refs(title: str, located: Located) -> list[tuple[Finding, CellRef]]:
    return [
        (found, CellRef(title, row, column))
        for (row, column), found_here in located.cells.items()
        for found in found_here
    ]
