"""Compute indicators from a dataset snapshot: views, operands, each indicator by its kind."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

import pyarrow as pa
import pyarrow.compute as pc

from dudao.catalogue import Catalogue, Indicator, default_catalogue
from dudao.compute.compile import batch_query, indicator_query, register_operands
from dudao.compute.coverage import partial_coverage
from dudao.compute.engine import DuckDBEngine, Engine, EngineName, Source, open_engine
from dudao.compute.hierarchy import Units
from dudao.compute.kinds import DEFAULT_KINDS, DerivedKind, IndicatorKind, SqlKind, kinds_by_name
from dudao.compute.operands import tables_read
from dudao.compute.results import (
    RESULT_SCHEMA,
    IndicatorResult,
    Point,
    ResultKey,
    as_results,
    collector_paused,
    points,
)
from dudao.compute.rows import ROWS_SCHEMA, Run, as_rows, by_indicator, sql_results
from dudao.compute.selection import with_dependencies
from dudao.compute.views import STAGE_WEIGHTS, build_views, data_years, register_views

# Indicators per statement: fewer round trips (one Spark job each), yet small enough
# that DuckDB's planning does not grow faster than the batch (measured: 10-30 best).
BATCH = 25


def compute_indicators(
    tables: Mapping[str, Source],
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
    """Every selected indicator for every unit at its levels and every year with data,
    as IndicatorResults: `compute_table`'s rows, in its order (see there)."""
    catalogue = catalogue or default_catalogue()
    table = compute_table(
        tables,
        catalogue=catalogue,
        indicator_ids=indicator_ids,
        kinds=kinds,
        period=period,
        as_of=as_of,
        engine_name=engine_name,
        school_level=school_level,
        stage_weights=stage_weights,
    )
    return as_results(table, catalogue.indicators)


def compute_table(
    tables: Mapping[str, Source],
    *,
    catalogue: Catalogue | None = None,
    indicator_ids: Iterable[str] | None = None,
    kinds: tuple[IndicatorKind, ...] = DEFAULT_KINDS,
    period: tuple[int, int] | None = None,
    as_of: date | None = None,
    engine_name: EngineName = "duckdb",
    school_level: bool = False,
    stage_weights: Mapping[str, float] | None = None,
) -> pa.Table:
    """Every selected indicator for every unit at its levels and every year with data, one
    row per result (RESULT_SCHEMA): the columnar product, for runs of millions of results.

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
        in_sql = sql_results_of(engine, catalogue, indicators, registry, run)
    finally:
        engine.close()  # the engine's memory is given back before the derived kinds run
    results = derived_results(in_sql, indicators, registry, run)
    if len(indicators) == len(selected):
        return results
    return results.filter(pc.is_in(results["indicator"], value_set=pa.array(selected, pa.string())))


@dataclass(frozen=True)
class RunOptions:
    period: tuple[int, int] | None = None
    as_of: date | None = None
    school_level: bool = False
    stage_weights: Mapping[str, float] = field(default_factory=lambda: dict(STAGE_WEIGHTS))


def prepare_run(engine: Engine, catalogue: Catalogue, options: RunOptions) -> Run:
    """The run's years, period and cut-off dates, registered for the derived views."""
    years = data_years(engine, catalogue)
    span = options.period or ((years[0], years[-1]) if years else (0, 0))
    as_of = options.as_of
    dates = [(as_of.year, as_of)] if as_of else [(year, date(year, 12, 31)) for year in years]
    register_views(
        engine,
        catalogue,
        years=years,
        as_of_dates=dates,
        stage_weights=options.stage_weights,
    )
    return Run(period=span, as_of=dict(dates), school_level=options.school_level)


def compute_run(
    engine: Engine,
    catalogue: Catalogue,
    indicators: list[Indicator],
    registry: Mapping[str, IndicatorKind],
    run: Run,
) -> pa.Table:
    """The results (RESULT_SCHEMA) of `indicators`, in their order: the SQL kinds' rows as
    they come from the engine, then each derived kind over the results it reads."""
    in_sql = sql_results_of(engine, catalogue, indicators, registry, run)
    return derived_results(in_sql, indicators, registry, run)


