"""A return's history: every version stored and every workflow action, in order, each with
the state it left the return in — what a district asks ("who sent it back, and why?") and
what DHIS2 shows as a data set's approval history.

Nothing here is recorded anew: versions and approval events are the record; the states are
folded from them exactly as `states.return_states` does.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any

from dudao.store.models import ApprovalEvent, SubmissionVersion
from dudao.store.results import Status
from dudao.store.states import EventRow, ReturnKey, ReturnState, apply

STORED = "store"  # the entry of a new version, beside the approval actions


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    action: str  # "store", or an approval action: submit, approve, send_back, unapprove, verify
    number: int  # the version stored, or the newest version when the action was taken
    acting_org: str  # the unit that acted (for "store": the submitting unit)
    actor: str
    status: Status  # the return's state after this entry
    comment: str = ""
    source: str = ""  # for "store": the file the version came from
    sha256: str = ""  # for "store": that file's SHA-256

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "at": self.at.isoformat()}


def history(key: ReturnKey) -> list[HistoryEntry]:
    """The return's entries, oldest first; empty when nothing was ever stored for it."""
    versions = (
        SubmissionVersion.objects.filter(org_code=key.org_code, year=key.year)
        .select_related("submission")
        .order_by("number")
    )
    stored = [
        HistoryEntry(
            at=version.created_at, action=STORED, number=version.number,
            acting_org=version.submission.submitting_org, actor=version.submission.actor,
            status="draft", source=version.submission.source, sha256=version.submission.sha256,
        )
        for version in versions
    ]  # fmt: skip
    events = ApprovalEvent.objects.filter(org_code=key.org_code, year=key.year).order_by("id")
    acted = [EventRow(*row) for row in events.values_list(*EventRow._fields)]
    return _folded(key, stored, acted)


def _folded(
    key: ReturnKey, stored: list[HistoryEntry], acted: list[EventRow]
) -> list[HistoryEntry]:
    """Merge by time (a version before an action of the same instant: actions act on versions),
    and give each entry the state after it."""
    state = ReturnState(key, "draft", 0)
    entries: list[HistoryEntry] = []
    versions, events = iter(stored), iter(acted)
    version, event = next(versions, None), next(events, None)
    while version is not None or event is not None:
        if event is None or (version is not None and version.at <= event.at):
            assert version is not None
            state = replace(state, newest=version.number)
            entries.append(replace(version, status=state.status))
            version = next(versions, None)
        else:
            state = apply(state, event)
            entries.append(
                HistoryEntry(
                    at=event.at, action=event.action, number=event.number,
                    acting_org=event.acting_org, actor=event.actor, status=state.status,
                    comment=event.comment,
                )
            )  # fmt: skip
            event = next(events, None)
    return entries
