"""A return's state, folded from its approval events: the events are the record, the state a view.

A return is one submitting unit's rows for one year (year None: its registers), stored as
versions 1, 2, …; each event acts on the newest version at the time (its `number`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import NamedTuple, Protocol

from django.db.models import Max, Q

from dudao.store.models import ApprovalEvent, SubmissionVersion
from dudao.store.results import Status


@dataclass(frozen=True)
class ReturnKey:
    org_code: str
    year: int | None

    def __lt__(self, other: ReturnKey) -> bool:  # registers (None) sort before the years
        return (self.org_code, self.year or 0) < (other.org_code, other.year or 0)

    def label(self) -> str:
        return f"{self.org_code} {'registers/名录' if self.year is None else self.year}"


@dataclass(frozen=True)
class ReturnState:
    key: ReturnKey
    status: Status
    newest: int  # the newest stored version's number
    number: int | None = None  # the version the standing submission or approval covers
    holder: str | None = None  # the org unit whose approval or verification stands
    comment: str = ""
    approved_by: str = ""
    approved_at: datetime | None = None

    def covers(self, number: int) -> bool:
        """Whether version `number` is part of what was submitted or approved."""
        return self.number is not None and number <= self.number


class Event(Protocol):
    """What folding needs of an approval event (a stored ApprovalEvent, or an EventRow)."""

    @property
    def action(self) -> str: ...
    @property
    def number(self) -> int: ...
    @property
    def acting_org(self) -> str: ...
    @property
    def actor(self) -> str: ...
    @property
    def comment(self) -> str: ...
    @property
    def at(self) -> datetime: ...


class EventRow(NamedTuple):
    org_code: str
    year: int | None
    action: str
    number: int
    acting_org: str
    actor: str
    comment: str
    at: datetime


def return_states(
    keys: Iterable[ReturnKey] | None = None, *, years: Iterable[int | None] | None = None
) -> dict[ReturnKey, ReturnState]:
    """The state of every stored return (or of these, or of these years), from its versions
    and events; events are read as plain rows (folding model objects was the workflow's cost)."""
    versions = SubmissionVersion.objects.values("org_code", "year").annotate(newest=Max("number"))
    events = ApprovalEvent.objects.order_by("id")
    wanted = None if keys is None else set(keys)
    if wanted is not None:
        units = {key.org_code for key in wanted}
        versions = versions.filter(org_code__in=units)
        events = events.filter(org_code__in=units)
    if years is not None:
        chosen = _years(years)
        versions = versions.filter(chosen)
        events = events.filter(chosen)
    states = {
        ReturnKey(row["org_code"], row["year"]): ReturnState(
            ReturnKey(row["org_code"], row["year"]), "draft", row["newest"]
        )
        for row in versions.order_by()
    }
    for row in events.values_list(*EventRow._fields):
        event = EventRow(*row)
        key = ReturnKey(event.org_code, event.year)
        if key in states:
            states[key] = apply(states[key], event)
    if wanted is not None:
        return {key: state for key, state in states.items() if key in wanted}
    return states


def _years(years: Iterable[int | None]) -> Q:
    listed = set(years)
    chosen = Q(year__in=[year for year in listed if year is not None])
    return chosen | Q(year__isnull=True) if None in listed else chosen


def apply(state: ReturnState, event: Event) -> ReturnState:
    """The state after one event."""
    if event.action == "submit":
        return replace(
            state, status="submitted", number=event.number, holder=None, comment="",
            approved_by="", approved_at=None,
        )  # fmt: skip
    if event.action == "approve":
        return replace(
            state, status="approved", number=event.number, holder=event.acting_org,
            approved_by=event.actor, approved_at=event.at,
        )  # fmt: skip
    if event.action == "verify":
        return replace(state, status="verified", holder=event.acting_org)
    # send_back and unapprove: the approval, if any, no longer stands
    status: Status = "sent_back" if event.action == "send_back" else "submitted"
    return replace(
        state, status=status, holder=None, comment=event.comment, approved_by="",
        approved_at=None,
    )  # fmt: skip
