"""The rule set run in batches gives exactly what each rule run alone gives.

Batches share one DuckDB statement (a table's validation rules, the missing_year rules; a
year_change rule's fields share one window). Compared on one district's returns, all years,
spoilt at random (rows left out, cells emptied, values scaled) so that most rules fire, with and without
the store's approved rows (the same returns, spoilt again, a year or two earlier).
"""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pyarrow as pa
import pytest

from dudao.catalogue import default_catalogue
from dudao.catalogue.rules import CheckRule
from dudao.demo.writer import write_tables
from dudao.ingest import read_dataset
from dudao.ingest.check_context import CheckContext
from dudao.ingest.rule_findings import as_text
from dudao.ingest.rule_frames import PART, ROW, RuleFrames
from dudao.ingest.rules import run_rule, run_rules
from dudao.ingest.sheets import Place
from dudao.ingest.table_reader import TablePart
from tests.ingest.district import district_rows

KEYS = {"school_code", "org_code", "year", "stage", "scope", "code", "student_id", "teacher_id"}
Spoilt = tuple[list[TablePart], dict[str, pa.Table]]


def _spoilt(table: pa.Table, rng: random.Random) -> pa.Table:
    """Some cells emptied, some numbers scaled (0, ×0.2 … ×7); keys kept."""
    columns = []
    for name, column in zip(table.column_names, table.columns, strict=True):
        values = column.to_pylist()
        if name not in KEYS:
            values = [_spoil(value, rng) for value in values]
        columns.append(pa.array(values, column.type))
    return pa.table(columns, schema=table.schema)


def _spoil(value: object, rng: random.Random) -> object:
    draw = rng.random()
    if value is not None and draw < 0.12:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool) and draw < 0.25:
        return type(value)(value * rng.choice([0, 0.2, 1.5, 3, 7]))
    return value


def _earlier(table: pa.Table, rng: random.Random) -> pa.Table:
    """The table a year or two earlier; its keys stay unique, as approved data's are."""
    if "year" not in table.column_names:
        return table
    shift = rng.choice([1, 2])
    years = [year - shift for year in table.column("year").to_pylist()]
    return table.set_column(table.column_names.index("year"), "year", pa.array(years, pa.int64()))


def _thinned(part: TablePart, rng: random.Random) -> TablePart:
    """Some rows left out: years go missing from series, schools vanish."""
    kept = [rng.random() < 0.95 for _ in part.rows]
    rows = [row for row, keep in zip(part.rows, kept, strict=True) if keep]
    return replace(part, data=part.data.filter(pa.array(kept)), rows=rows)


@pytest.fixture(scope="module")
def spoilt(tmp_path_factory: pytest.TempPathFactory) -> Spoilt:
    folder = Path(tmp_path_factory.mktemp("district"))
    write_tables(folder, district_rows())
    dataset = read_dataset(folder)
    rng = random.Random(2009)
    parts = [_thinned(replace(part, data=_spoilt(part.data, rng)), rng) for part in dataset.parts]
    stored = {
        table_id: _earlier(_spoilt(table, rng), rng) for table_id, table in dataset.tables.items()
    }
    return parts, stored


@pytest.mark.parametrize("with_store", [False, True], ids=["alone", "with_store"])
def test_batches_find_exactly_what_each_rule_alone_finds(spoilt: Spoilt, with_store: bool) -> None:
    parts, stored = spoilt
    catalogue = default_catalogue()
    previous = (lambda table_id: stored.get(table_id)) if with_store else None
    context = CheckContext(parts, catalogue, Place("spoilt", None, catalogue), previous=previous)
    rules = list(catalogue.rules.values())
    frames = RuleFrames(context)
    try:
        batched = run_rules(rules, frames)
        alone = {rule.id: run_rule(rule, frames) for rule in rules}
    finally:
        frames.close()
    as_json = {rule.id: [f.to_json() for f in batched[rule.id]] for rule in rules}
    assert as_json == {rule.id: [f.to_json() for f in alone[rule.id]] for rule in rules}
    fired = {rule_id for rule_id, found in as_json.items() if found}
    assert len(fired) >= 25, sorted(fired)  # the comparison is not one of empty lists
    assert {"stage_counts_steady", "no_school_vanishes", "school_names_distinct"} <= fired
    assert with_store or "school_series_complete" in fired  # the store fills the gaps
    crashed = [
        f for found in batched.values() for f in found if f.code == "rule_failed" and not f.row
    ]
    assert not crashed


