"""What people enter: yes/no with a note or attachment, a manual score, A/B/C ratings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Rating = Literal["A", "B", "C"]


@dataclass(frozen=True)
class Answer:
    """One person's answer to one item for one unit. Which field counts depends on the rule:
    `met` for an evidence checklist, `value` for a manual score, `ratings` for A/B/C."""

    met: bool | None = None
    value: float | None = None
    ratings: Mapping[str, Rating] = field(default_factory=dict)
    note: str | None = None
    attachment: str | None = None
    by: str | None = None
    at: datetime | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "met": self.met,
            "value": self.value,
            "ratings": dict(self.ratings),
            "note": self.note,
            "attachment": self.attachment,
            "by": self.by,
            "at": self.at.isoformat() if self.at else None,
        }


# unit code -> item id -> answer
Answers = Mapping[str, Mapping[str, Answer]]
