"""The rule set run in batches gives exactly what each rule run alone gives.

Batches share one DuckDB statement (a table's validation rules, the missing_year rules; a
year_change rule's fields share one window). Compared on one district's returns, all years,
spoilt at random (rows left out, cells emptied, values scaled) so that most rules fire, with and without
the store's approved rows (the same returns, spoilt again, a year or two earlier).
"""

from __future__ import annotations

import random
from collections.abc import Callable
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


def _frames(
    spoilt: Spoilt, with_store: bool, schools: Callable[[pa.Table], pa.Table] | None = None
) -> RuleFrames:
    """The spoilt returns' rule frames, with the store's rows or without; `schools` changes the
    school register, the returns' and then the store's."""
    parts, stored = spoilt
    if schools is not None:
        parts = [replace(p, data=schools(p.data)) if p.table.id == "schools" else p for p in parts]
        stored = {**stored, "schools": schools(stored["schools"])}
    previous = (lambda table_id: stored.get(table_id)) if with_store else None
    catalogue = default_catalogue()
    context = CheckContext(parts, catalogue, Place("spoilt", None, catalogue), previous=previous)
    return RuleFrames(context)


@pytest.mark.parametrize("with_store", [False, True], ids=["alone", "with_store"])
def test_batches_find_exactly_what_each_rule_alone_finds(spoilt: Spoilt, with_store: bool) -> None:
    catalogue = default_catalogue()
    rules = list(catalogue.rules.values())
    frames = _frames(spoilt, with_store)
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
    catalogue = default_catalogue()
    rules = [r for r in catalogue.rules.values() if getattr(r, "check", None) == "year_change"]
    frames = _frames(spoilt, with_store)
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
    catalogue = default_catalogue()
    rules = [r for r in catalogue.rules.values() if getattr(r, "check", None) == "missing_year"]
    frames = _frames(spoilt, with_store)
    try:
        for rule in rules:
            assert isinstance(rule, CheckRule)
            got = [(f.row, f.value) for f in run_rule(rule, frames)]
            want = [(row, str(year)) for row, year in _reference_gaps(rule, frames)]
            assert got == want, rule.id
        assert with_store or got, "the comparison is not one of empty lists"
    finally:
        frames.close()


VANISHED_SQL = f"""
WITH present AS (
    SELECT school_code, year FROM {{frame}} UNION SELECT school_code, year FROM {{stored}}
), register AS (
    SELECT school_code, org_code, closed, {PART} AS part, {ROW} AS row FROM {{schools}}
    UNION ALL
    SELECT school_code, org_code, closed, NULL, NULL FROM {{stored_schools}}
    WHERE school_code NOT IN (SELECT school_code FROM {{schools}} WHERE school_code IS NOT NULL)
), covered AS (
    SELECT DISTINCT r.org_code, f.year FROM {{frame}} f JOIN register r USING (school_code)
)
SELECT DISTINCT r.part, r.row, p.school_code, p.year
FROM present p
JOIN register r USING (school_code)
JOIN covered c ON c.org_code = r.org_code AND c.year = p.year + 1
WHERE NOT EXISTS (
    SELECT 1 FROM present q WHERE q.school_code = p.school_code AND q.year = p.year + 1)
  AND (r.closed IS NULL OR r.closed > p.year + 1)
ORDER BY 1, 2, 3, 4
"""


@pytest.mark.parametrize("with_store", [False, True], ids=["alone", "with_store"])
def test_vanished_schools_joined_in_numpy_are_those_sql_joins(
    spoilt: Spoilt, with_store: bool
) -> None:
    """vanished_school as first written, in SQL; some schools closed, some of them too late."""
    catalogue = default_catalogue()
    rng = random.Random(1)
    frames = _frames(spoilt, with_store, lambda schools: _closing(schools, rng))
    try:
        got = [
            (f.row, f.value, f.expected_en)
            for f in run_rule(catalogue.rules["no_school_vanishes"], frames)
        ]
        want = frames.rows(
            VANISHED_SQL.format(
                frame=frames.dataset("school_stage_year"),
                stored=frames.stored("school_stage_year"),
                schools=frames.dataset("schools"),
                stored_schools=frames.stored("schools"),
            )
        )
        assert [(row, code) for row, code, _ in got] == [(row, code) for _, row, code, _ in want]
        assert all(
            f"rows for {year + 1}" in said for (*_, said), (*_, year) in zip(got, want, strict=True)
        )
        assert len(got) > 3, "the comparison is not one of empty lists"
    finally:
        frames.close()


def _closing(schools: pa.Table, rng: random.Random) -> pa.Table:
    """Some schools given a year closed, before, at or after their last year."""
    closed = [rng.choice([None, None, 2008, 2009, 2010, 2012]) for _ in range(schools.num_rows)]
    index = schools.column_names.index("closed")
    return schools.set_column(index, "closed", pa.array(closed, pa.int64()))


STAGE_TYPES_SQL = f"""
WITH types AS (
    SELECT school_code, school_type, {PART} * 100000000 + {ROW} AS place FROM {{schools}}
    UNION ALL
    SELECT school_code, school_type, NULL FROM {{stored_schools}}
    WHERE school_code NOT IN (SELECT school_code FROM {{schools}} WHERE school_code IS NOT NULL)
)
SELECT f.{ROW}, f.stage, t.school_type
FROM {{frame}} f JOIN types t USING (school_code)
WHERE t.school_type IN (SELECT school_type FROM allowed_stages)
  AND NOT EXISTS (SELECT 1 FROM allowed_stages a
                  WHERE a.school_type = t.school_type AND a.stage = f.stage)
ORDER BY f.{PART}, f.{ROW}, t.place NULLS LAST
"""


@pytest.mark.parametrize("with_store", [False, True], ids=["alone", "with_store"])
def test_stage_rows_joined_in_numpy_mismatch_as_sql_joins_them(
    spoilt: Spoilt, with_store: bool
) -> None:
    """stage_matches_school_type as first written, in SQL; some schools given another type."""
    catalogue = default_catalogue()
    rng = random.Random(3)
    frames = _frames(spoilt, with_store, lambda schools: _retyped(schools, rng))
    types = catalogue.code_lists["school_type"].codes
    pairs = [(code.code, stage) for code in types for stage in code.stages]
    frames.register(
        "allowed_stages",
        pa.table({"school_type": [p[0] for p in pairs], "stage": [p[1] for p in pairs]}),
    )
    try:
        rule = catalogue.rules["stage_matches_school_type"]
        got = [(f.row, f.value, f.expected_en) for f in run_rule(rule, frames)]
        want = frames.rows(
            STAGE_TYPES_SQL.format(
                frame=frames.dataset("school_stage_year"),
                schools=frames.dataset("schools"),
                stored_schools=frames.stored("schools"),
            )
        )
        assert [(row, stage) for row, stage, _ in got] == [(row, stage) for row, stage, _ in want]
        assert all(f"{t} " in said for (*_, said), (*_, t) in zip(got, want, strict=True))
        assert len(got) > 3, "the comparison is not one of empty lists"
    finally:
        frames.close()


def _retyped(schools: pa.Table, rng: random.Random) -> pa.Table:
    """Some schools given another type (a primary school teaching senior stages…)."""
    types = [code.code for code in default_catalogue().code_lists["school_type"].codes]
    retyped = [
        rng.choice(types) if rng.random() < 0.1 else value
        for value in schools.column("school_type").to_pylist()
    ]
    index = schools.column_names.index("school_type")
    return schools.set_column(index, "school_type", pa.array(retyped, pa.string()))
