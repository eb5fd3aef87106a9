"""Indicator kinds: plug-ins on one extension point, registered in DEFAULT_KINDS.

A SQL kind says which operands it reads and how the compiled query combines
them; a derived kind (compliance) judges other indicators' computed values.
"""

from __future__ import annotations

from dudao.compute.kinds.base import DerivedKind, IndicatorKind, SqlKind
from dudao.compute.kinds.compliance import Compliance
from dudao.compute.kinds.dispersion import Dispersion
from dudao.compute.kinds.growth import Growth
from dudao.compute.kinds.mean import Mean
from dudao.compute.kinds.passing import Passing
from dudao.compute.kinds.ratio import AdjustedParity, Amount, Count, Ratio, Share

DEFAULT_KINDS: tuple[IndicatorKind, ...] = (
    Ratio(),
    Share(),
    Amount(),
    Count(),
    Growth(),
    AdjustedParity(),
    Dispersion(),
    Mean(),
    Compliance(),
    Passing(),
)


def kinds_by_name(kinds: tuple[IndicatorKind, ...] = DEFAULT_KINDS) -> dict[str, IndicatorKind]:
    return {kind.name: kind for kind in kinds}


__all__ = [
    "DEFAULT_KINDS",
    "AdjustedParity",
    "Amount",
    "Compliance",
    "Count",
    "DerivedKind",
    "Dispersion",
    "Growth",
    "IndicatorKind",
    "Mean",
    "Passing",
    "Ratio",
    "Share",
    "SqlKind",
    "kinds_by_name",
]
