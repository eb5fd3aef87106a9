"""Scoring rules: plug-ins on one extension point, registered in DEFAULT_RULES.

Each rule has a pydantic `params` model (validated when a framework loads, so a
bad rule is an error with file and line) and `score(params, context)`, which
returns the points with the inputs it read and the reason in Chinese and English.
"""

from __future__ import annotations

from dudao.assess.rules.all_schools import AllSchools
from dudao.assess.rules.bands import Bands
from dudao.assess.rules.base import ItemContext, RuleParams, RuleRegistry, ScoringRule
from dudao.assess.rules.compliance import Compliance
from dudao.assess.rules.deduction import Deduction
from dudao.assess.rules.evidence import Evidence
from dudao.assess.rules.linear import Linear
from dudao.assess.rules.manual import Manual
from dudao.assess.rules.rating import Ratings
from dudao.assess.rules.threshold import Threshold

DEFAULT_RULES: tuple[ScoringRule, ...] = (
    Threshold(),
    Linear(),
    Bands(),
    AllSchools(),
    Compliance(),
    Evidence(),
    Deduction(),
    Ratings(),
    Manual(),
)


def rules_by_name(rules: tuple[ScoringRule, ...] = DEFAULT_RULES) -> dict[str, ScoringRule]:
    return {rule.name: rule for rule in rules}


__all__ = [
    "DEFAULT_RULES",
    "ItemContext",
    "RuleParams",
    "RuleRegistry",
    "ScoringRule",
    "rules_by_name",
]
