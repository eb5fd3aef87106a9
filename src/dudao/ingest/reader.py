"""read_dataset: a path in, typed Arrow tables and every finding out; never raises on content."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
from defusedxml import DefusedXmlException

from dudao.catalogue import Catalogue, TableDef, default_catalogue
from dudao.ingest.check_context import CheckContext, KnownCodes, PreviousTables
from dudao.ingest.dataset_checks import run_checks
from dudao.ingest.expected import for_table_name
from dudao.ingest.findings import Finding, FindingReport
from dudao.ingest.limits import ReadLimits
from dudao.ingest.names import NameIndex, table_index
from dudao.ingest.sheets import Place, Sheet, SheetProblem
from dudao.ingest.sources import SUPPORTED, digest, open_sheets
from dudao.ingest.table_reader import TablePart, TableRead, read_table
from dudao.ingest.template_sheets import is_template_sheet
from dudao.ingest.xml_safety import XML_BOMB


@dataclass
class Dataset:
    """The tables present in the input, each with exactly the catalogue's Arrow schema.

    `parts` keep where each table's rows came from (file, sheet, rows), in `tables` order,
    so that checks made later (e.g. at import) still point at the user's cells.
    """

    tables: dict[str, pa.Table]
    report: FindingReport
    source: str
    sha256: str
    parts: list[TablePart] = field(default_factory=list)
    checked_against_store: bool = False  # the rules across years saw the store's approved data


def read_dataset(
    path: Path | str,
    catalogue: Catalogue | None = None,
    *,
    known_codes: KnownCodes | None = None,
    previous: PreviousTables | None = None,
    limits: ReadLimits | None = None,
) -> Dataset:
    """Read a folder or zip of CSV files, a workbook or a CSV file; rows with errors are left out."""
    catalogue = catalogue or default_catalogue()
    path = Path(path)
    place = Place(str(path), None, catalogue)
    parts, findings = _read_parts(path, place, limits or ReadLimits())
    findings.extend(run_checks(CheckContext(parts, catalogue, place, known_codes, previous)))
    tables, sha256 = _tables(parts), digest(path)
    return Dataset(tables, FindingReport(findings), str(path), sha256, parts, previous is not None)


def _read_parts(
    path: Path, place: Place, limits: ReadLimits
) -> tuple[list[TablePart], list[Finding]]:
    parts: list[TablePart] = []
    findings: list[Finding] = []
    names = table_index(place.catalogue)
    try:
        with open_sheets(path, place, limits) as sheets:
            for item in sheets:
                if isinstance(item, Finding):
                    findings.append(item)
                else:
                    _read_sheet(item, names, limits, parts, findings)
    except Exception as error:  # a corrupt file must become a finding, not a traceback
        findings.append(_failure(place, error))
    return parts, findings


def _read_sheet(
    sheet: Sheet,
    names: NameIndex,
    limits: ReadLimits,
    parts: list[TablePart],
    findings: list[Finding],
) -> None:
    """Read one sheet as the table its name names; its findings and part appended."""
    table_id = names.match(sheet.name)
    if table_id is None and sheet.place.sheet is not None and is_template_sheet(sheet.name):
        return  # a template's instructions or code lists (worksheets): not data, not a mistake
    if table_id is None:
        said = for_table_name(sheet.place.catalogue)
        findings.append(sheet.place.finding("unknown_table", value=sheet.name, expected=said))
        return
    read = _read_table(sheet, sheet.place.catalogue.tables[table_id], limits)
    findings.extend(read.findings)
    if read.part is not None:
        parts.append(read.part)


def _read_table(sheet: Sheet, table: TableDef, limits: ReadLimits) -> TableRead:
    place = sheet.place
    try:
        return sheet.read(lambda rows: read_table(table, place, rows, limits))
    except SheetProblem as problem:
        return TableRead(
            None, [place.finding(problem.code, row=problem.row, expected=problem.expected)]
        )
    except Exception as error:  # as above, for one sheet: the others are still read
        return TableRead(None, [_failure(place, error)])


def _failure(place: Place, error: BaseException) -> Finding:
    """unsafe_file for XML bombs (openpyxl wraps defusedxml's refusal), else unreadable_file."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, DefusedXmlException):
            return place.finding("unsafe_file", expected=XML_BOMB)
        cause = cause.__cause__ or cause.__context__
    reason = f"{type(error).__name__}: {error}"
    return place.finding(
        "unreadable_file", expected=(f"{SUPPORTED[0]}（{reason}）", f"{SUPPORTED[1]} ({reason})")
    )


def _tables(parts: Iterable[TablePart]) -> dict[str, pa.Table]:
    by_table: dict[str, list[pa.Table]] = {}
    for part in parts:
        by_table.setdefault(part.table.id, []).append(part.data)
    return {table_id: pa.concat_tables(tables) for table_id, tables in by_table.items()}
