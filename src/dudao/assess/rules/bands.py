"""Bands: points by the value's band (≥ 90 → 10, ≥ 80 → 8, …) or by rank among peers (top 3 → 10, …)."""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from dudao.assess.model import InputValue, ItemStatus, Outcome, Reason
from dudao.assess.rules.base import (
    ItemContext,
    RuleParams,
    Scope,
    named,
    shown,
    this_year_value,
)
from dudao.catalogue.models import Declared


class Band(Declared):
    points: float
    at_least: float | None = None  # by value (higher is better)
    at_most: float | None = None  # by value (lower is better)
    top: int | None = None  # by rank: rank ≤ top

    @property
    def text(self) -> str:
        if self.top is not None:
            return f"前{self.top}名 top {self.top}"
        return f"≥ {self.at_least:g}" if self.at_least is not None else f"≤ {self.at_most:g}"


class BandsParams(RuleParams):
    kind: Literal["bands"]
    indicator: str
    scope: Scope | None = None
    by: Literal["value", "rank"] = "value"
    higher_is_better: bool = True  # rank order
    bands: tuple[Band, ...]  # the first band the unit reaches gives its points; else 0

    @model_validator(mode="after")
    def _bands_fit(self) -> BandsParams:
        for band in self.bands:
            bounds = [band.at_least, band.at_most, band.top]
            if sum(bound is not None for bound in bounds) != 1:
                raise ValueError("each band needs exactly one of at_least, at_most, top")
            if (band.top is not None) != (self.by == "rank"):
                raise ValueError(
                    f"bands by {self.by} take {'top' if self.by == 'rank' else 'at_least or at_most'}"
                )
        return self

    def indicator_ids(self) -> tuple[str, ...]:
        return (self.indicator,)


class Bands:
    name = "bands"
    params = BandsParams

    def score(self, params: RuleParams, context: ItemContext) -> Outcome:
        assert isinstance(params, BandsParams)
        read = this_year_value(params.indicator, params.scope, context)
        if isinstance(read, Outcome):
            return read
        result, value = read
        inputs = (InputValue.of(result),)
        if params.by == "rank":
            rank, peers = _rank(params, context, value)
            band = next((b for b in params.bands if b.top is not None and rank <= b.top), None)
            where = Reason(f"在{peers}个单位中排第{rank}名", f"rank {rank} of {peers}")
        else:
            band = next((b for b in params.bands if _reaches(b, value)), None)
            where = Reason("", "")
        points = min(band.points, context.max_points) if band else 0.0
        status: ItemStatus = (
            "met" if points >= context.max_points else "partial" if points > 0 else "not_met"
        )
        bracket = band.text if band else "未进入任何档 below every band"
        name = named(params.indicator, params.scope)
        reason = Reason(
            f"{name.zh} {context.year}年 {shown(result)}{where.zh}，{bracket}，得 {points:g} 分",
            f"{name.en} {context.year}: {shown(result)} {where.en}, {bracket}: {points:g} points",
        )
        return Outcome(status, points, reason, inputs)


def _reaches(band: Band, value: float) -> bool:
    if band.at_least is not None:
        return value >= band.at_least
    return band.at_most is not None and value <= band.at_most


def _rank(params: BandsParams, context: ItemContext, value: float) -> tuple[int, int]:
    """Competition rank (1, 2, 2, 4) among the peers with a value that year."""
    values = []
    for peer in context.peers:
        found = context.values.get(params.indicator, peer, params.scope, context.year)
        if found is not None and found.value is not None:
            values.append(found.value)
    better = sum(1 for v in values if (v > value if params.higher_is_better else v < value))
    return better + 1, len(values)
