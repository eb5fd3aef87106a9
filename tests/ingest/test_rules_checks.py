"""The rule set's checks across tables, years and names: a hand-made passing and failing case each.

The store's approved data reach the checks as a callable (table id -> Arrow table), the same
interface dudao.store.previous supplies; here it returns tables built in the test.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa
import pytest

from dudao.catalogue import default_catalogue
from dudao.catalogue.arrow import arrow_schema
from dudao.ingest import Finding, read_dataset
from tests.ingest.builders import ORG_UNITS, assert_names, write_folder
from tests.ingest.test_rules_validation import findings_of

SCHOOLS = ["school_code", "name", "org_code", "school_type", "ownership", "closed"]
STAGES = ["school_code", "year", "stage", "enrolment", "enrolment_female", "teachers"]


def _check(
    tmp_path: Path,
    tables: Mapping[str, list[list[object]]],
    stored: Mapping[str, list[dict[str, object]]] | None = None,
) -> tuple[Path, list[Finding]]:
    folder = write_folder(
        tmp_path / "r",
        {name: [[_cell(v) for v in row] for row in rows] for name, rows in tables.items()},
    )
    previous = None if stored is None else (lambda table_id: _stored(table_id, stored))
    return folder, read_dataset(folder, previous=previous).report.findings


def _stored(table_id: str, stored: Mapping[str, list[dict[str, object]]]) -> pa.Table | None:
    if table_id not in stored:
        return None
    return pa.Table.from_pylist(
        stored[table_id], schema=arrow_schema(default_catalogue().tables[table_id])
    )


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def _only(findings: list[Finding], rule_id: str) -> Finding:
    found = findings_of(findings, rule_id)
    assert len(found) == 1, [f.to_json() for f in found]
    return found[0]


def test_stage_rows_match_the_school_type(tmp_path: Path) -> None:
    schools = [
        SCHOOLS,
        ["4401030001", "甲小学", "440103", "211", "public", None],
        ["4401030002", "乙幼儿园", "440103", "111", "public", None],
    ]
    stages = [
        STAGES,
        ["4401030001", 2008, "primary", 100, None, None],
        ["4401030002", 2008, "primary", 30, None, None],
    ]
    folder, findings = _check(
        tmp_path, {"org_units": ORG_UNITS, "schools": schools, "school_stage_year": stages}
    )
    found = _only(findings, "stage_matches_school_type")
    assert_names(
        found, file=str(folder / "school_stage_year.csv"), row=3, column="stage", value="primary"
    )
    assert (found.code, found.severity) == ("stage_mismatch", "error")
    assert "111 幼儿园" in found.expected_zh and "学前教育" in found.expected_zh
    assert "Kindergarten" in found.expected_en and "Preschool" in found.expected_en


def test_stage_rows_match_the_school_type_kept_in_the_store(tmp_path: Path) -> None:
    stages = [
        STAGES,
        ["4401030001", 2008, "primary", 100, None, None],
        ["4401030002", 2008, "junior", 30, None, None],
    ]
    stored = {
        "schools": [
            {
                "school_code": "4401030001",
                "name": "甲",
                "org_code": "440103",
                "school_type": "312",
                "ownership": "public",
            },
            {
                "school_code": "4401030002",
                "name": "乙",
                "org_code": "440103",
                "school_type": "211",
                "ownership": "public",
            },
        ]
    }
    _, findings = _check(tmp_path, {"school_stage_year": stages}, stored)
    found = _only(findings, "stage_matches_school_type")
    assert (found.row, found.value) == (3, "junior")


def test_student_microdata_agree_with_the_stage_counts(tmp_path: Path) -> None:
    stages = [
        STAGES,
        ["4401030001", 2008, "primary", 2, 1, None],
        ["4401030002", 2008, "primary", 3, 2, None],
    ]
    students = [
        ["student_id", "year", "school_code", "stage", "sex"],
        ["S1", 2008, "4401030001", "primary", "female"],
        ["S2", 2008, "4401030001", "primary", "male"],
        ["S3", 2008, "4401030002", "primary", "female"],
        ["S4", 2008, "4401030002", "primary", "male"],
    ]
    stages.append(["4401030003", 2008, "primary", 500, None, None])  # its students lack a stage
    students.append(["S5", 2008, "4401030003", None, "female"])
    folder, findings = _check(tmp_path, {"school_stage_year": stages, "students": students})
    found = findings_of(findings, "students_agree_with_counts")
    assert [(f.row, f.column, f.value) for f in found] == [
        (3, "enrolment", "3"),
        (3, "enrolment_female", "2"),
    ]
    assert_names(
        found[0], file=str(folder / "school_stage_year.csv"), row=3, column="enrolment", value="3"
    )
    assert found[0].code == "microdata_mismatch" and "(2)" in found[0].expected_en


def test_teacher_microdata_agree_with_the_teachers_over_stages(tmp_path: Path) -> None:
    stages = [
        STAGES,
        ["4401030001", 2008, "primary", 100, None, 2],
        ["4401030002", 2008, "primary", 100, None, 2],
        ["4401030002", 2008, "junior", 50, None, 1],
    ]
    teachers = [
        ["teacher_id", "year", "school_code", "employment"],
        ["T1", 2008, "4401030001", "established"],
        ["T2", 2008, "4401030001", "contract"],
        ["T3", 2008, "4401030002", "established"],
        ["T4", 2008, "4401030002", "established"],
        ["T5", 2008, "4401030002", "substitute"],
    ]
    folder, findings = _check(tmp_path, {"school_stage_year": stages, "teachers": teachers})
    found = _only(findings, "teachers_agree_with_counts")
    assert_names(
        found, file=str(folder / "school_stage_year.csv"), row=3, column="teachers", value="2"
    )
    assert "(3)" in found.expected_en and "(2)" in found.expected_en


MISSING_YEARS = {
    "school_series_complete": ("school_stage_year", ["school_code", "stage"], ["primary"]),
    "school_conditions_series_complete": ("school_year", ["school_code"], []),
    "org_series_complete": ("population_year", ["org_code"], []),
    "funding_series_complete": ("fiscal_year", ["org_code", "scope"], ["consolidated"]),
}


@pytest.mark.parametrize("rule_id", sorted(MISSING_YEARS))
def test_a_missing_year_in_a_series(tmp_path: Path, rule_id: str) -> None:
    table, key, rest = MISSING_YEARS[rule_id]
    unit = {"school_code": ("4401030001", "4401030002"), "org_code": ("440103", "440104")}[key[0]]
    rows = [[*key, "year"], *[[unit[0], *rest, year] for year in (2006, 2007, 2008)]]
    rows += [[unit[1], *rest, year] for year in (2005, 2008)]
    folder, findings = _check(tmp_path, {table: rows})
    found = _only(findings, rule_id)
    assert_names(found, file=str(folder / f"{table}.csv"), row=6, column="year", value="2008")
    assert found.severity == "warning" and "2006-2007" in found.expected_en


def test_a_missing_year_against_the_store(tmp_path: Path) -> None:
    population = [["org_code", "year", "age_6_11"], ["440103", 2008, 1000], ["440104", 2008, 1000]]
    stored = {
        "population_year": [
            {"org_code": "440103", "year": 2007, "age_6_11": 990},
            {"org_code": "440104", "year": 2006, "age_6_11": 990},
        ]
    }
    folder, findings = _check(tmp_path, {"population_year": population}, stored)
    found = _only(findings, "org_series_complete")
    assert_names(
        found, file=str(folder / "population_year.csv"), row=3, column="year", value="2008"
    )
    assert "2007" in found.expected_zh


YEAR_CHANGES = {
    "stage_counts_steady": (
        "school_stage_year",
        {"school_code": "4401030001", "stage": "primary"},
        "enrolment",
    ),
    "school_conditions_steady": ("school_year", {"school_code": "4401030001"}, "books"),
    "population_steady": ("population_year", {"org_code": "440103"}, "age_3_5"),
    "funding_steady": ("fiscal_year", {"org_code": "440103", "scope": "own_level"}, "edu_budget"),
}


@pytest.mark.parametrize("rule_id", sorted(YEAR_CHANGES))
def test_a_value_moving_more_than_the_factor(tmp_path: Path, rule_id: str) -> None:
    table, key, field = YEAR_CHANGES[rule_id]
    header = [*key, "year", field]
    # 5 -> 19 is below the floor of 20; 100 -> 300 is within the factor 3; 300 -> 901 is not.
    values = ((2004, 5), (2005, 19), (2006, 50), (2007, 100), (2008, 300), (2009, 901))
    rows = [[*key.values(), year, value] for year, value in values]
    folder, findings = _check(tmp_path, {table: [header, *rows]})
    found = _only(findings, rule_id)
    assert_names(found, file=str(folder / f"{table}.csv"), row=7, column=field, value="901")
    assert found.severity == "warning"
    assert "2008 (300)" in found.expected_en and "2009 has 901" in found.expected_en


def test_the_factor_is_a_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUDAO_RULES_YEAR_CHANGE_FACTOR", "4")
    table, key, field = YEAR_CHANGES["population_steady"]
    rows = [[*key.values(), year, value] for year, value in ((2008, 300), (2009, 901))]
    _, findings = _check(tmp_path, {table: [[*key, "year", field], *rows]})
    assert findings_of(findings, "population_steady") == []


def test_a_change_from_the_last_approved_year_names_both_values_and_years(tmp_path: Path) -> None:
    stages = [
        STAGES,
        ["4401030001", 2008, "primary", 400, None, None],
        ["4401030002", 2008, "primary", 100, None, None],
    ]
    stored = {
        "school_stage_year": [
            {"school_code": "4401030001", "year": 2007, "stage": "primary", "enrolment": 390},
            {"school_code": "4401030002", "year": 2006, "stage": "primary", "enrolment": 1000},
        ]
    }
    _, findings = _check(tmp_path, {"school_stage_year": stages}, stored)
    found = _only(findings, "stage_counts_steady")
    assert (found.row, found.value) == (3, "100")
    assert "2006 (1000)" in found.expected_en and "2008 has 100" in found.expected_en
    assert "2006年（1000）" in found.expected_zh


def test_a_school_that_vanished_without_closing(tmp_path: Path) -> None:
    schools = [
        SCHOOLS,
        ["4401030001", "甲小学", "440103", "211", "public", None],
        ["4401030002", "乙小学", "440103", "211", "public", 2008],
        ["4401030003", "丙小学", "440103", "211", "public", None],
    ]
    stages = [
        STAGES,
        *[
            [code, 2007, "primary", 100, None, None]
            for code in ("4401030001", "4401030002", "4401030003")
        ],
        ["4401030001", 2008, "primary", 100, None, None],
    ]
    folder, findings = _check(
        tmp_path, {"org_units": ORG_UNITS, "schools": schools, "school_stage_year": stages}
    )
    found = _only(findings, "no_school_vanishes")
    assert_names(
        found, file=str(folder / "schools.csv"), row=4, column="school_code", value="4401030003"
    )
    assert "2008" in found.expected_en and "2007" in found.expected_en


def test_a_school_of_the_store_that_vanished_is_named_at_the_dataset(tmp_path: Path) -> None:
    stages = [STAGES, ["4401030001", 2008, "primary", 100, None, None]]
    school = {"org_code": "440103", "school_type": "211", "ownership": "public"}
    stored = {
        "schools": [
            {"school_code": "4401030001", "name": "甲", **school},
            {"school_code": "4401030009", "name": "乙", **school},
        ],
        "school_stage_year": [
            {"school_code": code, "year": 2007, "stage": "primary", "enrolment": 100}
            for code in ("4401030001", "4401030009")
        ],
    }
    folder, findings = _check(tmp_path, {"school_stage_year": stages}, stored)
    found = _only(findings, "no_school_vanishes")
    assert_names(found, file=str(folder), row=None, column="school_code", value="4401030009")


def test_names_are_compared_in_one_script(tmp_path: Path) -> None:
    schools = [
        SCHOOLS,
        ["4401030001", "荔湾区第一小学", "440103", "211", "public", None],
        ["4401030002", "荔灣區 第一小學", "440103", "211", "public", None],
        ["4401040001", "荔湾区第一小学", "440104", "211", "public", None],
    ]
    folder, findings = _check(
        tmp_path,
        {"org_units": [*ORG_UNITS, ["440104", "越秀区", "district", "440100"]], "schools": schools},
    )
    found = _only(findings, "school_names_distinct")
    assert_names(
        found, file=str(folder / "schools.csv"), row=3, column="name", value="荔灣區 第一小學"
    )
    assert "荔湾区第一小学" in found.expected_zh and "row 2" in found.expected_en


def test_a_name_already_in_the_store_in_the_other_script(tmp_path: Path) -> None:
    schools = [SCHOOLS, ["4401030002", "荔灣區第一小學", "440103", "211", "public", None]]
    stored = {
        "schools": [
            {
                "school_code": "4401030001",
                "name": "荔湾区第一小学",
                "org_code": "440103",
                "school_type": "211",
                "ownership": "public",
            }
        ]
    }
    _, findings = _check(tmp_path, {"schools": schools}, stored)
    found = _only(findings, "school_names_distinct")
    assert found.row == 2 and "4401030001" in found.expected_en
