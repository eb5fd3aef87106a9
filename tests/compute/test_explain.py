"""`explain`: a figure's terms and their largest rows, worked by hand, for each kind.

The city 440100 has two districts. Preschool enrolment 2008: 440103 has schools
A (300), B (100) and C (50); 440104 has D (250). Population aged 3-5: the city has
its own row in 2007 only (so 2007 reads it, 2008 sums its districts: 700 + 300).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dudao.cli.main import app
from dudao.compute import compute_indicators
from dudao.compute.explain import ExplainError, explain
from dudao.compute.sources import DataSource, file_source
from tests.compute import test_dispersion, test_funding_kinds
from tests.tables import arrow_tables, write_csv_folder

ORG_UNITS = test_funding_kinds.ORG_UNITS
SCHOOLS = {"A": ("440103", 300), "B": ("440103", 100), "C": ("440103", 50), "D": ("440104", 250)}
DIGIT = {"A": 1, "B": 2, "C": 3, "D": 4}  # school codes are 10 digits: 4401030001 is A


def _tables() -> dict[str, object]:
    return arrow_tables({
        "org_units": ORG_UNITS,
        "schools": [
            {"school_code": f"{org}000{DIGIT[code]}", "name": f"{code}幼儿园", "org_code": org,
             "school_type": "111", "ownership": "public"}
            for code, (org, _) in SCHOOLS.items()
        ],
        "school_stage_year": [
            {"school_code": f"{org}000{DIGIT[code]}", "year": year, "stage": "preschool", "enrolment": n}
            for code, (org, n) in SCHOOLS.items() for year in (2007, 2008)
        ],
        "population_year": [
            {"org_code": "440100", "year": 2007, "age_3_5": 900},
            {"org_code": "440103", "year": 2008, "age_3_5": 700},
            {"org_code": "440104", "year": 2008, "age_3_5": 300},
        ],
        "fiscal_year": test_funding_kinds.FISCAL,
    })  # type: ignore[return-value]  # fmt: skip


def test_a_ratio_names_its_largest_rows() -> None:
    explained = explain(_tables(), "ger_preschool", "440100", 2008, top=2)  # type: ignore[arg-type]
    (result,) = explained.results
    assert (result.numerator, result.denominator, result.display) == (700, 1000, "70.00%")
    numerator, denominator = explained.terms
    assert (numerator.role, numerator.total, numerator.contributors) == ("numerator", 700, 4)
    assert [(row.code, row.name, row.value) for row in numerator.rows] == [
        ("4401030001", "A幼儿园", 300), ("4401040004", "D幼儿园", 250)
    ]  # fmt: skip
    assert numerator.rows[0].share == pytest.approx(300 / 700)
    assert [(row.code, row.name, row.value) for row in denominator.rows] == [
        ("440103", "荔湾区", 700), ("440104", "越秀区", 300)
    ]  # fmt: skip
    assert explained.formula == "100 × Σnumerator ÷ Σdenominator"
    assert (explained.unit.name, explained.unit.level) == ("广州市", "city")


def test_an_own_row_is_the_only_row_read() -> None:
    explained = explain(_tables(), "ger_preschool", "440100", 2007)  # type: ignore[arg-type]
    denominator = explained.terms[1]
    assert [(row.code, row.value) for row in denominator.rows] == [("440100", 900)]


def test_a_district_reads_its_own_schools() -> None:
    explained = explain(_tables(), "ger_preschool", "440103", 2008)  # type: ignore[arg-type]
    assert [row.code for row in explained.terms[0].rows] == [
        "4401030001",
        "4401030002",
        "4401030003",
    ]
    assert explained.terms[0].total == 450


def test_a_growth_shows_both_years_by_scope() -> None:
    explained = explain(_tables(), "edu_budget_growth", "440100", 2008)  # type: ignore[arg-type]
    shown = {
        (t.role, t.year, t.scope): [(r.code, r.value) for r in t.rows] for t in explained.terms
    }
    assert shown == {
        ("numerator", 2008, "consolidated"): [("440104", 260), ("440103", 110)],
        ("numerator", 2007, "consolidated"): [("440104", 200), ("440103", 100)],
        ("numerator", 2008, "own_level"): [("440100", 52)],
        ("numerator", 2007, "own_level"): [("440100", 50)],
    }
    assert {r.scope: r.value for r in explained.results} == {
        "consolidated": pytest.approx(370 / 300 * 100 - 100), "own_level": pytest.approx(4.0)
    }  # fmt: skip


def test_a_test_shows_its_inputs_and_evidence() -> None:
    explained = explain(_tables(), "three_growths_1", "440100", 2008)  # type: ignore[arg-type]
    own = next(r for r in explained.results if r.scope == "own_level")
    assert own.passed is False and own.evidence is not None
    inputs = {(r.indicator, r.scope, r.year): r.value for r in explained.inputs}
    assert inputs[("edu_budget_growth", "own_level", 2008)] == pytest.approx(4.0)
    assert inputs[("regular_revenue_growth", "own_level", 2008)] == pytest.approx(25.0)
    assert ("edu_budget_growth", "own_level", 2007) in inputs  # t-1 is shown too
    assert explained.terms == () and "edu_budget_growth(t) >" in explained.formula


def test_a_dispersion_lists_its_schools_with_their_part_of_the_variance() -> None:
    tables = arrow_tables(test_dispersion._tables())  # type: ignore[arg-type]
    explained = explain(tables, test_dispersion.ID, "440103", 2008)
    b_area = 2100 * 200 / 321
    mean = (500 + b_area) / 300
    parts = {"440103000A": 100 / 300 * (5 - mean) ** 2, "440103000B": 200 / 300 * (b_area / 200 - mean) ** 2}  # fmt: skip
    kept = [school for school in explained.schools if not school.left_out]
    assert sorted(s.code for s in kept) == sorted(parts)
    for school in kept:
        assert school.variance_part == pytest.approx(parts[school.code] / sum(parts.values()))
    assert math.sqrt(sum(parts.values())) / mean == pytest.approx(explained.results[0].value)
    b = next(s for s in kept if s.code == "440103000B")
    assert (b.resource, b.enrolment, b.value) == (
        pytest.approx(b_area),
        200,
        pytest.approx(b_area / 200),
    )
    (left_out,) = [school for school in explained.schools if school.left_out]
    assert left_out.code == "440103000C" and left_out.value is None
    assert explained.schools[-1] == left_out


def test_period_figures_read_the_period() -> None:
    tables = _tables()
    explained = explain(tables, "ger_preschool", "440100", 2008, period=(2007, 2008))  # type: ignore[arg-type]
    assert explained.period is None  # a yearly figure has no period
    merged = explain(tables, "schools_merged", "440100", 2008, period=(2007, 2008))  # type: ignore[arg-type]
    assert merged.period == (2007, 2008)


def test_unknown_unit_or_indicator_is_refused_in_both_languages() -> None:
    with pytest.raises(ExplainError, match=r"没有单位 440199.*no unit 440199"):
        explain(_tables(), "ger_preschool", "440199", 2008)  # type: ignore[arg-type]
    with pytest.raises(ExplainError, match="未知指标 unknown indicator: ger_college"):
        explain(_tables(), "ger_college", "440100", 2008)  # type: ignore[arg-type]


def test_only_the_sources_read_are_listed() -> None:
    versions = [
        DataSource("version", "v1", ("population_year",), org_code="440100", year=2008),
        DataSource("version", "v2", ("population_year",), org_code="440100", year=2005),
        DataSource("version", "v3", ("fiscal_year",), org_code="440100", year=2008),
        DataSource("version", "v4", ("schools", "org_units"), org_code="440100"),
        DataSource("version", "v5", ("population_year",), org_code="450100", year=2008),
    ]
    explained = explain(_tables(), "ger_preschool", "440103", 2008, sources=versions)  # type: ignore[arg-type]
    assert [source.label for source in explained.sources] == ["v1", "v4"]
    file = file_source("returns", "ab" * 32, ["fiscal_year", "population_year", "schools"])
    (shown,) = explain(_tables(), "ger_preschool", "440103", 2008, sources=[file]).sources  # type: ignore[arg-type]
    assert shown.tables == ("population_year", "schools") and shown.sha256 == "ab" * 32


def test_the_figure_is_the_one_compute_gives() -> None:
    tables = _tables()
    computed = compute_indicators(tables, indicator_ids=["ger_preschool"])  # type: ignore[arg-type]
    expected = next(r for r in computed if r.unit_code == "440100" and r.year == 2008)
    assert explain(tables, "ger_preschool", "440100", 2008).results == (expected,)  # type: ignore[arg-type]


runner = CliRunner()


@pytest.fixture(scope="module")
def returns(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_csv_folder(_tables(), tmp_path_factory.mktemp("explain") / "returns")  # type: ignore[arg-type]


def test_the_command_prints_the_api_json_with_the_file_digest(returns: Path) -> None:
    from dudao.ingest import read_dataset

    arguments = ["explain", "ger_preschool", "--unit", "440100", "--year", "2008", str(returns)]
    result = runner.invoke(app, [*arguments, "--json"])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    dataset = read_dataset(returns)
    sources = [file_source(dataset.source, dataset.sha256, dataset.tables)]
    assert (
        printed
        == explain(dataset.tables, "ger_preschool", "440100", 2008, sources=sources).to_json()
    )
    assert printed["sources"][0]["sha256"] == dataset.sha256
    text = runner.invoke(app, arguments)
    assert text.exit_code == 0 and "4401030001" in text.stdout and "荔湾区" in text.stdout


def test_the_command_refuses_an_unknown_unit(returns: Path) -> None:
    arguments = ["explain", "ger_preschool", "--unit", "440199", "--year", "2008", str(returns)]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 2 and "440199" in result.output


def test_from_the_store_the_versions_read_are_listed(returns: Path, tmp_path: Path) -> None:
    from dudao import store

    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    imported = runner.invoke(app, ["import", str(returns), "--store", url, "--org", "440100"])
    assert imported.exit_code == 0, imported.output
    arguments = ["explain", "ger_preschool", "--unit", "440103", "--year", "2008", "--store", url]
    unapproved = runner.invoke(app, [*arguments, "--json"])  # nothing approved: no units yet
    assert unapproved.exit_code == 2 and "440103" in unapproved.output
    latest = json.loads(runner.invoke(app, [*arguments, "--data", "latest", "--json"]).stdout)
    assert {source["status"] for source in latest["sources"]} == {"draft"}
    stored = store.versions()
    for command in (
        ["submit", "--org", "440100", "--user", "district"],
        ["approve", "440100", "--org", "440100", "--user", "city"],  # the top reviews its own
    ):
        acted = runner.invoke(app, [*command, "--store", url])
        assert acted.exit_code == 0, acted.output
    printed = json.loads(runner.invoke(app, [*arguments, "--json"]).stdout)
    assert printed["results"][0]["value"] == pytest.approx(450 / 700 * 100)
    read = {(source["year"], tuple(source["tables"])) for source in printed["sources"]}
    assert read == {
        (2008, ("population_year", "school_stage_year")),
        (None, ("org_units", "schools")),
    }
    (registers,) = [v for v in stored if v.year is None]
    assert {"version_id": registers.id, "status": "approved"}.items() <= next(
        source for source in printed["sources"] if source["year"] is None
    ).items()
    from django.db import connections

    connections["default"].close()


def test_a_count_of_passing_districts_shows_their_verdicts() -> None:
    tables = arrow_tables(test_dispersion._tables())  # type: ignore[arg-type]
    tables["org_units"] = arrow_tables({"org_units": [
        {"code": "440100", "name": "广州市", "level": "city"},
        {"code": "440103", "name": "荔湾区", "level": "district", "parent_code": "440100"},
    ]})["org_units"]  # fmt: skip
    explained = explain(tables, "balance2012_districts_passing_primary", "440100", 2008)
    (result,) = explained.results
    assert (result.value, result.denominator, result.notes) == (0, 0, ("not_judged_1",))
    verdicts = [r for r in explained.inputs if r.indicator == "balance2012_cv_passed_primary"]
    assert [(r.unit_code, r.passed) for r in verdicts] == [("440103", None)]
