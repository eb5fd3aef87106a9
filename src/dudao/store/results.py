"""What the store hands back: plain values, free of Django, safe to keep after a request."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Status = Literal["submitted", "approved"]


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


@dataclass(frozen=True)
class ImportResult:
    submission_id: int
    versions: list[VersionInfo]
    reused: bool  # the same bytes from the same unit were stored before; nothing was written
