"""Cells a statistician can get wrong: blanks, text for numbers, codes, dates, keys, references."""

from __future__ import annotations

from pathlib import Path

import xlsxwriter

from tests.ingest.corpus.case import Expect, case
from tests.ingest.corpus.files import CITY, SCHOOLS, STAGE_ROWS, city_folder, replaced

STAGES = "city/school_stage_year.csv"


@case("blank_year", Expect("missing_required", STAGES, row=2, column="year", value=None))
def blank_year(folder: Path) -> Path:
    return city_folder(folder, school_stage_year=replaced(STAGE_ROWS, 2, "year", ""))


@case(
    "text_in_a_number_column", Expect("wrong_type", STAGES, row=3, column="enrolment", value="三百")
)
def text_in_a_number_column(folder: Path) -> Path:
    return city_folder(folder, school_stage_year=replaced(STAGE_ROWS, 3, "enrolment", "三百"))


@case("negative_count", Expect("out_of_range", STAGES, row=2, column="enrolment", value="-5"))
def negative_count(folder: Path) -> Path:
    return city_folder(folder, school_stage_year=replaced(STAGE_ROWS, 2, "enrolment", "-5"))


@case(
    "formula_text_in_a_number_column",
    Expect("wrong_type", STAGES, row=2, column="enrolment", value="=1+1"),  # never evaluated
)
def formula_in_a_number(folder: Path) -> Path:
    return city_folder(folder, school_stage_year=replaced(STAGE_ROWS, 2, "enrolment", "=1+1"))


HYPERLINK = '=HYPERLINK("http://example.com","荔湾区第一小学")'


def _formula_kept_as_text(stored: dict[str, list[dict[str, object]]]) -> None:
    assert stored["schools"][0]["name"] == HYPERLINK  # the text as sent: not run, not dropped


@case(
    "formula_text_as_a_name",
    Expect("formula", "city/schools.csv", row=2, column="name", value=HYPERLINK),  # as in xlsx
    stored=_formula_kept_as_text,
)
def formula_as_a_name(folder: Path) -> Path:
    return city_folder(folder, schools=replaced(SCHOOLS, 2, "name", HYPERLINK))


SUM = "=SUM(D2:D3)"


@case(
    "formula_sum_in_a_workbook_text_cell",
    Expect("formula", "city.xlsx", sheet="schools", row=3, column="name", value=SUM),
)
def formula_sum_in_a_text_cell(folder: Path) -> Path:
    """A text cell (not a formula cell) of a workbook whose text is a formula: said, kept."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "city.xlsx"
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    for name, rows in {**CITY, "schools": replaced(SCHOOLS, 3, "name", SUM)}.items():
        sheet = workbook.add_worksheet(name)
        for row, cells in enumerate(rows):
            for column, value in enumerate(cells):
                sheet.write(row, column, value)
    workbook.close()
    return path


@case("unknown_code", Expect("unknown_code", STAGES, row=2, column="stage", value="college"))
def unknown_code(folder: Path) -> Path:
    return city_folder(folder, school_stage_year=replaced(STAGE_ROWS, 2, "stage", "college"))


@case("year_out_of_range", Expect("out_of_range", STAGES, row=2, column="year", value="208"))
def year_out_of_range(folder: Path) -> Path:
    return city_folder(folder, school_stage_year=replaced(STAGE_ROWS, 2, "year", "208"))


@case(
    "date_in_a_wrong_format",
    Expect("wrong_type", "city/students.csv", row=2, column="birth_date", value="2001年13月45日"),
)
def date_in_a_wrong_format(folder: Path) -> Path:
    students = [
        ["student_id", "year", "school_code", "birth_date"],
        ["S1", "2008", "4401030001", "2001年13月45日"],
    ]
    return city_folder(folder, students=students)


@case(
    "duplicate_key",
    Expect("duplicate_key", STAGES, row=4, column="school_code,year,stage"),
)
def duplicate_key(folder: Path) -> Path:
    return city_folder(folder, school_stage_year=[*STAGE_ROWS, STAGE_ROWS[1]])


@case(
    "dangling_reference",
    Expect("dangling_reference", "city/schools.csv", row=3, column="org_code", value="440199"),
)
def dangling_reference(folder: Path) -> Path:
    return city_folder(folder, schools=replaced(SCHOOLS, 3, "org_code", "440199"))


@case(
    "rows_outside_the_submitting_unit",
    Expect("outside_submitter", "city/org_units.csv", row=2, column="code", value="440100"),
    org="440103",
)
def rows_outside(folder: Path) -> Path:
    return city_folder(folder)  # the district 440103 sends its city's row too


@case(
    "blank_required_text",
    Expect("missing_required", "city/students.csv", row=3, column="student_id", value=None),
)
def blank_required_text(folder: Path) -> Path:
    students = [
        ["student_id", "year", "school_code", "sex"],  # 2009: no stage rows to agree with
        ["S1", "2009", "4401030001", "female"],
        ["  ", "2009", "4401030001", "male"],
    ]
    return city_folder(folder, students=students)


def _cached_values(stored: dict[str, list[dict[str, object]]]) -> None:
    assert [row.get("enrolment") for row in stored["school_stage_year"]] == [1234, 0]


@case(
    "formula_cells_in_a_workbook",
    Expect("formula", "city.xlsx", sheet="school_stage_year", row=2, column="D", value="=1000+234"),
    Expect("formula", "city.xlsx", sheet="school_stage_year", row=3, column="D", value="=1+1"),
    stored=_cached_values,
)
def formula_cells(folder: Path) -> Path:
    """Formula cells: the value the spreadsheet program last saved is read, none is run; said.

    `=1000+234` cached as 1234 reads 1234; `=1+1` saved with no computed value (as programs
    that write xlsx without a calculation engine do) reads as its cached 0, not 2.
    """
    path = folder / "city.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    for name, rows in CITY.items():
        sheet = workbook.add_worksheet(name)
        for row_index, row in enumerate(rows):
            for column_index, value in enumerate(row):
                if value not in (None, ""):
                    sheet.write(row_index, column_index, value)
    stages = workbook.get_worksheet_by_name("school_stage_year")
    assert stages is not None
    stages.write_formula(1, 3, "=1000+234", None, 1234)
    stages.write_formula(2, 3, "=1+1")
    workbook.close()
    return path
