"""Explain one figure: its definition, formula, the rows behind it, and the data it came from.

`explain(tables, indicator_id, unit, year)` computes the indicator (and the indicators
it reads) the way `compute_indicators` does, then asks the same placed rows who
contributed: the largest schools or units of the numerator and the denominator
(both years for a growth), a dispersion's schools with their values, a test's
inputs and evidence. `dudao explain`, the reports and the dashboard all call it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pyarrow as pa

from dudao.catalogue import Catalogue, Indicator, default_catalogue
from dudao.catalogue.views import derived_views, table_placement
from dudao.compute.contributions import Term, literal, operand_json, terms
from dudao.compute.engine import DuckDBEngine, Engine
from dudao.compute.indicators import RunOptions, compute_run, prepare_run
from dudao.compute.kinds import DEFAULT_KINDS, DerivedKind, IndicatorKind, SqlKind, kinds_by_name
from dudao.compute.results import IndicatorResult, as_results
from dudao.compute.rows import Run, timing
from dudao.compute.selection import with_dependencies
from dudao.compute.sources import DataSource, relevant
from dudao.compute.spread import SchoolValue, school_values
from dudao.compute.views import STAGE_WEIGHTS

TOP = 10


class ExplainError(ValueError):
    """A request that cannot be explained (unknown indicator or unit), in Chinese and English."""


@dataclass(frozen=True)
class Unit:
    code: str
    name: str | None
    level: str | None


@dataclass(frozen=True)
class Explanation:
    indicator: Indicator
    formula: str  # how the kind makes the value from the terms
    unit: Unit
    year: int
    period: tuple[int, int] | None  # of a period indicator
    results: tuple[IndicatorResult, ...]  # the figure, one per scope
    terms: tuple[Term, ...]  # numerator and denominator with their largest rows
    schools: tuple[SchoolValue, ...]  # a dispersion's schools
    inputs: tuple[IndicatorResult, ...]  # what a test or mean read (t and t-1)
    sources: tuple[DataSource, ...]  # the file, or the store versions read

    def to_json(self) -> dict[str, object]:
        indicator = self.indicator
        return {
            "indicator": {
                "id": indicator.id,
                "label": indicator.label.model_dump(by_alias=True),
                "definition": indicator.definition.model_dump(by_alias=True),
                "source": indicator.source,
                "kind": indicator.kind,
                "measure": indicator.measure.value,
                "formula": self.formula,
                "numerator": operand_json(indicator.numerator) if indicator.numerator else None,
                "denominator": operand_json(indicator.denominator)
                if indicator.denominator
                else None,
                "test": indicator.test.model_dump(mode="json") if indicator.test else None,
                "of": list(indicator.of),
                "levels": list(indicator.levels),
                "notes": list(indicator.notes),
            },
            "unit": self.unit.__dict__,
            "year": self.year,
            "period": list(self.period) if self.period else None,
            "results": [result.to_json() for result in self.results],
            "terms": [term.to_json() for term in self.terms],
            "schools": [school.to_json() for school in self.schools],
            "inputs": [result.to_json() for result in self.inputs],
            "sources": [source.to_json() for source in self.sources],
        }


def explain(
    tables: Mapping[str, pa.Table],
    indicator_id: str,
    unit: str,
    year: int,
    *,
    catalogue: Catalogue | None = None,
    period: tuple[int, int] | None = None,
    as_of: date | None = None,
    sources: Sequence[DataSource] = (),
    top: int = TOP,
    kinds: tuple[IndicatorKind, ...] = DEFAULT_KINDS,
    stage_weights: Mapping[str, float] | None = None,
) -> Explanation:
    """The figure of `indicator_id` for `unit` in `year` (a period indicator: over `period`,
    default the data's span), with the `top` largest rows of each term and the `sources`
    (see dudao.compute.sources) it read. Runs on DuckDB, whose values Spark's equal."""
    catalogue = catalogue or default_catalogue()
    if indicator_id not in catalogue.indicators:
        raise ExplainError(f"未知指标 unknown indicator: {indicator_id}")
    indicator = catalogue.indicators[indicator_id]
    registry = kinds_by_name(kinds)
    indicators = with_dependencies(catalogue, [indicator_id], registry)
    with DuckDBEngine(catalogue, tables) as engine:
        place = _unit(engine, unit)
        weights = {**STAGE_WEIGHTS, **(stage_weights or {})}
        options = RunOptions(period, as_of, place.level == "school", weights)
        run = prepare_run(engine, catalogue, options)
        computed = compute_run(engine, catalogue, indicators, registry, run)
        results = as_results(computed, catalogue.indicators)
        kind = registry[indicator.kind]
        target = run.period[1] if timing(catalogue, indicator)[1] else year
        years = (target, target - 1) if getattr(kind, "previous", False) else (target,)
        found_terms, schools = _rows(engine, catalogue, indicator, kind, unit, years, run, top)
        related = _related_units(engine, unit)
        below = _below(engine, unit) if indicator.among else set()
    dependencies = {i.id for i in indicators} - {indicator_id}
    near = (year, year - 1, None) if kind.name == "compliance" else (year, None)  # tests: t-1
    return Explanation(
        indicator=indicator,
        formula=kind.formula(indicator),
        unit=place,
        year=year,
        period=run.period if timing(catalogue, indicator)[1] else None,
        results=_at(results, {indicator_id}, unit, (year, None)),
        terms=tuple(found_terms),
        schools=tuple(schools),
        inputs=_at(results, dependencies, unit, near)
        + tuple(
            r
            for r in results
            if r.indicator in indicator.of and r.unit_code in below and r.year == year
        )
        if isinstance(kind, DerivedKind)
        else (),
        sources=tuple(
            relevant(
                sources,
                tables=_tables_read(catalogue, indicators),
                years=_years_read(catalogue, indicators, registry, year, run),
                units=related,
            )
        ),
    )


def _rows(
    engine: Engine,
    catalogue: Catalogue,
    indicator: Indicator,
    kind: IndicatorKind,
    unit: str,
    years: tuple[int, ...],
    run: Run,
    top: int,
) -> tuple[list[Term], list[SchoolValue]]:
    if not isinstance(kind, SqlKind):
        return [], []
    if kind.name == "dispersion":
        found = school_values(
            engine, catalogue, indicator, unit_code=unit, year=years[0], period=run.period
        )
        return [], found
    roles = (("numerator", indicator.numerator), ("denominator", indicator.denominator))
    return [
        term
        for year in years
        for role, operand in roles
        if operand is not None and operand in kind.operands(indicator)
        for term in terms(
            engine, catalogue, role, operand, unit_code=unit, year=year, period=run.period, top=top
        )
    ], []


def _at(
    results: Sequence[IndicatorResult], ids: set[str], unit: str, years: Sequence[int | None]
) -> tuple[IndicatorResult, ...]:
    chosen = [r for r in results if r.indicator in ids and r.unit_code == unit and r.year in years]
    return tuple(sorted(chosen, key=lambda r: (r.indicator, r.scope or "", -(r.year or 0))))


def _unit(engine: Engine, code: str) -> Unit:
    rows = engine.run(
        f"SELECT code, name, level FROM org_units WHERE code = {literal(code)} UNION ALL "
        f"SELECT school_code, name, 'school' FROM schools WHERE school_code = {literal(code)}"
    ).to_pylist()
    if not rows:
        raise ExplainError(f"数据中没有单位 {code}; no unit {code} in the data")
    return Unit(**rows[0])


def _below(engine: Engine, code: str) -> set[str]:
    """Every org unit below `code` (whose verdicts a count of passing units reads)."""
    found = engine.run(
        f"SELECT descendant FROM org_closure WHERE ancestor = {literal(code)} AND depth > 0"
    )
    return {str(value) for value in found.column("descendant").to_pylist()}


def _related_units(engine: Engine, code: str) -> set[str]:
    """The unit, every unit above it and every unit below it (possible submitters)."""
    unit = literal(code)
    found = engine.run(
        f"SELECT ancestor AS code FROM org_closure WHERE descendant = {unit} UNION "
        f"SELECT descendant FROM org_closure WHERE ancestor = {unit} UNION "
        "SELECT c.ancestor FROM schools AS s JOIN org_closure AS c ON c.descendant = s.org_code "
        f"WHERE s.school_code = {unit}"
    )
    return {str(value) for value in found.column("code").to_pylist()}


def _tables_read(catalogue: Catalogue, indicators: Sequence[Indicator]) -> set[str]:
    views = derived_views(catalogue)
    read = {"org_units"}
    for operand in (op for indicator in indicators for op in indicator.operands):
        view = views.get(operand.table)
        read.update(view.reads if view else (operand.table,))
        placement = view.placement if view else table_placement(catalogue, operand.table)
        if placement == "school":  # placed through the register; sets read the stage rows
            read.add("schools")
        if operand.school_set:
            read.add("school_stage_year")
    return read


def _years_read(
    catalogue: Catalogue,
    indicators: Sequence[Indicator],
    registry: Mapping[str, IndicatorKind],
    year: int,
    run: Run,
) -> set[int]:
    """The figure's year; t-1 for growths and tests; a-1 … b for a period's figures."""
    years = {year}
    for indicator in indicators:
        kind = registry[indicator.kind]
        if getattr(kind, "previous", False) or kind.name == "compliance":
            years.add(year - 1)
        if timing(catalogue, indicator)[1]:  # a sum over [a, b], or a change since a - 1
            years.update(range(run.period[0] - 1, run.period[1] + 1))
    return years
