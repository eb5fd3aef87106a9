"""Growth: (value of t ÷ value of t-1 − 1) × 100, the value being Σn or Σn / Σd."""

from __future__ import annotations

from dudao.catalogue import Indicator, Operand
from dudao.compute.kinds.base import as_double


class Growth:
    name = "growth"
    previous = True

    def operands(self, indicator: Indicator) -> list[Operand]:
        return list(indicator.operands)

    def select(self, indicator: Indicator) -> str:
        current = _level(indicator, "n", "d")
        before = _level(indicator, "pn", "pd")
        value = f"({current}) * CAST(100 AS DOUBLE) / NULLIF({before}, 0) - CAST(100 AS DOUBLE)"
        return f"{current} AS numerator, {before} AS denominator, {value} AS value, FALSE AS capped"


def _level(indicator: Indicator, numerator: str, denominator: str) -> str:
    if indicator.denominator is None:
        return as_double(numerator)
    return f"{as_double(numerator)} / NULLIF({as_double(denominator)}, 0)"
