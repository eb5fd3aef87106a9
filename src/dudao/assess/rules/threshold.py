"""Threshold: full points when an indicator meets its bound (in the last year, or in each), else 0."""

from __future__ import annotations

from typing import Literal

from dudao.assess.model import Outcome, Reason
from dudao.assess.rules.base import (
    Condition,
    ItemContext,
    RuleParams,
    full,
    inputs_of,
    missing,
    named,
    read_condition,
    shown,
)


class ThresholdParams(RuleParams, Condition):
    kind: Literal["threshold"]

    def indicator_ids(self) -> tuple[str, ...]:
        return (self.indicator,)


class Threshold:
    name = "threshold"
    params = ThresholdParams

    def score(self, params: RuleParams, context: ItemContext) -> Outcome:
        assert isinstance(params, ThresholdParams)
        return judge_condition(params, context, context.max_points)


def judge_condition(condition: Condition, context: ItemContext, points: float) -> Outcome:
    """`points` when the condition holds in every year read, else 0; no data names the year."""
    readings = read_condition(condition, context)
    inputs = inputs_of(readings)
    gap = next((r for r in readings if r.held is None), None)
    if gap is not None:
        return Outcome("no_data", 0.0, missing(condition.indicator, gap.year), inputs)
    failed = [r for r in readings if not r.held]
    name = named(condition.indicator, condition.scope)
    values = "，".join(f"{r.year}年 {shown(r.result)}" for r in readings)
    values_en = ", ".join(f"{r.year}: {shown(r.result)}" for r in readings)
    label, label_en = name.zh, name.en
    if failed:
        years = "、".join(str(r.year) for r in failed)
        reason = Reason(
            f"{label} {values}，{years}年未达到 {condition.text}，得0分",
            f"{label_en} {values_en}: not {condition.text} in {years}, 0 points",
        )
        return Outcome("not_met", 0.0, reason, inputs)
    reason = Reason(
        f"{label} {values}，达到 {condition.text}，{full(points).zh}",
        f"{label_en} {values_en}: {condition.text}, {full(points).en}",
    )
    return Outcome("met", points, reason, inputs)
