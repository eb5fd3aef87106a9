"""`dudao compute --period A:B --as-of DATE --level L`: the options reach the engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dudao.cli.main import app
from tests.compute.test_events_and_periods import _tables
from tests.tables import arrow_tables, write_csv_folder

runner = CliRunner()


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("city") / "returns"
    return write_csv_folder(arrow_tables(_tables()), folder)  # type: ignore[arg-type]


def _records(*arguments: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["compute", *arguments, "--json"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_period_and_cut_off(city: Path) -> None:
    records = _records(
        str(city), "--indicator", "rural_strong_education_investment",
        "--indicator", "substitute_exam_to_established", "--period", "2006:2008",
        "--as-of", "2009-10-31", "--level", "city",
    )  # fmt: skip
    by_id = {record["indicator"]: record for record in records}
    assert {record["unit_code"] for record in records} == {"440100"}
    investment = by_id["rural_strong_education_investment"]
    assert investment["period"] == [2006, 2008] and investment["year"] is None
    assert investment["value"] == 150 and investment["kind"] == "amount"
    cases = by_id["substitute_exam_to_established"]
    assert cases["as_of"] == "2009-10-31" and cases["value"] == 1


def test_default_period_is_every_year_of_the_data(city: Path) -> None:
    (record,) = _records(
        str(city), "--indicator", "rural_strong_education_investment", "--unit", "440100"
    )
    assert record["period"] == [2005, 2010] and record["value"] == 220


@pytest.mark.parametrize("period", ["2008", "2008:2006", "a:b"])
def test_a_malformed_period_is_refused(city: Path, period: str) -> None:
    result = runner.invoke(app, ["compute", str(city), "--period", period])
    assert result.exit_code == 2 and "--period" in result.output


def test_an_unknown_indicator_is_refused(city: Path) -> None:
    result = runner.invoke(app, ["compute", str(city), "--indicator", "ger_college"])
    assert result.exit_code == 2 and "ger_college" in result.output


@pytest.mark.parametrize("weights", ["primary=x", "college=1", "junior=0"])
def test_malformed_stage_weights_are_refused(city: Path, weights: str) -> None:
    result = runner.invoke(app, ["compute", str(city), "--stage-weights", weights])
    assert result.exit_code == 2 and "--stage-weights" in result.output