@dataclass(frozen=True)
class SqlResults:
    """What the engine gives a run: the SQL kinds' results, each indicator's table, and the
    units; the derived kinds need nothing more, so the engine can be closed before them."""

    parts: dict[str, pa.Table]
    units: Units
    schools: pa.Array  # the codes of the units that are schools


def sql_results_of(
    engine: Engine,
    catalogue: Catalogue,
    indicators: list[Indicator],
    registry: Mapping[str, IndicatorKind],
    run: Run,
) -> SqlResults:
    sql_kinds = {i.id: k for i in indicators if isinstance(k := registry[i.kind], SqlKind)}
    at_schools = per_school(indicators, registry, run.school_level)
    operands = [op for i in indicators if i.id in sql_kinds for op in sql_kinds[i.id].operands(i)]
    school_keys = {
        op.key for i in indicators if i.id in at_schools and i.id in sql_kinds
        for op in sql_kinds[i.id].operands(i)
    }  # fmt: skip
    build_views(engine, catalogue, tables_read(catalogue, operands), run.period)
    operand_ids = register_operands(engine, catalogue, operands, run.period, school_keys)
    rows = _indicator_rows(engine, catalogue, indicators, sql_kinds, operand_ids, at_schools)
    unit_table = engine.run("SELECT code, level, parent FROM units")
    in_sql = [i for i in indicators if i.id in sql_kinds]
    coverage = partial_coverage(engine, catalogue, in_sql)
    parts = by_indicator(sql_results(catalogue, in_sql, rows, run, coverage), in_sql)
    schools = unit_table.filter(pc.equal(unit_table["level"], "school"))["code"]
    return SqlResults(parts, Units.from_table(unit_table), schools.combine_chunks())


def derived_results(
    in_sql: SqlResults,
    indicators: list[Indicator],
    registry: Mapping[str, IndicatorKind],
    run: Run,
) -> pa.Table:
    """Each derived kind over the results it reads, then every result in the indicators'
    order; schools' rows only when schools are units of the run."""
    parts = dict(in_sql.parts)
    derived = [(i, k) for i in indicators if isinstance(k := registry[i.kind], DerivedKind)]
    last_read = {other: n for n, (i, k) in enumerate(derived) for other in k.depends(i)}
    read: dict[str, dict[ResultKey, Point]] = {}  # each indicator's points, made once
    with collector_paused():  # the derived kinds' inputs and evidence: many small objects
        for n, (indicator, kind) in enumerate(derived):
            inputs: dict[ResultKey, Point] = {}
            for other in kind.depends(indicator):
                if other not in read:
                    read[other] = points(parts[other]) if other in parts else {}
                inputs.update(read[other])
            parts[indicator.id] = kind.derive(indicator, inputs, in_sql.units)
            for other in kind.depends(indicator):  # points no later kind reads: let go
                if last_read[other] == n:
                    read.pop(other, None)
    found = [parts[indicator.id] for indicator in indicators if indicator.id in parts]
    results = pa.concat_tables(found) if found else RESULT_SCHEMA.empty_table()
    if run.school_level:
        return results
    at_school = pc.is_in(results["unit_code"], value_set=in_sql.schools)
    # Filtering copies every column (a national run's evidence too): only when a row goes.
    return results.filter(pc.invert(at_school)) if pc.any(at_school).as_py() else results


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
) -> pa.Table:
    """Every SQL indicator's rows (ROWS_SCHEMA), from batches of BATCH queries each."""
    parts = [
        indicator_query(
            catalogue, indicator, sql_kinds[indicator.id], operand_ids, indicator.id in at_schools
        )
        for indicator in indicators
        if indicator.id in sql_kinds
        and set(indicator.levels) - {"school"}
        | (set(indicator.levels) if indicator.id in at_schools else set())
    ]
    batches = [
        as_rows(engine.run(batch_query(parts[start : start + BATCH])))
        for start in range(0, len(parts), BATCH)
    ]
    return pa.concat_tables(batches) if batches else ROWS_SCHEMA.empty_table()
