"""Headers and tables: duplicated, missing or unknown columns, unknown sheets, empty files."""

from __future__ import annotations

from pathlib import Path

from tests.ingest.corpus.case import Expect, case
from tests.ingest.corpus.files import ORG_UNITS, STAGE_ROWS, city_folder, city_xlsx

STAGES = "city/school_stage_year.csv"


@case("duplicate_header", Expect("duplicate_column", STAGES, row=1, value="enrolment"))
def duplicate_header(folder: Path) -> Path:
    rows = [[*row, row[3]] for row in STAGE_ROWS]
    return city_folder(folder, school_stage_year=rows)


@case("missing_required_column", Expect("missing_column", STAGES, row=1, column="year"))
def missing_required_column(folder: Path) -> Path:
    rows = [[cell for index, cell in enumerate(row) if index != 1] for row in STAGE_ROWS]
    return city_folder(folder, school_stage_year=rows)


@case("unknown_column", Expect("unknown_column", STAGES, row=1, value="备注"))
def unknown_column(folder: Path) -> Path:
    rows = [[*STAGE_ROWS[0], "备注"], *([*row, "ok"] for row in STAGE_ROWS[1:])]
    return city_folder(folder, school_stage_year=rows)


@case("unknown_table_file", Expect("unknown_table", "city/说明.csv", value="说明"))
def unknown_table_file(folder: Path) -> Path:
    return city_folder(folder, 说明=[["备注"], ["本表由区统计科填报"]])


@case("unknown_sheet", Expect("unknown_table", "city.xlsx", sheet="Sheet1", value="Sheet1"))
def unknown_sheet(folder: Path) -> Path:
    return city_xlsx(folder, Sheet1=[["备注"], ["x"]])


@case("clean_workbook")
def clean_workbook(folder: Path) -> Path:
    return city_xlsx(folder)


@case("chinese_headers_and_sheet_names")
def chinese_labels(folder: Path) -> Path:
    header = ["区划代码", "名称", "层级", "上级区划代码"]
    return city_xlsx(folder, org_units=[header, *ORG_UNITS[1:]])


@case("empty_csv_file", Expect("unreadable_file", STAGES, row=None, value=None))
def empty_csv(folder: Path) -> Path:
    city = city_folder(folder)
    (city / "school_stage_year.csv").write_bytes(b"")
    return city


@case("header_only_csv")
def header_only(folder: Path) -> Path:
    return city_folder(folder, school_stage_year=STAGE_ROWS[:1])


@case("empty_folder", Expect("unreadable_file", "empty"))
def empty_folder(folder: Path) -> Path:
    (folder / "empty").mkdir()
    return folder / "empty"
