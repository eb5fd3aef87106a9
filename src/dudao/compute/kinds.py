"""Indicator kinds: each a plug-in that says which operands it needs and how to combine them.

Built-in kinds are registered in DEFAULT_KINDS; later kinds (amount, share,
growth, compliance, dispersion) register on the same extension point.
"""

from __future__ import annotations

from typing import Protocol

from dudao.catalogue import Indicator, Operand


class IndicatorKind(Protocol):
    name: str

    def operands(self, indicator: Indicator) -> list[Operand]: ...

    def select(self, indicator: Indicator) -> str:
        """SQL over the frame `k` (unit_code, year) joined to operands `n` and `d`.

        Returns the columns numerator, denominator, value and capped.
        """
        ...


class Ratio:
    """scale × Σnumerator / Σdenominator, optionally capped (NER: UIS rule)."""

    name = "ratio"

    def operands(self, indicator: Indicator) -> list[Operand]:
        return [operand for operand in (indicator.numerator, indicator.denominator) if operand]

    def select(self, indicator: Indicator) -> str:
        raw = f"CAST(n.value AS DOUBLE) * {indicator.scale!r} / NULLIF(CAST(d.value AS DOUBLE), 0)"
        if indicator.cap is None:
            value, capped = raw, "FALSE"
        else:
            value = f"CASE WHEN {raw} > {indicator.cap!r} THEN {indicator.cap!r} ELSE {raw} END"
            capped = f"COALESCE({raw} > {indicator.cap!r}, FALSE)"
        return (
            "CAST(n.value AS DOUBLE) AS numerator, CAST(d.value AS DOUBLE) AS denominator, "
            f"{value} AS value, {capped} AS capped"
        )


DEFAULT_KINDS: tuple[IndicatorKind, ...] = (Ratio(),)


def kinds_by_name(kinds: tuple[IndicatorKind, ...] = DEFAULT_KINDS) -> dict[str, IndicatorKind]:
    return {kind.name: kind for kind in kinds}
