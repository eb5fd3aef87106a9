"""What people answered in the store (dudao.store.assessments), for a report read from it.

A report built from the store scores its framework items with the marks people gave: the
unit's own (自评) answers, and the reviewer's (他评) for items the unit left unanswered, so
an answered item is never shown as pending. Marks given only as points (no yes/no or
value) are not answers a rule can score, and stay pending as in `dudao assess`.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

from dudao.assess import Answer, Answers


def stored_answers(frameworks: Iterable[str], period: tuple[int, int]) -> dict[str, Answers]:
    """framework id -> unit -> item -> answer; the store must be set up (dudao.store.setup)."""
    service = importlib.import_module("dudao.store.assessments.service")  # needs Django set up
    return {
        framework: merged(
            service.stored_answers(framework, period, "self"),
            service.stored_answers(framework, period, "review"),
        )
        for framework in dict.fromkeys(frameworks)
    }


def merged(own: Answers, review: Answers) -> dict[str, dict[str, Answer]]:
    """The unit's answers, the reviewer's where the unit gave none."""
    units = set(own) | set(review)
    return {unit: {**review.get(unit, {}), **own.get(unit, {})} for unit in sorted(units)}
