"""Evidence checklist: a person answers yes or no, with a note or attachment.

Unanswered is pending: it is listed, scores nothing yet, and is never taken as met.
"""

from __future__ import annotations

from typing import Literal

from dudao.assess.answers import Answer
from dudao.assess.model import InputValue, Outcome, Reason
from dudao.assess.rules.base import ItemContext, RuleParams, full


class EvidenceParams(RuleParams):
    kind: Literal["evidence"]


class Evidence:
    name = "evidence"
    params = EvidenceParams

    def score(self, params: RuleParams, context: ItemContext) -> Outcome:
        answer = context.answer
        if answer is None or answer.met is None:
            reason = Reason(
                "待填报：需人工核实并上传佐证", "pending: a person must answer with evidence"
            )
            return Outcome("pending", None, reason)
        inputs = (answer_input(answer, context, answer.met),)
        said = answered_by(answer)
        if answer.met:
            return Outcome(
                "met",
                context.max_points,
                Reason("经核实达到标准，", "confirmed met: ") + full(context.max_points) + said,
                inputs,
            )
        return Outcome(
            "not_met",
            0.0,
            Reason("经核实未达到标准，得0分", "confirmed not met: 0 points") + said,
            inputs,
        )


def answer_input(
    answer: Answer, context: ItemContext, value: float | str | bool | None
) -> InputValue:
    return InputValue(
        source="answer",
        unit_code=context.unit_code,
        year=context.year,
        value=value,
        display=answer.note,
        evidence={k: v for k, v in answer.to_json().items() if v not in (None, {})},
    )


def answered_by(answer: Answer) -> Reason:
    parts = [p for p in (answer.note, answer.attachment and f"📎 {answer.attachment}") if p]
    who = f"{answer.by}" if answer.by else ""
    if not parts and not who:
        return Reason("", "")
    text = "；".join(parts)
    return Reason(
        f"（{who}{'：' if who and text else ''}{text}）",
        f" ({who}{': ' if who and text else ''}{text})",
    )
