"""The approval workflow on returns, after DHIS2's data approval.

A return is one submitting unit's rows for one year (year None: its registers), stored as
immutable versions. Its life: `dudao import` stores a new version as a **draft** (the
district may import as often as it likes); **submit** (上报) sends the newest version up and
locks it; the level above **approves** (审核通过) it or **sends it back** (退回) with a comment,
which unlocks it for a new version and a new submission; the level above the approver (the
province, for a district) **verifies** (核验) it. A unit's return is approved only once every
return below it for that year is approved (verified, to be verified), as in DHIS2. Submitted,
approved and verified returns are locked: an import of a new version for them is refused until
the return is sent back or **un-approved** (撤销审核), which needs the approving level or one
above it and goes back to submitted. Who may act where is `authority.py`; the hierarchy is the
stored `org_units` register (`hierarchy.py`).

State lives in an append-only table of approval events, one row per action naming the acting
unit, the actor, the comment and the version acted on; a return's state is the fold of its
events (`states.py`). Nothing is updated: the history is the record (the database refuses
UPDATE and DELETE, migration 0003), and approving version n leaves the approved snapshot on
version n whatever is stored after. Every action, allowed or refused, is also an audit event.
"""

from __future__ import annotations

from collections.abc import Iterable

from dudao.store.results import Status
from dudao.store.states import ReturnKey, ReturnState, return_states
from dudao.store.workflow.actions import Outcome, act

__all__ = [
    "Outcome",
    "ReturnKey",
    "ReturnState",
    "approve",
    "returns",
    "send_back",
    "submit",
    "unapprove",
    "verify",
]


def submit(keys: Iterable[ReturnKey], *, acting_org: str, actor: str) -> list[Outcome]:
    """Send these draft or sent-back returns up (acting_org: the returns' own unit)."""
    return act("submit", keys, acting_org=acting_org, actor=actor)


def approve(keys: Iterable[ReturnKey], *, acting_org: str, actor: str) -> list[Outcome]:
    """Approve these submitted returns (acting_org: the level above them)."""
    return act("approve", keys, acting_org=acting_org, actor=actor)


def send_back(
    keys: Iterable[ReturnKey], *, acting_org: str, actor: str, comment: str
) -> list[Outcome]:
    """Return these submitted returns to their unit with a comment saying what to correct."""
    return act("send_back", keys, acting_org=acting_org, actor=actor, comment=comment)


def unapprove(
    keys: Iterable[ReturnKey], *, acting_org: str, actor: str, comment: str = ""
) -> list[Outcome]:
    """Withdraw the approval of these returns (acting_org: the approving level or above)."""
    return act("unapprove", keys, acting_org=acting_org, actor=actor, comment=comment)


def verify(keys: Iterable[ReturnKey], *, acting_org: str, actor: str) -> list[Outcome]:
    """Confirm these approved returns (acting_org: the level above the approver)."""
    return act("verify", keys, acting_org=acting_org, actor=actor)


def returns(
    *, org_code: str | None = None, years: Iterable[int | None] | None = None,
    status: Status | None = None,
) -> list[ReturnState]:  # fmt: skip
    """The stored returns and their states, by unit and year, optionally filtered."""
    chosen = None if years is None else set(years)
    return [
        state
        for key, state in sorted(return_states().items())
        if (org_code is None or key.org_code == org_code)
        and (chosen is None or key.year in chosen)
        and (status is None or state.status == status)
    ]
