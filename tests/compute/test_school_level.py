"""School-level results: a school is a unit of the indicators that declare the level `school`.

District 440103 has two primary schools: A with 300 pupils and 15 teachers (20:1) and
B with 100 pupils and 10 teachers (10:1); the district is 400 / 25 = 16:1, not the
mean of the schools' ratios (15:1).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dudao.catalogue import default_catalogue
from dudao.cli.main import app
from dudao.compute import compute_indicators, unit_attribute
from dudao.compute.explain import explain
from tests.tables import arrow_tables, write_csv_folder

A, B = "4401030001", "4401030002"
ORG_UNITS = [
    {"code": "440100", "name": "广州市", "level": "city"},
    {"code": "440103", "name": "荔湾区", "level": "district", "parent_code": "440100"},
]


def _tables() -> dict[str, object]:
    return arrow_tables({
        "org_units": ORG_UNITS,
        "schools": [
            {"school_code": code, "name": name, "org_code": "440103", "school_type": "211",
             "ownership": "public"}
            for code, name in ((A, "甲小学"), (B, "乙小学"))
        ],
        "school_stage_year": [
            {"school_code": A, "year": 2008, "stage": "primary", "enrolment": 300, "teachers": 15},
            {"school_code": B, "year": 2008, "stage": "primary", "enrolment": 100, "teachers": 10},
        ],
        "population_year": [{"org_code": "440103", "year": 2008, "age_6_11": 500}],
    })  # type: ignore[return-value]  # fmt: skip


IDS = ["student_teacher_ratio_primary", "ger_primary"]


def test_schools_are_units_when_asked() -> None:
    results = compute_indicators(_tables(), indicator_ids=IDS, school_level=True)  # type: ignore[arg-type]
    values = {(r.indicator, r.unit_code): r.value for r in results}
    assert values[("student_teacher_ratio_primary", A)] == 20
    assert values[("student_teacher_ratio_primary", B)] == 10
    assert values[("student_teacher_ratio_primary", "440103")] == 16  # Σ / Σ, never a mean
    assert values[("ger_primary", "440103")] == 80
    assert ("ger_primary", A) not in values  # a school has no population


def test_schools_are_not_units_by_default() -> None:
    results = compute_indicators(_tables(), indicator_ids=IDS)  # type: ignore[arg-type]
    assert {r.unit_code for r in results} == {"440100", "440103"}


def test_the_school_level_is_declared_where_it_makes_sense() -> None:
    indicators = default_catalogue().indicators
    assert "school" in indicators["student_teacher_ratio_primary"].levels
    assert "school" in indicators["balance2017_key_teachers_per_100_junior"].levels
    for never in ("ger_primary", "edu_budget", "balance2012_cv_books_per_student_primary"):
        assert "school" not in indicators[never].levels


def test_explain_a_school() -> None:
    explained = explain(_tables(), "student_teacher_ratio_primary", A, 2008)  # type: ignore[arg-type]
    assert (explained.unit.name, explained.unit.level) == ("甲小学", "school")
    assert explained.results[0].value == 20
    assert [(t.role, t.total) for t in explained.terms] == [("numerator", 300), ("denominator", 15)]


def test_unit_attribute_knows_schools() -> None:
    levels = unit_attribute(_tables(), "level")  # type: ignore[arg-type]
    assert levels[A] == "school" and levels["440103"] == "district"
    assert unit_attribute(_tables(), "name")[B] == "乙小学"  # type: ignore[arg-type]


runner = CliRunner()


@pytest.fixture(scope="module")
def returns(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_csv_folder(_tables(), tmp_path_factory.mktemp("schools") / "returns")  # type: ignore[arg-type]


@pytest.mark.parametrize("selection", [["--unit", B], ["--level", "school"]])
def test_the_command_gives_school_results(returns: Path, selection: list[str]) -> None:
    arguments = ["compute", str(returns), "--indicator", IDS[0], *selection, "--json"]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    expected = {B: 10} if selection[0] == "--unit" else {A: 20, B: 10}
    assert {record["unit_code"]: record["value"] for record in records} == expected
