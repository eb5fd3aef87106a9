"""Stored assessments: self-check (自评) and review (他评) scores per item, with versions and audit.

A separate Django app (label `assessments`, its own migrations) so that `dudao.assess`
stays free of Django. Call `dudao.store.setup()` first; functions load on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from dudao.store.assessments.results import ItemComparison, MarkInfo, MarkInput, ScoreSheet

if TYPE_CHECKING:
    from dudao.store.assessments.service import (
        answers_for,
        check_marker,
        open_assessment,
        people_marks,
        record_computed,
        record_marks,
        score_sheet,
        stored_answers,
    )

_LAZY = (
    "answers_for",
    "check_marker",
    "open_assessment",
    "people_marks",
    "record_computed",
    "record_marks",
    "score_sheet",
    "stored_answers",
)

__all__ = [
    "ItemComparison",
    "MarkInfo",
    "MarkInput",
    "ScoreSheet",
    "answers_for",
    "check_marker",
    "open_assessment",
    "people_marks",
    "record_computed",
    "record_marks",
    "score_sheet",
    "stored_answers",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module("dudao.store.assessments.service"), name)
    raise AttributeError(f"module 'dudao.store.assessments' has no attribute {name!r}")
