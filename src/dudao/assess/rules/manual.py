"""Manual scores: a number a person enters (an opinion poll's approval, an expert panel's points).

`scale: percent` turns a percentage into that share of the item's points (an
opinion poll worth 50 % of the total: the item carries half the points);
`pass_at` marks the item not met below it (satisfaction ≥ 85 %).
"""

from __future__ import annotations

from typing import Literal

from dudao.assess.model import Outcome, Reason
from dudao.assess.rules.base import ItemContext, RuleParams
from dudao.assess.rules.evidence import answer_input, answered_by


class ManualParams(RuleParams):
    kind: Literal["manual"]
    scale: Literal["percent", "points"] = "percent"
    pass_at: float | None = None


class Manual:
    name = "manual"
    params = ManualParams

    def score(self, params: RuleParams, context: ItemContext) -> Outcome:
        assert isinstance(params, ManualParams)
        answer = context.answer
        if answer is None or answer.value is None:
            reason = Reason("待录入：需人工评分", "pending: a person must enter the score")
            return Outcome("pending", None, reason)
        value = answer.value
        if params.scale == "percent":
            points = context.max_points * min(max(value, 0.0), 100.0) / 100
            given = Reason(
                f"录入 {value:g}%，折合 {points:.2f} 分", f"entered {value:g}%: {points:.2f} points"
            )
        else:
            points = min(max(value, 0.0), context.max_points)
            given = Reason(
                f"录入 {value:g} 分，计 {points:g} 分", f"entered {value:g}: {points:g} points"
            )
        status: Literal["met", "partial", "not_met"] = (
            "met" if points >= context.max_points else "partial"
        )
        if params.pass_at is not None:
            status = "met" if value >= params.pass_at else "not_met"
            given = given + Reason(
                f"（{'达到' if status == 'met' else '未达到'} {params.pass_at:g}）",
                f" ({'reaches' if status == 'met' else 'below'} {params.pass_at:g})",
            )
        return Outcome(
            status, points, given + answered_by(answer), (answer_input(answer, context, value),)
        )