def _reference_changes(rule: CheckRule, field_id: str, frames: RuleFrames) -> list[tuple]:
    """year_change as first written, one field at a time: lag over the rows reporting it."""
    settings = frames.context.settings
    factor, floor = settings.year_change_factor, settings.year_change_floor
    frame, stored = frames.dataset(rule.table), frames.stored(rule.table)
    series = [name for name in frames.context.catalogue.tables[rule.table].key if name != "year"]
    keys = ", ".join(series)
    same = " AND ".join(f"f.{name} = s.{name}" for name in (*series, "year"))
    return frames.rows(f"""
    WITH series AS (
        SELECT {keys}, year, {field_id} AS value, {PART} AS part, {ROW} AS row FROM {frame}
        UNION ALL
        SELECT {keys}, year, {field_id}, NULL, NULL FROM {stored} s
        WHERE NOT EXISTS (SELECT 1 FROM {frame} f WHERE {same})
    ), ordered AS (
        SELECT *, lag(value) OVER w AS previous, lag(year) OVER w AS previous_year
        FROM series WHERE value IS NOT NULL
        WINDOW w AS (PARTITION BY {keys} ORDER BY year)
    )
    SELECT part, row, value, previous, previous_year FROM ordered
    WHERE part IS NOT NULL AND previous IS NOT NULL AND greatest(value, previous) >= {floor}
      AND (value > {factor} * previous OR previous > {factor} * value)
    ORDER BY part, row
    """)


@pytest.mark.parametrize("with_store", [False, True], ids=["alone", "with_store"])
def test_fields_sharing_one_window_change_as_each_field_alone(
    spoilt: Spoilt, with_store: bool
) -> None:
    parts, stored = spoilt
    catalogue = default_catalogue()
    previous = (lambda table_id: stored.get(table_id)) if with_store else None
    context = CheckContext(parts, catalogue, Place("spoilt", None, catalogue), previous=previous)
    rules = [r for r in catalogue.rules.values() if getattr(r, "check", None) == "year_change"]
    frames = RuleFrames(context)
    try:
        for rule in rules:
            assert isinstance(rule, CheckRule)
            got = [(f.row, f.column, f.value) for f in run_rule(rule, frames)]
            want = [
                (row, field_id, as_text(value))
                for field_id in rule.fields
                for _, row, value, _, _ in _reference_changes(rule, field_id, frames)
            ]
            assert got == want, rule.id
            assert len(got) > 0, rule.id
    finally:
        frames.close()


def _reference_gaps(rule: CheckRule, frames: RuleFrames) -> list[tuple]:
    """missing_year as first written, in SQL: lag over the distinct years of each unit."""
    unit = frames.context.catalogue.tables[rule.table].key[0]
    place_order = f"{PART} * 100000000 + {ROW}"
    return frames.rows(f"""
    WITH years AS (
        SELECT {unit} AS unit, year, arg_min({ROW}, {place_order}) AS row,
               arg_min({PART}, {place_order}) AS part FROM (
            SELECT {unit}, year, {PART}, {ROW} FROM {frames.dataset(rule.table)}
            UNION ALL SELECT {unit}, year, NULL, NULL FROM {frames.stored(rule.table)}
        ) GROUP BY {unit}, year
    ), ordered AS (
        SELECT *, lag(year) OVER (PARTITION BY unit ORDER BY year) AS before FROM years
    )
    SELECT row, year FROM ordered WHERE part IS NOT NULL AND year - before > 1
    ORDER BY part, row
    """)


@pytest.mark.parametrize("with_store", [False, True], ids=["alone", "with_store"])
def test_series_walked_in_numpy_miss_the_years_sql_misses(spoilt: Spoilt, with_store: bool) -> None:
    parts, stored = spoilt
    catalogue = default_catalogue()
    previous = (lambda table_id: stored.get(table_id)) if with_store else None
    context = CheckContext(parts, catalogue, Place("spoilt", None, catalogue), previous=previous)
    rules = [r for r in catalogue.rules.values() if getattr(r, "check", None) == "missing_year"]
    frames = RuleFrames(context)
    try:
        for rule in rules:
            assert isinstance(rule, CheckRule)
            got = [(f.row, f.value) for f in run_rule(rule, frames)]
            want = [(row, str(year)) for row, year in _reference_gaps(rule, frames)]
            assert got == want, rule.id
        assert with_store or got, "the comparison is not one of empty lists"
    finally:
        frames.close()
