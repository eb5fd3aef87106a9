"""Compute indicators from a dataset snapshot: operands first, then each indicator's kind."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pyarrow as pa

from dudao.catalogue import (
    Catalogue,
    CatalogueError,
    Indicator,
    default_catalogue,
)
from dudao.compute.engine import DuckDBEngine
from dudao.compute.kinds import DEFAULT_KINDS, IndicatorKind, kinds_by_name
from dudao.compute.operands import group_operands, group_query, operand_key
from dudao.compute.results import IndicatorResult


def compute_indicators(
    tables: Mapping[str, pa.Table],
    *,
    catalogue: Catalogue | None = None,
    indicator_ids: Iterable[str] | None = None,
    kinds: tuple[IndicatorKind, ...] = DEFAULT_KINDS,
) -> list[IndicatorResult]:
    """Every selected indicator for every unit at its levels and every year with data."""
    catalogue = catalogue or default_catalogue()
    registry = kinds_by_name(kinds)
    indicators = [catalogue.indicators[i] for i in indicator_ids or catalogue.indicators]
    _check_kinds(indicators, registry)
    engine = DuckDBEngine(catalogue, tables)
    try:
        operand_ids = _compute_operands(engine, catalogue, indicators, registry)
        return [
            result
            for indicator in indicators
            for result in _compute_one(engine, indicator, registry[indicator.kind], operand_ids)
        ]
    finally:
        engine.close()


def _check_kinds(indicators: list[Indicator], registry: Mapping[str, IndicatorKind]) -> None:
    """An indicator of a kind no plug-in provides is a catalogue error, with file and line."""
    problems = [
        indicator.problem(
            f"{indicator.id}: unknown kind {indicator.kind!r}; known: {sorted(registry)}"
        )
        for indicator in indicators
        if indicator.kind not in registry
    ]
    if problems:
        raise CatalogueError(problems)


def _compute_operands(
    engine: DuckDBEngine,
    catalogue: Catalogue,
    indicators: list[Indicator],
    registry: Mapping[str, IndicatorKind],
) -> dict[tuple[str, str | None, str], str]:
    """Register operand_values (unit_code, year, operand, value); return operand ids."""
    operands = [op for ind in indicators for op in registry[ind.kind].operands(ind)]
    operand_ids: dict[tuple[str, str | None, str], str] = {}
    parts = []
    for number, group in enumerate(group_operands(catalogue, operands)):
        engine.register(f"operand_group_{number}", engine.run(group_query(catalogue, group)))
        for index, expression in enumerate(group.expressions):
            operand_id = f"g{number}_{index}"
            operand_ids[(group.table.id, group.school_set, expression)] = operand_id
            parts.append(
                f"SELECT unit_code, year, '{operand_id}' AS operand, op_{index} AS value "
                f"FROM operand_group_{number}"
            )
    union = " UNION ALL ".join(parts) or (
        "SELECT NULL AS unit_code, NULL AS year, NULL AS operand, NULL AS value WHERE FALSE"
    )
    engine.register("operand_values", engine.run(union))
    return operand_ids


def _compute_one(
    engine: DuckDBEngine,
    indicator: Indicator,
    kind: IndicatorKind,
    operand_ids: Mapping[tuple[str, str | None, str], str],
) -> list[IndicatorResult]:
    ids = [operand_ids[operand_key(operand)] for operand in kind.operands(indicator)]
    aliases = ["n", "d"][: len(ids)]
    joins = " ".join(
        f"LEFT JOIN operand_values AS {alias} ON {alias}.unit_code = k.unit_code "
        f"AND {alias}.year = k.year AND {alias}.operand = '{operand_id}'"
        for alias, operand_id in zip(aliases, ids, strict=True)
    )
    levels = ", ".join(f"'{level}'" for level in indicator.levels)
    wanted = ", ".join(f"'{operand_id}'" for operand_id in ids)
    sql = (
        f"SELECT k.unit_code, k.year, {kind.select(indicator)} "
        f"FROM (SELECT DISTINCT unit_code, year FROM operand_values WHERE operand IN ({wanted})) AS k "
        f"JOIN org_units AS o ON o.code = k.unit_code {joins} "
        f"WHERE o.level IN ({levels}) ORDER BY k.unit_code, k.year"
    )
    return [_result(indicator, row) for row in engine.run(sql).to_pylist()]


def _result(indicator: Indicator, row: dict[str, object]) -> IndicatorResult:
    value = row["value"]
    notes = indicator.notes + (("capped",) if row["capped"] else ())
    return IndicatorResult(
        indicator=indicator.id,
        unit_code=str(row["unit_code"]),
        year=int(row["year"]),  # type: ignore[call-overload]
        value=value,  # type: ignore[arg-type]
        numerator=row["numerator"],  # type: ignore[arg-type]
        denominator=row["denominator"],  # type: ignore[arg-type]
        display=indicator.display(value),  # type: ignore[arg-type]
        notes=notes,
    )
