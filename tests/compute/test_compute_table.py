"""The columnar product: compute_table's rows are compute_indicators' results, field by field,
on the whole catalogue and the seed city; a run formats no value until one is read."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from dudao.catalogue import Indicator, default_catalogue
from dudao.cli.main import app
from dudao.compute import (
    RESULT_SCHEMA,
    IndicatorResult,
    as_results,
    compute_indicators,
    compute_table,
)
from dudao.demo import write_seed_city
from dudao.ingest import read_dataset


@pytest.fixture(scope="module")
def seed_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_seed_city(tmp_path_factory.mktemp("seed_city"))


@pytest.fixture(scope="module")
def seed_tables(seed_folder: Path) -> Mapping[str, pa.Table]:
    return read_dataset(seed_folder).tables


def _record(row: dict[str, object]) -> dict[str, object]:
    """A row of compute_table as the JSON record of `dudao compute --json`, display aside."""
    start, end = row.pop("period_start"), row.pop("period_end")
    evidence = row["evidence"]
    return {
        **row,
        "period": None if start is None else [start, end],
        "evidence": None if evidence is None else json.loads(evidence),  # type: ignore[arg-type]
        "as_of": row["as_of"].isoformat() if row["as_of"] else None,  # type: ignore[attr-defined]
    }


def _without_display(result: IndicatorResult) -> dict[str, object]:
    record = result.to_json()
    del record["display"]
    return record


def test_the_table_holds_every_result_field_by_field(seed_tables: Mapping[str, pa.Table]) -> None:
    table = compute_table(seed_tables)
    assert table.schema == RESULT_SCHEMA
    records = [_record(row) for row in table.to_pylist()]
    as_objects = as_results(table, default_catalogue().indicators)
    assert records == [_without_display(result) for result in as_objects]
    kinds = set(table.column("kind").to_pylist())
    assert {"ratio", "share", "growth", "compliance", "dispersion", "mean"} <= kinds
    assert any(r.evidence for r in as_objects) and any(r.period for r in as_objects)
    assert any(r.as_of for r in as_objects) and any(r.notes for r in as_objects)
    # Another run: the same results in the same order; values within 1e-9, as DuckDB's
    # parallel sums may differ in their last bits from run to run (a CV's above all).
    again = [_without_display(result) for result in compute_indicators(seed_tables)]
    assert [_fixed(r) for r in again] == [_fixed(r) for r in records]
    values = [(r["value"], a["value"]) for r, a in zip(records, again, strict=True)]
    assert all((b is None) == (a is None) for b, a in values)
    assert [a for _, a in values if a is not None] == pytest.approx(
        [b for b, _ in values if b is not None], rel=1e-9
    )


def _fixed(record: dict[str, object]) -> dict[str, object]:
    """A record without what the last bits of a sum change: the value, the test's evidence."""
    return {k: v for k, v in record.items() if k not in ("value", "numerator", "evidence")}


def test_a_run_formats_nothing_until_a_display_is_read(
    seed_tables: Mapping[str, pa.Table], monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = ["ger_preschool", "three_growths_1", "edu_budget"]
    display = Indicator.display

    def refused(self: Indicator, value: float | None, passed: bool | None = None) -> str | None:
        raise AssertionError(f"{self.id} formatted during the run")

    monkeypatch.setattr(Indicator, "display", refused)
    results = compute_indicators(seed_tables, indicator_ids=ids)
    monkeypatch.setattr(Indicator, "display", display)
    indicators = default_catalogue().indicators
    assert {r.indicator for r in results} == set(ids)
    for result in results:
        shown = indicators[result.indicator].display(result.value, result.passed)
        assert result.display == shown
    verdicts = {r.display for r in results if r.kind == "compliance"}
    assert verdicts and verdicts <= {"达标 passed", "未达标 failed", "缺数据 missing"}
    assert any(r.display and r.display.endswith("%") for r in results)


def test_a_display_given_is_kept_and_counts_in_equality() -> None:
    given = IndicatorResult("ger_preschool", "4401", 2008, 1.0, 1.0, 1.0, "1")
    assert given.display == "1"
    assert given != IndicatorResult("ger_preschool", "4401", 2008, 1.0, 1.0, 1.0, "2")
    shown = default_catalogue().indicators["ger_preschool"]
    lazy = IndicatorResult("ger_preschool", "4401", 2008, 1.0, 1.0, 1.0, shown_by=shown)
    assert lazy.display == "1.00%"
    assert lazy == IndicatorResult("ger_preschool", "4401", 2008, 1.0, 1.0, 1.0, "1.00%")


def test_compute_writes_parquet(seed_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.parquet"
    chosen = ["--indicator", "ger_preschool", "--indicator", "three_growths_1", "--level", "city"]
    written = CliRunner().invoke(app, ["compute", str(seed_folder), *chosen, "--parquet", str(out)])
    assert written.exit_code == 0, written.output
    printed = CliRunner().invoke(app, ["compute", str(seed_folder), *chosen, "--json"])
    assert printed.exit_code == 0, printed.output
    records = [json.loads(line) for line in printed.stdout.splitlines() if line.strip()]
    for record in records:
        del record["display"]
    table = pq.read_table(out)
    assert table.schema == RESULT_SCHEMA
    assert records and [_record(row) for row in table.to_pylist()] == records
