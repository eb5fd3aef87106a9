"""One case per rule of rules.yaml: the base city with one table spoilt so that the rule fails.

Validation and field rules reuse the hand-made passing and failing rows of
tests/ingest/test_rules_validation.py (keys moved onto the base city's units, so that nothing
else is wrong); the checks across tables, years and names have a case each below.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dudao.catalogue import default_catalogue
from tests.ingest.builders import Rows
from tests.ingest.corpus.case import Expect, case
from tests.ingest.corpus.files import SCHOOLS, STAGE_ROWS, city_folder, replaced
from tests.ingest.test_rules_validation import CASES, ROW_RULES, Row

# Passing row first, failing row second, on the base city's schools and units.
KEYS: dict[str, tuple[Row, Row]] = {
    "school_stage_year": (
        {"school_code": "4401030001", "year": 2007, "stage": "primary"},
        {"school_code": "4401030001", "year": 2008, "stage": "primary"},
    ),
    "school_year": (
        {"school_code": "4401030001", "year": 2007},
        {"school_code": "4401030001", "year": 2008},
    ),
    "population_year": ({"org_code": "440100", "year": 2008}, {"org_code": "440103", "year": 2008}),
    "fiscal_year": (
        {"org_code": "440100", "year": 2008, "scope": "consolidated"},
        {"org_code": "440103", "year": 2008, "scope": "consolidated"},
    ),
    "org_year": ({"org_code": "440100", "year": 2008}, {"org_code": "440103", "year": 2008}),
    "schools": (
        {"school_code": "4401030001", "name": "甲小学", "org_code": "440103"},
        {
            "school_code": "4401030002",
            "name": "乙幼儿园",
            "org_code": "440103",
            "school_type": "111",
        },
    ),
    "teachers": (
        {"teacher_id": "T1", "year": 2008, "school_code": "4401030001"},
        {"teacher_id": "T2", "year": 2008, "school_code": "4401030001"},
    ),
    # 2009: a year without stage rows, so the microdata are not compared with counts.
    "students": (
        {"student_id": "S1", "year": 2009, "school_code": "4401030001"},
        {"student_id": "S2", "year": 2009, "school_code": "4401030001"},
    ),
}


def _rows(passing: Row, failing: Row) -> list[list[object]]:
    header = list(dict.fromkeys([*passing, *failing]))
    return [header, *([row.get(name, "") for name in header] for row in (passing, failing))]


def _row_rule_writer(table: str, passing: Row, failing: Row) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        return city_folder(folder, **{table: _rows(passing, failing)})

    return write


for _rule_id in ROW_RULES:
    _rule = default_catalogue().rules[_rule_id]
    _case = CASES[_rule_id]
    _keys = KEYS[_rule.table]
    _passing, _failing = ({**row, **key} for key, row in zip(_keys, _case[:2], strict=True))
    case(
        f"rule_{_rule_id}",
        Expect(
            _rule.finding, f"city/{_rule.table}.csv", row=3, column=_case.column, value=_case.value
        ),
    )(_row_rule_writer(_rule.table, _passing, _failing))


STAGES = "city/school_stage_year.csv"
HEADER = ["school_code", "year", "stage", "enrolment"]


@case(
    "rule_stage_matches_school_type",
    Expect("stage_mismatch", STAGES, row=3, column="stage", value="preschool"),
)
def stage_of_another_school_type(folder: Path) -> Path:
    return city_folder(folder, schools=replaced(SCHOOLS, 3, "school_type", "211"))


@case(
    "rule_students_agree_with_counts",
    Expect("microdata_mismatch", STAGES, row=3, column="enrolment", value="300"),
)
def students_fewer_than_enrolled(folder: Path) -> Path:
    students = [
        ["student_id", "year", "school_code", "stage"],
        *[[f"S{n}", "2008", "4401030002", "preschool"] for n in range(299)],
    ]
    return city_folder(folder, students=students)


@case(
    "rule_teachers_agree_with_counts",
    Expect("microdata_mismatch", STAGES, row=2, column="teachers", value="3"),
)
def teachers_fewer_than_counted(folder: Path) -> Path:
    stages = [[*STAGE_ROWS[0], "teachers"], [*STAGE_ROWS[1], "3"]]
    teachers = [
        ["teacher_id", "year", "school_code", "employment"],
        ["T1", "2008", "4401030001", "established"],
        ["T2", "2008", "4401030001", "substitute"],
    ]
    return city_folder(folder, school_stage_year=stages, teachers=teachers)


@case(
    "rule_school_series_complete",
    Expect("missing_year", STAGES, row=3, column="year", value="2008"),
)
def a_school_skips_a_year(folder: Path) -> Path:
    stages = [
        HEADER,
        ["4401030001", "2006", "primary", "1200"],
        ["4401030001", "2008", "primary", "1234"],
    ]
    return city_folder(folder, school_stage_year=stages)


def _gap(table: str, key: list[str], values: list[str]) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        rows = [[*key, "year"], [*values, "2005"], [*values, "2008"]]
        return city_folder(folder, **{table: rows})

    return write


for _rule_id, (_table, _names, _values) in {
    "org_series_complete": ("population_year", ["org_code"], ["440103"]),
    "school_conditions_series_complete": ("school_year", ["school_code"], ["4401030001"]),
    "funding_series_complete": ("fiscal_year", ["org_code", "scope"], ["440103", "own_level"]),
}.items():
    case(
        f"rule_{_rule_id}",
        Expect("missing_year", f"city/{_table}.csv", row=3, column="year", value="2008"),
    )(_gap(_table, _names, _values))


def _jump(table: str, key: Rows, field: str) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        header, values = [*key[0], "year", field], list(key[1])
        rows = [header, [*values, "2007", "100"], [*values, "2008", "301"]]
        return city_folder(folder, **{table: rows})

    return write


for _rule_id, (_table, _key, _field) in {
    "stage_counts_steady": (
        "school_stage_year",
        [["school_code", "stage"], ["4401030001", "primary"]],
        "teachers",
    ),
    "school_conditions_steady": ("school_year", [["school_code"], ["4401030001"]], "classrooms"),
    "population_steady": ("population_year", [["org_code"], ["440103"]], "age_12_14"),
    "funding_steady": (
        "fiscal_year",
        [["org_code", "scope"], ["440103", "own_level"]],
        "edu_fiscal_total",
    ),
}.items():
    case(
        f"rule_{_rule_id}",
        Expect("year_change", f"city/{_table}.csv", row=3, column=_field, value="301"),
    )(_jump(_table, _key, _field))


@case(
    "rule_no_school_vanishes",
    Expect("vanished_school", "city/schools.csv", row=3, column="school_code", value="4401030002"),
)
def a_school_vanishes(folder: Path) -> Path:
    stages = [
        HEADER,
        ["4401030001", "2007", "primary", "1200"],
        ["4401030002", "2007", "preschool", "300"],
        ["4401030001", "2008", "primary", "1234"],
    ]
    return city_folder(folder, school_stage_year=stages)


@case(
    "rule_school_names_distinct",
    Expect("duplicate_name", "city/schools.csv", row=3, column="name", value="荔灣區第一小學"),
)
def a_name_in_the_other_script(folder: Path) -> Path:
    return city_folder(folder, schools=replaced(SCHOOLS, 3, "name", "荔灣區第一小學"))
