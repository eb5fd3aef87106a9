"""Ratio and share (scale × Σnumerator / Σdenominator), amount and count (one sum)."""

from __future__ import annotations

from dudao.catalogue import Indicator, Operand
from dudao.compute.kinds.base import as_double


class Ratio:
    """scale × Σnumerator / Σdenominator at every level, optionally capped (NER: UIS rule)."""

    name = "ratio"
    previous = False

    def operands(self, indicator: Indicator) -> list[Operand]:
        return list(indicator.operands)

    def select(self, indicator: Indicator) -> str:
        n, d = as_double("n"), as_double("d")
        raw = f"{n} * {indicator.scale!r} / NULLIF({d}, 0)"
        if indicator.cap is None:
            value, capped = raw, "FALSE"
        else:
            value = f"CASE WHEN {raw} > {indicator.cap!r} THEN {indicator.cap!r} ELSE {raw} END"
            capped = f"COALESCE({raw} > {indicator.cap!r}, FALSE)"
        return f"{n} AS numerator, {d} AS denominator, {value} AS value, {capped} AS capped"


class Share(Ratio):
    """A part of a whole × 100 (the numerator's rows are among the denominator's)."""

    name = "share"


class Amount:
    """One sum (money, area, length) × scale: no denominator."""

    name = "amount"
    previous = False

    def operands(self, indicator: Indicator) -> list[Operand]:
        return list(indicator.operands[:1])

    def select(self, indicator: Indicator) -> str:
        n = as_double("n")
        return (
            f"{n} AS numerator, CAST(NULL AS DOUBLE) AS denominator, "
            f"{n} * {indicator.scale!r} AS value, FALSE AS capped"
        )


class Count(Amount):
    """A number of schools, people, events: printed without decimals."""

    name = "count"
