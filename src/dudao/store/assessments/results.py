"""What the assessment store hands back: plain values, free of Django."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class MarkInfo:
    points: float | None
    given_by: str
    given_at: datetime
    version: int  # the side's version number
    status: str = ""
    met: bool | None = None
    value: float | None = None
    note: str = ""
    attachment: str = ""
    reason: str = ""


@dataclass(frozen=True)
class ItemComparison:
    """One item: the computed, self and review marks side by side."""

    item_id: str
    computed: MarkInfo | None
    self: MarkInfo | None
    review: MarkInfo | None

    @property
    def differs(self) -> bool:
        """Self and review disagree on the points (both given): the sheet highlights it."""
        if self.self is None or self.review is None:
            return False
        a, b = self.self.points, self.review.points
        return (a is None) != (b is None) or (a is not None and b is not None and abs(a - b) > 1e-9)


@dataclass(frozen=True)
class ScoreSheet:
    assessment_id: int
    framework: str
    unit_code: str
    period: tuple[int, int]
    items: tuple[ItemComparison, ...]
    computed_data_version: str | None  # the data the latest computed scores read
    versions: dict[str, int] = field(default_factory=dict)  # side -> latest version number

    def stale(self, data_version: str) -> bool:
        """Whether the computed scores read other data than `data_version` (recompute them)."""
        return self.computed_data_version is not None and self.computed_data_version != data_version

    @property
    def differences(self) -> tuple[ItemComparison, ...]:
        return tuple(item for item in self.items if item.differs)


@dataclass(frozen=True)
class MarkInput:
    """What a person gives one item: points directly (a reviewer), or the answer the rule
    scores (yes/no for evidence, a value for a manual score), with a note or attachment."""

    points: float | None = None
    met: bool | None = None
    value: float | None = None
    note: str = ""
    attachment: str = ""
