"""Compute indicators from a dataset snapshot: views, operands, each indicator by its kind."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import pyarrow as pa

from dudao.catalogue import Catalogue, CatalogueError, Indicator, Operand, default_catalogue
from dudao.compute.compile import batch_query, indicator_query, wide_query
from dudao.compute.engine import DuckDBEngine
from dudao.compute.kinds import DEFAULT_KINDS, DerivedKind, IndicatorKind, SqlKind, kinds_by_name
from dudao.compute.operands import group_operands, group_query
from dudao.compute.results import IndicatorResult, ResultKey
from dudao.compute.rows import Run, to_results
from dudao.compute.views import data_years, register_views


def compute_indicators(
    tables: Mapping[str, pa.Table],
    *,
    catalogue: Catalogue | None = None,
    indicator_ids: Iterable[str] | None = None,
    kinds: tuple[IndicatorKind, ...] = DEFAULT_KINDS,
    period: tuple[int, int] | None = None,
    as_of: date | None = None,
) -> list[IndicatorResult]:
    """Every selected indicator for every unit at its levels and every year with data.

    Period indicators are computed over `period` (default: the span of the data's
    years); case-based ones at `as_of` (default: 31 December of each year).
    """
    catalogue = catalogue or default_catalogue()
    registry = kinds_by_name(kinds)
    selected = list(indicator_ids or catalogue.indicators)
    indicators = _with_dependencies(catalogue, selected, registry)
    engine = DuckDBEngine(catalogue, tables)
    try:
        run = _prepare(engine, catalogue, period, as_of)
        results = _compute(engine, catalogue, indicators, registry, run)
    finally:
        engine.close()
    wanted = set(selected)
    return [result for result in results if result.indicator in wanted]


def _with_dependencies(
    catalogue: Catalogue, selected: list[str], registry: Mapping[str, IndicatorKind]
) -> list[Indicator]:
    """The selected indicators after those their compliance tests read; unknown kinds refused."""
    ordered: dict[str, Indicator] = {}

    def visit(indicator_id: str) -> None:
        indicator = catalogue.indicators[indicator_id]
        kind = registry.get(indicator.kind)
        if isinstance(kind, DerivedKind):
            for other in kind.depends(indicator):
                visit(other)
        ordered.setdefault(indicator_id, indicator)

    for indicator_id in selected:
        visit(indicator_id)
    problems = [
        indicator.problem(
            f"{indicator.id}: unknown kind {indicator.kind!r}; known: {sorted(registry)}"
        )
        for indicator in ordered.values()
        if indicator.kind not in registry
    ]
    if problems:
        raise CatalogueError(problems)
    return list(ordered.values())


def _prepare(
    engine: DuckDBEngine, catalogue: Catalogue, period: tuple[int, int] | None, as_of: date | None
) -> Run:
    years = data_years(engine, catalogue)
    span = period or ((years[0], years[-1]) if years else (0, 0))
    dates = [(as_of.year, as_of)] if as_of else [(year, date(year, 12, 31)) for year in years]
    register_views(engine, catalogue, years=years, as_of_dates=dates, period=span)
    return Run(period=span, as_of=dict(dates))


def _compute(
    engine: DuckDBEngine,
    catalogue: Catalogue,
    indicators: list[Indicator],
    registry: Mapping[str, IndicatorKind],
    run: Run,
) -> list[IndicatorResult]:
    sql_kinds = {i.id: k for i in indicators if isinstance(k := registry[i.kind], SqlKind)}
    operands = [op for i in indicators if i.id in sql_kinds for op in sql_kinds[i.id].operands(i)]
    operand_ids = _compute_operands(engine, catalogue, operands, run.period)
    rows = _indicator_rows(engine, catalogue, indicators, sql_kinds, operand_ids)
    results: dict[ResultKey, IndicatorResult] = {}
    for indicator in indicators:
        kind = registry[indicator.kind]
        if isinstance(kind, DerivedKind):
            found = kind.derive(indicator, results)
        else:
            found = to_results(catalogue, indicator, rows.get(indicator.id, []), run)
        results.update((result.key, result) for result in found)
    return list(results.values())


def _indicator_rows(
    engine: DuckDBEngine,
    catalogue: Catalogue,
    indicators: list[Indicator],
    sql_kinds: Mapping[str, SqlKind],
    operand_ids: Mapping[tuple[object, ...], str],
) -> dict[str, list[dict[str, Any]]]:
    """Every SQL indicator's rows from one batched query, by indicator id."""
    parts = [
        indicator_query(catalogue, indicator, sql_kinds[indicator.id], operand_ids)
        for indicator in indicators
        if indicator.id in sql_kinds
    ]
    rows: dict[str, list[dict[str, Any]]] = {}
    if parts:
        for row in engine.run(batch_query(parts)).to_pylist():
            rows.setdefault(row["indicator"], []).append(row)
    return rows


def _compute_operands(
    engine: DuckDBEngine, catalogue: Catalogue, operands: list[Operand], period: tuple[int, int]
) -> dict[tuple[object, ...], str]:
    """Register operand_wide (unit_code, year, scope, one column per operand); return their ids."""
    operand_ids: dict[tuple[object, ...], str] = {}
    groups: dict[str, list[tuple[str, str]]] = {}
    for number, group in enumerate(group_operands(operands)):
        table = f"operand_group_{number}"
        engine.register(table, engine.run(group_query(catalogue, group, period)))
        for index, expression in enumerate(group.expressions):
            operand_ids[(*group.sample.key[:-1], expression)] = f"g{number}_{index}"
            groups.setdefault(table, []).append((f"op_{index}", f"g{number}_{index}"))
    if groups:
        engine.register("operand_wide", engine.run(wide_query(groups)))
    return operand_ids
