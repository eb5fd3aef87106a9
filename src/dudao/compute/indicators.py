"""Compute indicators from a dataset snapshot: views, operands, each indicator by its kind."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pyarrow as pa

from dudao.catalogue import Catalogue, Indicator, default_catalogue
from dudao.compute.compile import batch_query, indicator_query, register_operands
from dudao.compute.coverage import partial_coverage
from dudao.compute.engine import DuckDBEngine, Engine, EngineName, open_engine
from dudao.compute.hierarchy import Units
from dudao.compute.kinds import DEFAULT_KINDS, DerivedKind, IndicatorKind, SqlKind, kinds_by_name
from dudao.compute.results import IndicatorResult, ResultKey
from dudao.compute.rows import Run, to_results
from dudao.compute.selection import with_dependencies
from dudao.compute.views import STAGE_WEIGHTS, data_years, register_views

# Indicators per statement: fewer round trips (one Spark job each), yet small enough
# that DuckDB's planning does not grow faster than the batch (measured: 10-30 best).
BATCH = 25


def compute_indicators(
    tables: Mapping[str, pa.Table],
    *,
    catalogue: Catalogue | None = None,
    indicator_ids: Iterable[str] | None = None,
    kinds: tuple[IndicatorKind, ...] = DEFAULT_KINDS,
    period: tuple[int, int] | None = None,
    as_of: date | None = None,
    engine_name: EngineName = "duckdb",
    school_level: bool = False,
    stage_weights: Mapping[str, float] | None = None,
) -> list[IndicatorResult]:
    """Every selected indicator for every unit at its levels and every year with data.

    Period indicators are computed over `period` (default: the span of the data's
    years); case-based ones at `as_of` (default: 31 December of each year). The SQL
    runs on DuckDB in process, or on Spark (`engine_name="spark"`). Schools are units
    of the indicators declaring the level `school` only when `school_level` is true
    (there are a thousand times more of them). Combined schools split shared resources
    by `stage_weights` (stage -> weight, over the defaults STAGE_WEIGHTS, REFERENCES.md).
    """
    catalogue = catalogue or default_catalogue()
    registry = kinds_by_name(kinds)
    selected = list(indicator_ids or catalogue.indicators)
    indicators = with_dependencies(catalogue, selected, registry)
    # DuckDBEngine is named here (not only through open_engine) so that tests can swap it.
    engine = (
        DuckDBEngine(catalogue, tables)
        if engine_name == "duckdb"
        else open_engine(engine_name, catalogue, tables)
    )
    try:
        weights = {**STAGE_WEIGHTS, **(stage_weights or {})}
        options = RunOptions(period, as_of, school_level, weights)
        run = prepare_run(engine, catalogue, options)
        results = compute_run(engine, catalogue, indicators, registry, run)
    finally:
        engine.close()
    wanted = set(selected)
    return [result for result in results if result.indicator in wanted]


@dataclass(frozen=True)
class RunOptions:
    period: tuple[int, int] | None = None
    as_of: date | None = None
    school_level: bool = False
    stage_weights: Mapping[str, float] = field(default_factory=lambda: dict(STAGE_WEIGHTS))


def prepare_run(engine: Engine, catalogue: Catalogue, options: RunOptions) -> Run:
    years = data_years(engine, catalogue)
    span = options.period or ((years[0], years[-1]) if years else (0, 0))
    as_of = options.as_of
    dates = [(as_of.year, as_of)] if as_of else [(year, date(year, 12, 31)) for year in years]
    register_views(
        engine,
        catalogue,
        years=years,
        as_of_dates=dates,
        period=span,
        stage_weights=options.stage_weights,
    )
    return Run(period=span, as_of=dict(dates), school_level=options.school_level)


def compute_run(
    engine: Engine,
    catalogue: Catalogue,
    indicators: list[Indicator],
    registry: Mapping[str, IndicatorKind],
    run: Run,
) -> list[IndicatorResult]:
    sql_kinds = {i.id: k for i in indicators if isinstance(k := registry[i.kind], SqlKind)}
    at_schools = per_school(indicators, registry, run.school_level)
    operands = [op for i in indicators if i.id in sql_kinds for op in sql_kinds[i.id].operands(i)]
    school_keys = {
        op.key for i in indicators if i.id in at_schools and i.id in sql_kinds
        for op in sql_kinds[i.id].operands(i)
    }  # fmt: skip
    operand_ids = register_operands(engine, catalogue, operands, run.period, school_keys)
    rows = _indicator_rows(engine, catalogue, indicators, sql_kinds, operand_ids, at_schools)
    units = Units.from_table(engine.run("SELECT code, level, parent FROM units"))
    coverage = partial_coverage(engine, catalogue, [i for i in indicators if i.id in sql_kinds])
    results: dict[ResultKey, IndicatorResult] = {}
    for indicator in indicators:
        kind = registry[indicator.kind]
        if isinstance(kind, DerivedKind):
            found = kind.derive(indicator, results, units)
        else:
            found = to_results(catalogue, indicator, rows.get(indicator.id, []), run, coverage)
        results.update((result.key, result) for result in found)
    if run.school_level:
        return list(results.values())
    return [r for r in results.values() if units.level.get(r.unit_code) != "school"]


def per_school(
    indicators: list[Indicator], registry: Mapping[str, IndicatorKind], school_level: bool
) -> set[str]:
    """The indicators computed for each school when schools are asked for: those that
    declare the level, and what their tests read."""
    chosen = {i.id for i in indicators if school_level and "school" in i.levels}
    by_id = {indicator.id: indicator for indicator in indicators}
    pending = list(chosen)
    while pending:
        indicator = by_id.get(pending.pop())
        kind = registry.get(indicator.kind) if indicator else None
        if indicator and isinstance(kind, DerivedKind):
            found = set(kind.depends(indicator)) - chosen
            chosen |= found
            pending.extend(found)
    return chosen


def _indicator_rows(
    engine: Engine,
    catalogue: Catalogue,
    indicators: list[Indicator],
    sql_kinds: Mapping[str, SqlKind],
    operand_ids: Mapping[tuple[object, ...], str],
    at_schools: Collection[str],
) -> dict[str, list[dict[str, Any]]]:
    """Every SQL indicator's rows, by indicator id, from batches of BATCH queries each."""
    parts = [
        indicator_query(
            catalogue, indicator, sql_kinds[indicator.id], operand_ids, indicator.id in at_schools
        )
        for indicator in indicators
        if indicator.id in sql_kinds
        and set(indicator.levels) - {"school"}
        | (set(indicator.levels) if indicator.id in at_schools else set())
    ]
    rows: dict[str, list[dict[str, Any]]] = {}
    for start in range(0, len(parts), BATCH):
        for row in engine.run(batch_query(parts[start : start + BATCH])).to_pylist():
            rows.setdefault(row["indicator"], []).append(row)
    return rows
