"""Deduction: the item's points less `per_failure` for each element (and year) that fails.

An element with no value counts as failed and says so: a missing figure never
keeps points.
"""

from __future__ import annotations

from typing import Literal

from dudao.assess.model import InputValue, ItemStatus, Outcome, Reason
from dudao.assess.rules.base import (
    Condition,
    ItemContext,
    RuleParams,
    full,
    named,
    read_condition,
    shown,
)


class DeductionParams(RuleParams):
    kind: Literal["deduction"]
    per_failure: float
    elements: tuple[Condition, ...]

    def indicator_ids(self) -> tuple[str, ...]:
        return tuple(element.indicator for element in self.elements)


class Deduction:
    name = "deduction"
    params = DeductionParams

    def score(self, params: RuleParams, context: ItemContext) -> Outcome:
        assert isinstance(params, DeductionParams)
        inputs: list[InputValue] = []
        failures: list[Reason] = []
        for element in params.elements:
            for reading in read_condition(element, context):
                if reading.result is not None:
                    inputs.append(InputValue.of(reading.result))
                if reading.held:
                    continue
                value = "缺数据 missing" if reading.held is None else shown(reading.result)
                name = named(element.indicator, element.scope)
                failures.append(
                    Reason(
                        f"{name.zh} {reading.year}年 {value} 未达到 {element.text}",
                        f"{name.en} {reading.year} {value}: not {element.text}",
                    )
                )
        points = max(0.0, context.max_points - params.per_failure * len(failures))
        if not failures:
            reason = Reason("各要素均达标，", "every element met: ") + full(points)
            return Outcome("met", points, reason, tuple(inputs))
        summary = Reason(
            f"{len(failures)}项未达标，每项扣 {params.per_failure:g} 分，得 {points:g} 分",
            f"{len(failures)} failing, {params.per_failure:g} off each: {points:g} points",
        )
        status: ItemStatus = "partial" if points > 0 else "not_met"
        return Outcome(status, points, Reason.join([*failures, summary]), tuple(inputs))
