"""Growth: (value of t ÷ value of t-1 − 1) × 100, the value being Σn or Σn / Σd."""

from __future__ import annotations

from collections.abc import Mapping

from dudao.catalogue import Indicator, Operand
from dudao.compute.kinds.base import NO_NOTE, as_double


class Growth:
    name = "growth"
    previous = True

    def operands(self, indicator: Indicator) -> list[Operand]:
        return list(indicator.operands)

    def formula(self, indicator: Indicator) -> str:
        level = "Σnumerator ÷ Σdenominator" if indicator.denominator else "Σnumerator"
        return f"(v(t) ÷ v(t−1) − 1) × 100, v = {level}"

    def select(self, indicator: Indicator, columns: Mapping[str, str]) -> str:
        current = _level(columns, "n", "d")
        before = _level(columns, "pn", "pd")
        value = f"({current}) * CAST(100 AS DOUBLE) / NULLIF({before}, 0) - CAST(100 AS DOUBLE)"
        return f"{current} AS numerator, {before} AS denominator, {value} AS value, {NO_NOTE}"


def _level(columns: Mapping[str, str], numerator: str, denominator: str) -> str:
    if denominator not in columns:
        return as_double(columns[numerator])
    return f"{as_double(columns[numerator])} / NULLIF({as_double(columns[denominator])}, 0)"
