"""Cells by field type: empty is null, a reported zero is 0, and every bad cell is named."""

from __future__ import annotations

import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dudao.catalogue import default_catalogue
from dudao.ingest import Dataset, read_dataset
from dudao.ingest.batch import SPACE_BYTES, _stripped
from dudao.ingest.cells import column_parser, parser_for
from dudao.ingest.numbers import _plain_decimals, _plain_digits
from tests.ingest.builders import SCHOOLS, assert_names, csv_bytes, only

STAGE_HEADER = ["school_code", "year", "stage", "enrolment", "entrants", "graduates"]


def _read(tmp_path: Path, table: str, rows: list[list[str]]) -> Dataset:
    (tmp_path / f"{table}.csv").write_bytes(csv_bytes(rows))
    return read_dataset(tmp_path)


def _stage(tmp_path: Path, *rows: list[str]) -> Dataset:
    return _read(tmp_path, "school_stage_year", [STAGE_HEADER, *rows])


def test_empty_is_null_and_zero_is_zero(tmp_path: Path) -> None:
    dataset = _stage(tmp_path, ["4401030001", "2008", "primary", "0", "", " 12.0 "])
    row = dataset.tables["school_stage_year"].to_pylist()[0]
    assert (row["enrolment"], row["entrants"], row["graduates"], row["classes"]) == (
        0,
        None,
        12,
        None,
    )


def test_one_bad_row_is_reported_and_the_good_rows_kept(tmp_path: Path) -> None:
    dataset = _stage(
        tmp_path,
        ["4401030001", "2008", "primary", "1,234", "", ""],
        ["4401030001", "2009", "primary", "12.5", "", ""],
        ["4401030001", "2010", "primary", "1,000,000", "", ""],
    )
    found = only(dataset.report, "wrong_type")
    assert_names(
        found, file=str(tmp_path / "school_stage_year.csv"), row=3, column="enrolment", value="12.5"
    )
    assert (found.expected_zh, found.expected_en) == ("非负整数", "a non-negative integer")
    assert dataset.tables["school_stage_year"].column("year").to_pylist() == [2008, 2010]
    assert dataset.tables["school_stage_year"].column("enrolment").to_pylist() == [1234, 1000000]


@pytest.mark.parametrize("text", ["-1", "1,23", "12,3456", "abc", "1.2.3", "1e3", "nan"])
def test_bad_counts(tmp_path: Path, text: str) -> None:
    report = _stage(tmp_path, ["4401030001", "2008", "primary", text, "", ""]).report
    code = "out_of_range" if text == "-1" else "wrong_type"
    assert_names(
        only(report, code),
        file=str(tmp_path / "school_stage_year.csv"),
        row=2,
        column="enrolment",
        value=text,
    )


def test_counts_above_max_are_out_of_range(tmp_path: Path) -> None:
    header = ["student_id", "year", "school_code", "grade"]
    report = _read(tmp_path, "students", [header, ["S1", "2008", "4401030001", "10"]]).report
    found = only(report, "out_of_range")
    assert_names(found, file=str(tmp_path / "students.csv"), row=2, column="grade", value="10")
    assert "1" in found.expected_en and "9" in found.expected_en


@pytest.mark.parametrize(
    ("text", "code"), [("1899", "out_of_range"), ("08", "out_of_range"), ("二〇〇八", "wrong_type")]
)
def test_years(tmp_path: Path, text: str, code: str) -> None:
    report = _stage(tmp_path, ["4401030001", text, "primary", "1", "", ""]).report
    assert_names(
        only(report, code),
        file=str(tmp_path / "school_stage_year.csv"),
        row=2,
        column="year",
        value=text,
    )


def test_missing_required_and_default(tmp_path: Path) -> None:
    rows = [
        [*SCHOOLS[0], "sponsor_level"],
        [*SCHOOLS[1], ""],
        ["4401030002", "", "440103", "111", "public", "city"],
    ]
    dataset = _read(tmp_path, "schools", rows)
    found = only(dataset.report, "missing_required")
    assert_names(found, file=str(tmp_path / "schools.csv"), row=3, column="name")
    assert dataset.tables["schools"].to_pylist()[0]["sponsor_level"] == "county"


def test_default_applies_when_the_column_is_absent(tmp_path: Path) -> None:
    dataset = _read(tmp_path, "schools", list(map(list, SCHOOLS)))
    assert dataset.tables["schools"].column("sponsor_level").to_pylist() == ["county", "county"]


