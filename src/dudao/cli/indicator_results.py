"""`dudao compute`'s table of indicator results, apart from `render` so that the commands
that print no indicator do not import the compute engine."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rich.table import Table

from dudao.catalogue import default_catalogue
from dudao.compute import IndicatorResult


def results_table(results: Iterable[IndicatorResult], unit_names: Mapping[str, str]) -> Table:
    indicators = default_catalogue().indicators
    table = Table(title="指标 Indicators")
    for column in (
        "indicator",
        "unit",
        "scope",
        "year",
        "value",
        "numerator",
        "denominator",
        "notes",
    ):
        table.add_column(column, justify="right" if column in ("value", "year") else "left")
    for result in results:
        label = indicators[result.indicator].label
        table.add_row(
            f"{label.zh_hans}\n{result.indicator}",
            f"{unit_names.get(result.unit_code, '')} {result.unit_code}",
            result.scope or "",
            _when(result),
            result.display or "—",
            _number(result.numerator),
            _number(result.denominator),
            ", ".join(result.notes + _missing(result)),
        )
    return table


def _when(result: IndicatorResult) -> str:
    if result.period:
        return f"{result.period[0]}–{result.period[1]}"
    if result.as_of:
        return result.as_of.isoformat()
    return str(result.year)


def _missing(result: IndicatorResult) -> tuple[str, ...]:
    missing = (result.evidence or {}).get("missing")
    return (f"missing: {', '.join(map(str, missing))}",) if isinstance(missing, list) else ()


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
