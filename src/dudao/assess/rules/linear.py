"""Linear: 0 points at the floor, full points at the target, in proportion between."""

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


class LinearParams(RuleParams):
    kind: Literal["linear"]
    indicator: str
    scope: Scope | None = None
    floor: float
    target: float  # below the floor when lower is better (a CV, a ratio of students per computer)

    @model_validator(mode="after")
    def _distinct(self) -> LinearParams:
        if self.floor == self.target:
            raise ValueError("floor and target must differ")
        return self

    def indicator_ids(self) -> tuple[str, ...]:
        return (self.indicator,)


class Linear:
    name = "linear"
    params = LinearParams

    def score(self, params: RuleParams, context: ItemContext) -> Outcome:
        assert isinstance(params, LinearParams)
        read = this_year_value(params.indicator, params.scope, context)
        if isinstance(read, Outcome):
            return read
        result, value = read
        share = (value - params.floor) / (params.target - params.floor)
        share = min(1.0, max(0.0, share))
        points = context.max_points * share
        status: ItemStatus = "met" if share >= 1 else "not_met" if share <= 0 else "partial"
        name = named(params.indicator, params.scope)
        reason = Reason(
            f"{name.zh} {context.year}年 {shown(result)}；{params.floor:g} 得0分，"
            f"{params.target:g} 得满分，按比例得 {points:.2f} 分",
            f"{name.en} {context.year}: {shown(result)}; 0 points at {params.floor:g}, "
            f"full at {params.target:g}: {points:.2f} points",
        )
        return Outcome(status, points, reason, (InputValue.of(result),))