def test_unknown_code_closed_list_is_an_error_open_list_a_warning(tmp_path: Path) -> None:
    rows = [[*SCHOOLS[0], "sponsor_level"], [*SCHOOLS[1][:4], "公辦", "县"]]
    found = only(_read(tmp_path, "schools", rows).report, "unknown_code")
    assert_names(
        found, file=str(tmp_path / "schools.csv"), row=2, column="sponsor_level", value="县"
    )
    assert "county" in found.expected_en and found.severity == "error"
    header = ["project_id", "org_code", "year", "name", "kind"]
    dataset = _read(tmp_path, "projects", [header, ["P1", "440103", "2009", "创强", "sports_hall"]])
    found = next(
        f
        for f in dataset.report.findings
        if f.code == "unknown_code" and f.file.endswith("projects.csv")
    )
    assert found.severity == "warning" and found.value == "sports_hall"
    assert dataset.tables["projects"].column("kind").to_pylist() == ["sports_hall"]


def test_pattern_is_checked_with_its_expected_text(tmp_path: Path) -> None:
    rows = [list(SCHOOLS[0]), ["44010300", "甲", "440103", "211", "public"]]
    rows.append(["４４０１０３０００１", "乙", "440103", "211", "public"])  # full-width digits
    found, full_width = [
        f for f in _read(tmp_path, "schools", rows).report.findings if f.code == "wrong_type"
    ]
    assert_names(
        found, file=str(tmp_path / "schools.csv"), row=2, column="school_code", value="44010300"
    )
    assert full_width.row == 3
    assert (found.expected_zh, found.expected_en) == ("10位数字", "10 digits")


def test_dates_booleans_and_quantities(tmp_path: Path) -> None:
    header = ["student_id", "year", "school_code", "birth_date", "migrant", "special_needs"]
    rows = [
        header,
        ["S1", "2008", "4401030001", "2001-02-03", "是", "0"],
        ["S2", "2008", "4401030001", "2001/2/30", "TRUE", "否"],
    ]
    dataset = _read(tmp_path, "students", rows)
    assert_names(
        only(dataset.report, "wrong_type"),
        file=str(tmp_path / "students.csv"),
        row=3,
        column="birth_date",
        value="2001/2/30",
    )
    student = dataset.tables["students"].to_pylist()[0]
    assert (student["birth_date"], student["migrant"], student["special_needs"]) == (
        datetime.date(2001, 2, 3),
        True,
        False,
    )
    quantity = parser_for(
        default_catalogue().tables["school_year"].field("land_area"), default_catalogue()
    )
    assert quantity("12,345.50") == 12345.5 and quantity(".5") == 0.5


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**15))
def test_counts_with_thousands_separators_parse_back(number: int) -> None:
    count = parser_for(
        default_catalogue().tables["school_stage_year"].field("enrolment"), default_catalogue()
    )
    assert count(f"{number:,}") == number
    assert count(f"{number}") == number
    assert count(f"{number}.0") == number


# Columns whose parser takes the path without regexes; ODD cells send one cell by cell.
PLAIN_COUNTS = ["0", "7", "0012", "999999999999999999", None]  # "7" is no year
PLAIN_QUANTITIES = ["0", "1.", ".5", "-.5", "+.5", "+5", "-0", "007.250", "5", None]
ODD = ["1,000", "１２", "1e5", "9" * 400]


@pytest.mark.parametrize(
    ("table", "field", "plain"),
    [
        ("school_stage_year", "enrolment", PLAIN_COUNTS),
        ("school_stage_year", "year", PLAIN_COUNTS),
        ("school_year", "land_area", PLAIN_QUANTITIES),
    ],
)
@pytest.mark.parametrize("odd", ODD)
def test_a_plain_column_parses_as_the_same_cells_among_odd_ones(
    table: str, field: str, plain: list[str | None], odd: str
) -> None:
    catalogue = default_catalogue()
    parse = column_parser(catalogue.tables[table].field(field), catalogue)
    text = pa.array(plain, pa.string())
    assert _plain_digits(text) if plain is PLAIN_COUNTS else _plain_decimals(text) is not None
    alone = parse(text)
    among = parse(pa.array([*plain, odd], pa.string()))
    assert alone.values.to_pylist() == among.values.to_pylist()[:-1]
    assert alone.problems == [(index, p) for index, p in among.problems if index < len(plain)]
    assert alone.problems or field == "enrolment"  # "7" is no year, "-.5" below 0


def test_a_column_is_trimmed_whenever_arrow_would_trim_a_character() -> None:
    """SPACE_BYTES must hold a byte of every character Arrow trims, or a cell keeps a space."""
    points = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    text = pa.array([chr(c) for c in points], pa.string())
    trimmed = pc.equal(pc.utf8_trim_whitespace(text), "").to_pylist()
    spaces = [chr(c) for c, blank in zip(points, trimmed, strict=True) if blank]
    assert len(spaces) > 20
    assert all(SPACE_BYTES[list(space.encode())].any() for space in spaces)
    assert _stripped(pa.array(["\u3000１２\u00a0", "7", " x"], pa.string())).to_pylist() == [
        "１２",
        "7",
        "x",
    ]
