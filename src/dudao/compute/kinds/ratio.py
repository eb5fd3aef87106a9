"""Ratio and share (scale × Σnumerator / Σdenominator), amount and count (one sum)."""

from __future__ import annotations

from collections.abc import Mapping

from dudao.catalogue import Indicator, Operand
from dudao.compute.kinds.base import NO_NOTE, as_double


class Ratio:
    """scale × Σnumerator / Σdenominator at every level, optionally capped (NER: UIS rule)."""

    name = "ratio"
    previous = False

    def operands(self, indicator: Indicator) -> list[Operand]:
        return list(indicator.operands)

    def formula(self, indicator: Indicator) -> str:
        capped = "" if indicator.cap is None else f", capped at {indicator.cap:g}"
        scale = "" if indicator.scale == 1 else f"{indicator.scale:g} × "
        return f"{scale}Σnumerator ÷ Σdenominator{capped}"

    def select(self, indicator: Indicator, columns: Mapping[str, str]) -> str:
        n, d = as_double(columns["n"]), as_double(columns.get("d"))
        raw = f"{n} * {indicator.scale!r} / NULLIF({d}, 0)"
        if indicator.uis_split is not None:
            return _uis_split(indicator, columns, n, d, raw)
        if indicator.cap is None:
            return f"{n} AS numerator, {d} AS denominator, {raw} AS value, {NO_NOTE}"
        return (
            f"{n} AS numerator, {d} AS denominator, "
            f"CASE WHEN {raw} > {indicator.cap!r} THEN {indicator.cap!r} ELSE {raw} END AS value, "
            f"CASE WHEN {raw} > {indicator.cap!r} THEN 'capped' END AS note"
        )


class Share(Ratio):
    """A part of a whole × 100 (the numerator's rows are among the denominator's)."""

    name = "share"


class Amount:
    """One sum (money, area, length) × scale: no denominator."""

    name = "amount"
    previous = False

    def operands(self, indicator: Indicator) -> list[Operand]:
        return list(indicator.operands[:1])

    def formula(self, indicator: Indicator) -> str:
        return "Σnumerator" if indicator.scale == 1 else f"{indicator.scale:g} × Σnumerator"

    def select(self, indicator: Indicator, columns: Mapping[str, str]) -> str:
        n = as_double(columns["n"])
        return (
            f"{n} AS numerator, CAST(NULL AS DOUBLE) AS denominator, "
            f"{n} * {indicator.scale!r} AS value, {NO_NOTE}"
        )


class Count(Amount):
    """A number of schools, people, events: printed without decimals."""

    name = "count"


class AdjustedParity(Ratio):
    """UIS adjusted parity index of r = n / d: r when r ≤ 1, else 2 − 1/r (symmetric around 1)."""

    name = "adjusted_parity"

    def formula(self, indicator: Indicator) -> str:
        return "r = Σnumerator ÷ Σdenominator; r when r ≤ 1, else 2 − 1 / r"

    def select(self, indicator: Indicator, columns: Mapping[str, str]) -> str:
        n, d = as_double(columns["n"]), as_double(columns.get("d"))
        raw = f"{n} / NULLIF({d}, 0)"
        value = f"CASE WHEN {raw} > 1 THEN 2 - 1 / {raw} ELSE {raw} END"
        return (
            f"{n} AS numerator, {d} AS denominator, {value} AS value, "
            f"CASE WHEN {raw} > 1 THEN 'adjusted' END AS note"
        )


def _uis_split(indicator: Indicator, columns: Mapping[str, str], n: str, d: str, raw: str) -> str:
    """UIS: with both sexes reported, divide by the larger of female and male E/P when it
    exceeds 1 (note `uis_sex_adjusted`); without the split, the plain cap."""
    female = f"{as_double(columns['s'])} / NULLIF({as_double(columns['c'])}, 0)"
    male = f"{as_double(columns['e'])} / NULLIF({as_double(columns['f'])}, 0)"
    split = f"({female}) IS NOT NULL AND ({male}) IS NOT NULL"
    larger = f"CASE WHEN ({female}) > ({male}) THEN ({female}) ELSE ({male}) END"
    capped = f"{raw} > {indicator.cap!r}" if indicator.cap is not None else "FALSE"
    return (
        f"{n} AS numerator, {d} AS denominator, "
        f"CASE WHEN {split} AND {larger} > 1 THEN ({raw}) / ({larger}) WHEN {split} THEN {raw} "
        f"WHEN {capped} THEN {indicator.cap!r} ELSE {raw} END AS value, "
        f"CASE WHEN {split} AND {larger} > 1 THEN 'uis_sex_adjusted' "
        f"WHEN NOT ({split}) AND {capped} THEN 'capped' END AS note"
    )
