"""What an assessment produces: each item's points with the rule, inputs and reason behind them."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

from dudao.catalogue import Language
from dudao.catalogue.language import in_language
from dudao.compute import IndicatorResult

# met: full points; partial: some; not_met: none; pending: waits for a person's answer
# (never counted as met); no_data: an input the rule needs was not computed.
ItemStatus = Literal["met", "partial", "not_met", "pending", "no_data"]


@dataclass(frozen=True)
class Reason:
    zh: str
    en: str

    def __add__(self, other: Reason) -> Reason:
        return Reason(self.zh + other.zh, self.en + other.en)

    def text(self, language: Language) -> str:
        """In zh-Hans, en, or zh-Hant (the zh-Hans text through OpenCC s2t, as reports do)."""
        return in_language(self.zh, self.en, language)

    @staticmethod
    def join(parts: list[Reason]) -> Reason:
        """Clauses in one sentence: `；` between Chinese ones, `; ` between English ones."""
        return Reason(
            "；".join(p.zh for p in parts if p.zh), "; ".join(p.en for p in parts if p.en)
        )


@dataclass(frozen=True)
class InputValue:
    """One value a rule read: an indicator's result for a unit and year, or a person's answer."""

    source: str  # an indicator id, or `answer`, or `schools`
    unit_code: str
    year: int | None
    value: float | str | bool | None
    display: str | None = None
    scope: str | None = None
    period: tuple[int, int] | None = None
    evidence: dict[str, object] | None = None

    @classmethod
    def of(cls, result: IndicatorResult) -> InputValue:
        value = result.passed if result.kind == "compliance" else result.value
        return cls(
            source=result.indicator,
            unit_code=result.unit_code,
            year=result.year,
            value=value,
            display=result.display,
            scope=result.scope,
            period=result.period,
            evidence=result.evidence,
        )

    def to_json(self) -> dict[str, object]:
        value = self.value
        if isinstance(value, float) and not math.isfinite(value):
            value = None
        return {
            "source": self.source,
            "unit_code": self.unit_code,
            "scope": self.scope,
            "year": self.year,
            "period": list(self.period) if self.period else None,
            "value": value,
            "display": self.display,
            "evidence": self.evidence,
        }


@dataclass(frozen=True)
class Outcome:
    """A rule's verdict on one item for one unit; `points` is None while pending."""

    status: ItemStatus
    points: float | None
    reason: Reason
    inputs: tuple[InputValue, ...] = ()


@dataclass(frozen=True)
class ItemScore:
    item_id: str
    parent_id: str | None
    depth: int  # 1 = 一级指标
    title: Reason
    role: str  # scored / must_meet / veto
    rule: str | None  # the rule kind; None for an item scored from its sub-items
    max_points: float
    points: float | None
    status: ItemStatus
    reason: Reason
    inputs: tuple[InputValue, ...] = ()
    pending_points: float = 0.0  # points still waiting for answers (this item and below)

    def to_json(self) -> dict[str, object]:
        return {
            "item": self.item_id,
            "parent": self.parent_id,
            "depth": self.depth,
            "title_zh": self.title.zh,
            "title_en": self.title.en,
            "role": self.role,
            "rule": self.rule,
            "max_points": _round(self.max_points),
            "points": None if self.points is None else _round(self.points),
            "pending_points": _round(self.pending_points),
            "status": self.status,
            "reason_zh": self.reason.zh,
            "reason_en": self.reason.en,
            "inputs": [value.to_json() for value in self.inputs],
        }


@dataclass(frozen=True)
class GradeResult:
    id: str
    zh: str
    en: str

    def text(self, language: Language) -> str:
        return in_language(self.zh, self.en, language)


@dataclass
class UnitAssessment:
    """One unit's assessment under one framework for one year or period."""

    framework: str
    unit_code: str
    unit_name: str | None
    years: tuple[int, ...]
    total: float
    max_total: float
    grade: GradeResult
    vetoed: bool
    veto_failed: tuple[str, ...]
    must_meet_failed: tuple[str, ...]
    pending: tuple[str, ...]
    items: tuple[ItemScore, ...]
    rank: int | None = None
    peers: int = 0
    data_version: str | None = None
    notes: tuple[Reason, ...] = field(default=())

    @property
    def complete(self) -> bool:
        """Whether every item has been answered (a pending grade is provisional)."""
        return not self.pending

    def item(self, item_id: str) -> ItemScore:
        return next(item for item in self.items if item.item_id == item_id)

    def to_json(self) -> dict[str, object]:
        """The JSON Lines record of `dudao assess --json`."""
        return {
            "framework": self.framework,
            "unit_code": self.unit_code,
            "unit_name": self.unit_name,
            "years": list(self.years),
            "period": [self.years[0], self.years[-1]],
            "total": _round(self.total),
            "max_total": _round(self.max_total),
            "grade": self.grade.id,
            "grade_zh": self.grade.zh,
            "grade_en": self.grade.en,
            "rank": self.rank,
            "peers": self.peers,
            "vetoed": self.vetoed,
            "veto_failed": list(self.veto_failed),
            "must_meet_failed": list(self.must_meet_failed),
            "must_meet": [
                {"item": i.item_id, "status": i.status} for i in self.items if i.role == "must_meet"
            ],
            "veto": [
                {"item": i.item_id, "status": i.status} for i in self.items if i.role == "veto"
            ],
            "pending": list(self.pending),
            "complete": self.complete,
            "data_version": self.data_version,
            "notes_zh": [note.zh for note in self.notes],
            "notes_en": [note.en for note in self.notes],
            "items": [item.to_json() for item in self.items],
        }


def _round(value: float) -> float:
    """Points to 4 decimals: enough for a score sheet, free of float noise in JSON."""
    return round(value, 4)
