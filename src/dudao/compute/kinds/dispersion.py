"""Dispersion: the enrolment-weighted coefficient of variation across a district's schools.

REFERENCES.md (教督〔2012〕3号): X_i = R_i / P_i, X̄ = ΣR / ΣP,
S = sqrt(Σ (P_i / P)(X_i − X̄)²), CV = S / X̄. Since Σ P_i (X_i − X̄)² / P
= Σ (R_i² / P_i) / P − X̄², the CV needs only sums, so it compiles like any
other operand. The numerator expression is a school's R, the denominator its P;
a school whose R or P is not reported, or whose P is 0, is left out and counted.
"""

from __future__ import annotations

from collections.abc import Mapping

from dudao.catalogue import Indicator, Operand
from dudao.compute.kinds.base import as_double


class Dispersion:
    name = "dispersion"
    previous = False

    def operands(self, indicator: Indicator) -> list[Operand]:
        assert indicator.numerator is not None and indicator.denominator is not None
        r, p = f"({indicator.numerator.expr})", f"({indicator.denominator.expr})"
        kept = f"{r} IS NOT NULL AND {p} > 0"
        sums = (
            f"SUM(CASE WHEN {kept} THEN {r} END)",
            f"SUM(CASE WHEN {kept} THEN {p} END)",
            f"SUM(CASE WHEN {kept} THEN CAST({r} AS DOUBLE) * {r} / {p} END)",
            f"SUM(CASE WHEN {kept} THEN 0 ELSE 1 END)",
        )
        return [indicator.numerator.model_copy(update={"expr": expr}) for expr in sums]

    def formula(self, indicator: Indicator) -> str:
        return (
            "CV = S ÷ X̄; X_i = R_i ÷ P_i, X̄ = ΣR ÷ ΣP, S = √(Σ (P_i ÷ P)(X_i − X̄)²); "
            "R = numerator, P = denominator, per school"
        )

    def select(self, indicator: Indicator, columns: Mapping[str, str]) -> str:
        total, weight = as_double(columns["n"]), as_double(columns["d"])
        squares, left_out = as_double(columns["s"]), as_double(columns["c"])
        mean = f"{total} / NULLIF({weight}, 0)"
        spread = f"SQRT(GREATEST({squares} / NULLIF({weight}, 0) - ({mean}) * ({mean}), 0))"
        note = f"CASE WHEN {left_out} > 0 THEN CONCAT('left_out_', CAST(CAST({left_out} AS BIGINT) AS VARCHAR)) END"
        return (
            f"{total} AS numerator, {weight} AS denominator, "
            f"{spread} / NULLIF({mean}, 0) AS value, {note} AS note"
        )
