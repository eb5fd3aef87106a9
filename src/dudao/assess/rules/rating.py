"""A/B/C ratings with a pass line: each criterion is rated A, B or C, from an indicator's
bounds or by a person; the item passes when enough are A and few enough are C
(e.g. A ≥ 34 and no C). A criterion nobody has rated yet is pending.
"""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from dudao.assess.answers import Rating
from dudao.assess.model import InputValue, Outcome, Reason
from dudao.assess.rules.base import Comparison, ItemContext, RuleParams, Scope, full
from dudao.catalogue.models import Declared


class Criterion(Declared):
    id: str
    indicator: str | None = None  # rated from this indicator; None: rated by a person
    scope: Scope | None = None
    a: Comparison | None = None
    b: Comparison | None = None

    @model_validator(mode="after")
    def _bounds(self) -> Criterion:
        if (self.indicator is None) != (self.a is None and self.b is None):
            raise ValueError("an indicator criterion needs bounds a and b; a manual one neither")
        return self


class RatingParams(RuleParams):
    kind: Literal["rating"]
    criteria: tuple[Criterion, ...]
    min_a: int = 0
    max_c: int = 0

    def indicator_ids(self) -> tuple[str, ...]:
        return tuple(c.indicator for c in self.criteria if c.indicator is not None)


class Ratings:
    name = "rating"
    params = RatingParams

    def score(self, params: RuleParams, context: ItemContext) -> Outcome:
        assert isinstance(params, RatingParams)
        grades: dict[str, Rating | None] = {}
        inputs: list[InputValue] = []
        for criterion in params.criteria:
            grades[criterion.id] = _rate(criterion, context, inputs)
        counts = {g: sum(1 for v in grades.values() if v == g) for g in ("A", "B", "C")}
        tally = Reason(
            f"A {counts['A']} 项、B {counts['B']} 项、C {counts['C']} 项（合格线：A ≥ {params.min_a} 且 C ≤ {params.max_c}）",
            f"A {counts['A']}, B {counts['B']}, C {counts['C']} (pass line: A ≥ {params.min_a}, C ≤ {params.max_c})",
        )
        unrated = [key for key, grade in grades.items() if grade is None]
        if unrated:
            wait = Reason(f"待评定：{'、'.join(unrated)}", f"pending ratings: {', '.join(unrated)}")
            return Outcome("pending", None, Reason.join([tally, wait]), tuple(inputs))
        if counts["A"] >= params.min_a and counts["C"] <= params.max_c:
            return Outcome(
                "met",
                context.max_points,
                Reason.join(
                    [
                        tally,
                        Reason("达到合格线，", "pass line reached: ") + full(context.max_points),
                    ]
                ),
                tuple(inputs),
            )
        return Outcome(
            "not_met",
            0.0,
            Reason.join([tally, Reason("未达到合格线，得0分", "below the pass line: 0 points")]),
            tuple(inputs),
        )


def _rate(criterion: Criterion, context: ItemContext, inputs: list[InputValue]) -> Rating | None:
    if criterion.indicator is None:
        ratings = context.answer.ratings if context.answer else {}
        return ratings.get(criterion.id)
    result = context.values.get(
        criterion.indicator, context.unit_code, criterion.scope, context.year
    )
    if result is None or result.value is None:
        return "C"  # a figure not reported cannot earn A or B
    inputs.append(InputValue.of(result))
    if criterion.a is not None and criterion.a.holds(result.value):
        return "A"
    if criterion.b is not None and criterion.b.holds(result.value):
        return "B"
    return "C"
