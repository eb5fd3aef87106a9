"""Scoring a framework's tree for one unit: leaves by their rules, parents from their children.

An item's maximum is its points, or its weight × its parent's maximum. A parent
scores max × Σ children's points ÷ Σ children's maxima, so sub-items declared on
their own scale (a 100-point checklist inside a 50 % area) still add up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from dudao.assess.answers import Answer
from dudao.assess.model import ItemScore, ItemStatus, Outcome, Reason
from dudao.assess.rules import ItemContext, RuleParams, ScoringRule
from dudao.catalogue.frameworks import FrameworkItem


@dataclass(frozen=True)
class Scorer:
    rules: Mapping[str, ScoringRule]
    params: Mapping[str, RuleParams]
    base: ItemContext  # the unit's context; item id, points and answer set per item
    answers: Mapping[str, Answer]

    def score(
        self, item: FrameworkItem, parent_max: float, parent: str | None, depth: int
    ) -> list[ItemScore]:
        maximum = item_max(item, parent_max)
        if not item.items:
            return [self._leaf(item, maximum, parent, depth)]
        below: list[ItemScore] = []
        children: list[ItemScore] = []
        for child in item.items:
            scored = self.score(child, maximum, item.id, depth + 1)
            children.append(scored[0])
            below.extend(scored)
        return [combine(item, maximum, parent, depth, children), *below]

    def _leaf(
        self, item: FrameworkItem, maximum: float, parent: str | None, depth: int
    ) -> ItemScore:
        assert item.rule is not None
        context = replace(
            self.base, item_id=item.id, max_points=maximum, answer=self.answers.get(item.id)
        )  # type: ignore[arg-type]
        outcome = run_rule(self.rules[item.rule.kind], self.params[item.id], context)
        return ItemScore(
            item_id=item.id,
            parent_id=parent,
            depth=depth,
            title=Reason(item.title.zh, item.title.en),
            role=item.role,
            rule=item.rule.kind,
            max_points=maximum,
            points=outcome.points,
            status=outcome.status,
            reason=outcome.reason,
            inputs=outcome.inputs,
            pending_points=maximum if outcome.points is None else 0.0,
        )


def item_max(item: FrameworkItem, parent_max: float) -> float:
    if item.points is not None:
        return item.points
    return (item.weight or 0.0) * parent_max


def run_rule(rule: ScoringRule, params: RuleParams, context: ItemContext) -> Outcome:
    """The rule's outcome; a rule that crashes scores nothing and says why (never a traceback)."""
    try:
        return rule.score(params, context)
    except Exception as error:  # a plug-in's failure is reported on its item
        reason = Reason(f"评分规则出错：{error!r}", f"the rule failed: {error!r}")
        return Outcome("no_data", 0.0, reason)


def combine(
    item: FrameworkItem, maximum: float, parent: str | None, depth: int, children: list[ItemScore]
) -> ItemScore:
    scale = sum(child.max_points for child in children)
    known = sum(child.points or 0.0 for child in children)
    points = maximum * known / scale if scale else 0.0
    pending = maximum * sum(child.pending_points for child in children) / scale if scale else 0.0
    status = _status([child.status for child in children], points, maximum)
    reason = Reason(
        f"各分项合计 {points:.2f} / {maximum:g} 分"
        + (f"，待评 {pending:.2f} 分" if pending else ""),
        f"sum of sub-items {points:.2f} of {maximum:g}"
        + (f", {pending:.2f} pending" if pending else ""),
    )
    return ItemScore(
        item_id=item.id,
        parent_id=parent,
        depth=depth,
        title=Reason(item.title.zh, item.title.en),
        role=item.role,
        rule=None,
        max_points=maximum,
        points=points,
        status=status,
        reason=reason,
        pending_points=pending,
    )


def _status(statuses: list[ItemStatus], points: float, maximum: float) -> ItemStatus:
    if all(status == "met" for status in statuses):
        return "met"
    if all(status in ("met", "pending") for status in statuses):
        return "pending"
    if all(status == "no_data" for status in statuses):
        return "no_data"
    if maximum == 0 or points <= 0:  # a group of veto or must-meet items: one failure fails it
        return "not_met"
    return "partial"
