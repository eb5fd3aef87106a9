"""Rows of an indicator query as IndicatorResults: period and cut-off date attached."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from dudao.catalogue import Catalogue, Indicator
from dudao.catalogue.views import derived_views
from dudao.compute.coverage import Coverage, coverage_key, coverage_notes
from dudao.compute.results import IndicatorResult


@dataclass(frozen=True)
class Run:
    period: tuple[int, int]  # [a, b] of period indicators
    as_of: dict[int, date]  # the cut-off date of each year's case-based figures
    school_level: bool = False  # schools are units of the results


def to_results(
    catalogue: Catalogue,
    indicator: Indicator,
    rows: list[dict[str, Any]],
    run: Run,
    coverage: Coverage | None = None,
) -> list[IndicatorResult]:
    """The rows as results; an org value summed from only some children says so (coverage)."""
    case_based, over_period = timing(catalogue, indicator)
    found = [_result(indicator, row, run, case_based, over_period) for row in rows]
    keys = [
        coverage_key(catalogue, op) for op in (indicator.numerator, indicator.denominator) if op
    ]
    if not coverage or not any(keys):
        return found
    return [
        replace(result, notes=result.notes + notes)
        if (
            notes := coverage_notes(
                coverage, keys, (result.unit_code, int(row["year"]), result.scope)
            )
        )
        else result
        for result, row in zip(found, rows, strict=True)
    ]


def timing(catalogue: Catalogue, indicator: Indicator) -> tuple[bool, bool]:
    """(case-based: counted at a cut-off date, over a period: one result for [a, b])."""
    views = derived_views(catalogue)
    read = [views[op.table] for op in indicator.operands if op.table in views]
    case_based = any(view.as_of for view in read)
    return case_based, indicator.over_period or any(view.over_period for view in read)


def _result(
    indicator: Indicator, row: dict[str, Any], run: Run, case_based: bool, over_period: bool
) -> IndicatorResult:
    value = row["value"]
    year = int(row["year"])
    return IndicatorResult(
        indicator=indicator.id,
        unit_code=str(row["unit_code"]),
        year=None if over_period else year,
        period=run.period if over_period else None,
        scope=row["scope"],
        value=value,
        numerator=row["numerator"],
        denominator=row["denominator"],
        display=indicator.display(value),
        notes=indicator.notes + ((row["note"],) if row["note"] else ()),
        kind=indicator.kind,
        as_of=run.as_of.get(year) if case_based else None,
    )
