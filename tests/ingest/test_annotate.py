"""The annotated copy: each finding on the very cell it names, every finding on one sheet."""

from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl
import pytest

from dudao.ingest import Finding, read_dataset
from dudao.ingest.annotate import SameFile, annotate
from dudao.ingest.annotate_cells import ERROR_FILL, WARNING_FILL
from tests.ingest.builders import (
    Rows,
    csv_bytes,
    write_folder,
    write_xlsx,
    write_zip,
    zip_of_tables,
)

FINDINGS = "检查结果 Findings"
ORG_UNITS: Rows = [
    ["code", "name", "level", "parent_code"],
    ["440100", "广州市", "city", ""],
    ["440103", "荔湾区", "district", "440100"],
]
# Headers as labels, in a free order, with a column the format does not know.
SCHOOLS: Rows = [
    ["学校名称", "学校标识码", "所在区划代码", "办学类型代码", "举办者性质", "备注"],
    ["第一小学", "4401030001", "440103", "211", "public", "x"],
    ["第二小学", "4401030002", "440103", "999", "public", ""],  # D3: unknown code
    ["", "4401030003", "440103", "211", "public", ""],  # A4: name missing
    ["第四小学", "44010300", "440103", "211", "public", ""],  # B5: not 10 digits
]
STAGES: Rows = [
    ["school_code", "year", "stage", "enrolment"],
    ["4401030001", "2008", "primary", "100"],
    ["4401030001", "2008", "primary", "100"],  # A3: the key again
    ["4401030002", "2008", "primary", "abc"],  # D4: not a number
]
MARKED = {  # (table, cell) -> finding code
    ("schools", "F1"): "unknown_column",
    ("schools", "D3"): "unknown_code",
    ("schools", "A4"): "missing_required",
    ("schools", "B5"): "wrong_type",
    ("school_stage_year", "A3"): "duplicate_key",
    ("school_stage_year", "D4"): "wrong_type",
}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _annotated(source: Path, out: Path) -> tuple[list[Finding], openpyxl.Workbook]:
    findings = read_dataset(source).report
    before = _digest(source) if source.is_file() else None
    annotate(source, findings, out)
    if before is not None:
        assert _digest(source) == before  # the user's file is only read
    return findings.findings, openpyxl.load_workbook(out)


def _assert_marked(
    workbook: openpyxl.Workbook, sheets: dict[str, str], findings: list[Finding]
) -> None:
    """Exactly the named cells are coloured, each with its finding's messages in zh and en."""
    for (table, address), code in MARKED.items():
        cell = workbook[sheets[table]][address]
        (found,) = [f for f in findings if f.code == code and sheets[table] in (f.sheet or f.file)
                    and f.row == cell.row]  # fmt: skip
        colour = ERROR_FILL if found.severity == "error" else WARNING_FILL
        assert cell.fill.fgColor.rgb.endswith(colour), (address, cell.fill.fgColor.rgb)
        assert found.message_zh in cell.comment.text and found.message_en in cell.comment.text
    for table in ("schools", "school_stage_year"):
        sheet = workbook[sheets[table]]
        coloured = {
            cell.coordinate
            for row in sheet.iter_rows()
            for cell in row
            if cell.fill.fgColor.rgb and cell.fill.fgColor.rgb.endswith((ERROR_FILL, WARNING_FILL))
        }
        assert coloured == {address for (t, address) in MARKED if t == table}


def _assert_findings_sheet(workbook: openpyxl.Workbook, findings: list[Finding]) -> dict[str, str]:
    """The first sheet lists every finding; returns message_en -> the linked cell."""
    assert workbook.sheetnames[0] == FINDINGS
    sheet = workbook[FINDINGS]
    rows = list(sheet.iter_rows(min_row=2))
    assert [(r[1].value, r[8].value) for r in rows] == [(f.code, f.message_en) for f in findings]
    return {r[8].value: r[9].hyperlink.location if r[9].hyperlink else None for r in rows}


def test_a_workbook_copy_marks_each_finding_on_its_cell(tmp_path: Path) -> None:
    source = write_xlsx(
        tmp_path / "city.xlsx",
        {"行政区划": ORG_UNITS, "学校名录": SCHOOLS, "school_stage_year": STAGES, "备注": [["x"]]},
    )
    findings, workbook = _annotated(source, tmp_path / "annotated.xlsx")
    _assert_marked(
        workbook, {"schools": "学校名录", "school_stage_year": "school_stage_year"}, findings
    )
    links = _assert_findings_sheet(workbook, findings)
    code = next(f for f in findings if f.code == "unknown_code")
    assert links[code.message_en] == "学校名录!D3"
    sheet_only = next(f for f in findings if f.code == "unknown_table")
    assert links[sheet_only.message_en] == "备注!A1"
    assert workbook["学校名录"]["B2"].value == "4401030001"  # the data are the user's


def test_csv_files_become_one_sheet_each_annotated_the_same_way(tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path / "city", {"org_units": ORG_UNITS, "schools": SCHOOLS, "school_stage_year": STAGES}
    )
    findings, workbook = _annotated(folder, tmp_path / "annotated.xlsx")
    assert workbook.sheetnames == [FINDINGS, "org_units", "school_stage_year", "schools"]
    _assert_marked(
        workbook, {"schools": "schools", "school_stage_year": "school_stage_year"}, findings
    )
    links = _assert_findings_sheet(workbook, findings)
    assert links[next(f for f in findings if f.code == "unknown_code").message_en] == "schools!D3"
    assert [c.value for c in workbook["schools"][5]] == [
        "第四小学",
        "44010300",
        "440103",
        "211",
        "public",
        None,
    ]


def test_a_zip_of_gb18030_files_is_decoded_as_the_check_read_it(tmp_path: Path) -> None:
    source = write_zip(
        tmp_path / "city.zip",
        {"学校名录.csv": csv_bytes(SCHOOLS, "gb18030"), "org_units.csv": csv_bytes(ORG_UNITS)},
    )
    findings, workbook = _annotated(source, tmp_path / "annotated.xlsx")
    sheet = workbook["学校名录"]
    assert sheet["A2"].value == "第一小学"
    assert sheet["D3"].fill.fgColor.rgb.endswith(ERROR_FILL)
    assert any(f.file.endswith("city.zip/学校名录.csv") for f in findings)


def test_a_file_the_check_cannot_read_gives_a_copy_of_its_findings_only(tmp_path: Path) -> None:
    source = tmp_path / "broken.xlsx"
    source.write_bytes(b"not a workbook")
    findings, workbook = _annotated(source, tmp_path / "annotated.xlsx")
    assert workbook.sheetnames == [FINDINGS]
    assert [f.code for f in findings] == ["unreadable_file"]
    assert workbook[FINDINGS]["B2"].value == "unreadable_file"


def test_the_copy_never_overwrites_the_file_it_copies(tmp_path: Path) -> None:
    source = zip_of_tables(tmp_path / "city.zip", {"org_units": ORG_UNITS})
    before = _digest(source)
    with pytest.raises(SameFile):
        annotate(source, read_dataset(source).report, source)
    assert _digest(source) == before


def test_an_annotated_copy_checked_again_reports_no_findings_sheet(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "city", {"org_units": ORG_UNITS, "schools": SCHOOLS})
    _annotated(folder, tmp_path / "annotated.xlsx")
    again = read_dataset(tmp_path / "annotated.xlsx").report.findings
    assert not [f for f in again if f.code == "unknown_table"]
    assert {f.code for f in again} == {
        "unknown_column",
        "unknown_code",
        "missing_required",
        "wrong_type",
    }
