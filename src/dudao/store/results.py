"""What the store hands back: plain values, free of Django, safe to keep after a request."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

# A return's states (DATA.md's return = one submitting unit's rows for one year):
# draft: stored, not sent up; submitted: sent up, locked, awaiting the level above;
# sent_back: returned with a comment, open for a new version; approved: accepted by the level
# above, locked; verified: approved and confirmed by the level above the approver, locked.
Status = Literal["draft", "submitted", "sent_back", "approved", "verified"]
LOCKED: tuple[Status, ...] = ("submitted", "approved", "verified")


@dataclass(frozen=True)
class VersionInfo:
    id: int
    submission_id: int
    org_code: str
    year: int | None
    number: int
    status: Status
    created_at: datetime
    tables: tuple[str, ...]
    row_counts: dict[str, int] = field(default_factory=dict)
    approved_by: str = ""
    approved_at: datetime | None = None
    comment: str = ""  # the send-back or un-approval comment standing on this version

    def to_json(self) -> dict[str, object]:
        """Plain JSON values, as `dudao versions --json` prints them."""
        return {
            **{name: getattr(self, name) for name in self.__dataclass_fields__},
            "created_at": self.created_at.isoformat(),
            "approved_at": self.approved_at.isoformat() if self.approved_at else None,
            "tables": list(self.tables),
        }


@dataclass(frozen=True)
class ImportResult:
    submission_id: int
    versions: list[VersionInfo]
    reused: bool  # the same bytes from the same unit were stored before; nothing was written
