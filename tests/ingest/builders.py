"""Small exchange-format fixtures written into tmp_path: CSV folders, zips and workbooks."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import xlsxwriter

from dudao.ingest import Finding, FindingReport

Rows = Sequence[Sequence[object]]
Tables = Mapping[str, Rows]  # table name (id or label) -> rows, the header first

ORG_UNITS: Rows = [
    ["code", "name", "level", "parent_code"],
    ["440100", "广州市", "city", ""],
    ["440103", "荔湾区", "district", "440100"],
]
SCHOOLS: Rows = [
    ["school_code", "name", "org_code", "school_type", "ownership"],
    ["4401030001", "荔湾区第一小学", "440103", "211", "public"],
    ["4401030002", "𠮷祥幼儿园", "440103", "111", "民办"],
]
STAGE_ROWS: Rows = [
    ["school_code", "year", "stage", "enrolment", "entrants", "graduates"],
    ["4401030001", "2008", "primary", "1,234", "200", "0"],
    ["4401030002", "2008", "preschool", "300", "", ""],
]
CITY: Tables = {"org_units": ORG_UNITS, "schools": SCHOOLS, "school_stage_year": STAGE_ROWS}


def csv_bytes(rows: Rows, encoding: str = "utf-8") -> bytes:
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    return text.getvalue().encode(encoding)


def write_folder(folder: Path, tables: Tables, encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        (folder / f"{name}.csv").write_bytes(csv_bytes(rows, encoding))
    return folder


def write_zip(path: Path, members: Mapping[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def zip_of_tables(path: Path, tables: Tables) -> Path:
    return write_zip(path, {f"{name}.csv": csv_bytes(rows) for name, rows in tables.items()})


def write_xlsx(path: Path, sheets: Tables) -> Path:
    """Numbers given as int/float are written as numbers, text as text."""
    workbook = xlsxwriter.Workbook(str(path))
    for name, rows in sheets.items():
        sheet = workbook.add_worksheet(name)
        for row_index, row in enumerate(rows):
            for column_index, value in enumerate(row):
                if value is not None and value != "":
                    sheet.write(row_index, column_index, value)
    workbook.close()
    return path


def only(report: FindingReport, code: str) -> Finding:
    found = [finding for finding in report.findings if finding.code == code]
    assert len(found) == 1, [f.to_json() for f in report.findings]
    return found[0]


def assert_names(
    found: Finding,
    *,
    file: str,
    sheet: str | None = None,
    row: int | None = None,
    column: str | None = None,
    value: str | None = None,
) -> None:
    """The finding names its place and value, in both languages."""
    assert (found.file, found.sheet, found.row, found.column, found.value) == (
        file,
        sheet,
        row,
        column,
        value,
    ), found
    assert found.message_zh and found.message_en and found.expected_zh and found.expected_en
    if value is not None:
        assert value in found.message_zh and value in found.message_en, found
