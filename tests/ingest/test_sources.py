"""Every input form of DATA.md "Files" reads into the same tables; bad files become findings."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyarrow as pa

from dudao.catalogue import arrow_schema, default_catalogue
from dudao.ingest import read_dataset
from tests.ingest.builders import (
    CITY,
    ORG_UNITS,
    SCHOOLS,
    STAGE_ROWS,
    assert_names,
    csv_bytes,
    only,
    write_folder,
    write_xlsx,
    write_zip,
    zip_of_tables,
)


def _assert_city(tables: dict[str, pa.Table]) -> None:
    catalogue = default_catalogue()
    assert set(tables) == {"org_units", "schools", "school_stage_year"}
    for table_id, table in tables.items():
        assert table.schema == arrow_schema(catalogue.tables[table_id])
    assert tables["schools"].column("name").to_pylist() == ["荔湾区第一小学", "𠮷祥幼儿园"]
    assert tables["schools"].column("ownership").to_pylist() == ["public", "private"]
    assert tables["school_stage_year"].column("enrolment").to_pylist() == [1234, 300]


def test_a_folder_of_csv_files(tmp_path: Path) -> None:
    dataset = read_dataset(write_folder(tmp_path / "returns", CITY))
    assert dataset.report.findings == []
    _assert_city(dataset.tables)
    assert dataset.source == str(tmp_path / "returns")


def test_a_zip_of_csv_files(tmp_path: Path) -> None:
    path = zip_of_tables(tmp_path / "returns.zip", CITY)
    dataset = read_dataset(path)
    assert dataset.report.findings == []
    _assert_city(dataset.tables)
    assert dataset.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_zip_members_are_reported_as_path_slash_member(tmp_path: Path) -> None:
    rows = [*SCHOOLS, ["123", "坏学校", "440103", "211", "public"]]
    path = write_zip(tmp_path / "r.zip", {"returns/schools.csv": csv_bytes(rows)})
    found = only(read_dataset(path).report, "wrong_type")
    assert_names(
        found, file=f"{path}/returns/schools.csv", row=4, column="school_code", value="123"
    )


def test_a_workbook_with_sheets_named_by_id_and_by_label_in_either_script(tmp_path: Path) -> None:
    sheets = {"org_units": ORG_UNITS, "學校名錄": SCHOOLS, "学校分学段年度数据": STAGE_ROWS}
    dataset = read_dataset(write_xlsx(tmp_path / "returns.xlsx", sheets))
    assert dataset.report.findings == []
    _assert_city(dataset.tables)


def test_csv_named_by_chinese_label(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "r", {"行政區劃": ORG_UNITS, "学校名录": SCHOOLS})
    dataset = read_dataset(folder)
    assert dataset.report.findings == []
    assert dataset.tables["schools"].num_rows == 2 and dataset.tables["org_units"].num_rows == 2


def test_folder_digest_covers_names_and_bytes(tmp_path: Path) -> None:
    first = read_dataset(write_folder(tmp_path / "a", CITY)).sha256
    assert first == read_dataset(write_folder(tmp_path / "b", CITY)).sha256
    (tmp_path / "b" / "schools.csv").rename(tmp_path / "b" / "学校名录.csv")
    assert read_dataset(tmp_path / "b").sha256 != first


def test_workbook_numbers_dates_and_formulas_are_values(tmp_path: Path) -> None:
    import datetime

    import xlsxwriter

    path = tmp_path / "cases.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("substitute_cases")
    sheet.write_row(
        0, 0, ["case_id", "org_code", "identified_year", "outcome_date", "compensation"]
    )
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(1, 0, ["C1", 440103, 2008.0])
    sheet.write_datetime(1, 3, datetime.datetime(2009, 10, 31), date_format)
    sheet.write_formula(1, 4, "=1000*1.5", None, 1500)
    sheet.write_row(2, 0, ["C2", "440103", 2009, 40117, "2,500.5"])
    workbook.close()
    dataset = read_dataset(path)
    codes = sorted(f.code for f in dataset.report.findings)
    assert codes == ["dangling_reference", "formula"]  # the formula is said, its value read
    cases = dataset.tables["substitute_cases"].to_pylist()
    assert [c["org_code"] for c in cases] == ["440103", "440103"]
    assert [c["identified_year"] for c in cases] == [2008, 2009]
    assert [c["outcome_date"] for c in cases] == [datetime.date(2009, 10, 31)] * 2
    assert [c["compensation"] for c in cases] == [1500.0, 2500.5]


def test_unknown_sheet_is_a_warning_and_the_rest_is_read(tmp_path: Path) -> None:
    sheets = {"填表说明": [["请按模板填写"]], "org_units": ORG_UNITS}
    path = write_xlsx(tmp_path / "r.xlsx", sheets)
    dataset = read_dataset(path)
    found = only(dataset.report, "unknown_table")
    assert found.severity == "warning" and not dataset.report.has_errors
    assert_names(found, file=str(path), sheet="填表说明", value="填表说明")
    assert dataset.tables["org_units"].num_rows == 2


def test_unknown_csv_in_a_folder_is_a_warning(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "r", {"org_units": ORG_UNITS, "notes": [["x"]]})
    found = only(read_dataset(folder).report, "unknown_table")
    assert_names(found, file=str(folder / "notes.csv"), value="notes")


def test_unreadable_inputs_are_one_finding_each(tmp_path: Path) -> None:
    not_zip = tmp_path / "r.zip"
    not_zip.write_bytes(b"this is not a zip")
    corrupt = tmp_path / "r.xlsx"
    corrupt.write_bytes(b"PK\x03\x04 broken")
    other = tmp_path / "r.pdf"
    other.write_bytes(b"%PDF-1.4")
    empty = tmp_path / "empty"
    empty.mkdir()
    for path in (not_zip, corrupt, other, empty, tmp_path / "missing.csv"):
        dataset = read_dataset(path)
        found = only(dataset.report, "unreadable_file")
        assert found.severity == "error" and dataset.tables == {}
        assert_names(found, file=str(path))


def test_a_single_csv_file_is_a_dataset(tmp_path: Path) -> None:
    path = tmp_path / "schools.csv"
    path.write_bytes(csv_bytes(SCHOOLS))
    dataset = read_dataset(path)
    assert dataset.tables["schools"].num_rows == 2
    assert {f.code for f in dataset.report.findings} == {"dangling_reference"}


def test_workbook_findings_name_sheet_and_row_counting_blank_rows(tmp_path: Path) -> None:
    rows = [*ORG_UNITS, [], ["440104", "越秀区", "county", "440100"]]
    path = write_xlsx(tmp_path / "r.xlsx", {"行政区划": rows})
    dataset = read_dataset(path)
    found = only(dataset.report, "unknown_code")
    assert_names(found, file=str(path), sheet="行政区划", row=5, column="level", value="county")
    assert dataset.tables["org_units"].num_rows == 2


def test_a_table_given_twice_is_read_once_with_keys_checked_across_files(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "r", {"org_units": ORG_UNITS, "行政区划": ORG_UNITS[:2]})
    dataset = read_dataset(folder)
    found = only(dataset.report, "duplicate_key")
    assert_names(found, file=str(folder / "行政区划.csv"), row=2, column="code", value="440100")
    assert str(folder / "org_units.csv") in found.expected_en
    assert dataset.tables["org_units"].num_rows == 3


def test_limits_default_to_security_md() -> None:
    from dudao.ingest import ReadLimits

    limits = ReadLimits()
    assert (limits.max_ratio, limits.max_total_bytes, limits.max_entries, limits.max_rows) == (
        200,
        2 * 1024**3,
        10_000,
        2_000_000,
    )


def test_zip_member_names_in_gbk_as_chinese_windows_writes_them(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "r.zip", {"XXXXXXXX.csv": csv_bytes(SCHOOLS)})
    gbk_name = "学校名录.csv".encode("gbk")
    assert len(gbk_name) == len(b"XXXXXXXX.csv")
    path.write_bytes(path.read_bytes().replace(b"XXXXXXXX.csv", gbk_name))
    dataset = read_dataset(path)
    assert dataset.tables["schools"].num_rows == 2
    assert {f.file for f in dataset.report.findings} == {f"{path}/学校名录.csv"}
