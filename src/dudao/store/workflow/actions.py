"""Workflow actions on returns: each an approval event and an audit event, all or nothing.

A batch (several returns, e.g. a city's districts and then the city) runs in one transaction,
deepest units first (top first to un-approve), so that approving the districts lets the city's
approval in the same batch pass; any refusal rolls the whole batch back, and every refusal is audited and raised at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from dudao.store.audit import lock_chain, record_event
from dudao.store.errors import WorkflowRefused
from dudao.store.locks import lock_units
from dudao.store.models import ApprovalEvent
from dudao.store.results import Status
from dudao.store.states import ReturnKey, ReturnState, apply, return_states
from dudao.store.transitions import ALREADY
from dudao.store.workflow.authority import decide
from dudao.store.workflow.hierarchy import Hierarchy, stored_hierarchy

ROLES = {
    "submit": "submitter",
    "approve": "reviewer",
    "send_back": "reviewer",
    "verify": "verifier",
    "unapprove": "unapprover",
}


@dataclass(frozen=True)
class Outcome:
    key: ReturnKey
    before: Status
    after: Status
    number: int  # the version the action covers
    changed: bool  # False: the return already was where the action leads

    def to_json(self) -> dict[str, object]:
        return {
            "org_code": self.key.org_code,
            "year": self.key.year,
            "before": self.before,
            "after": self.after,
            "number": self.number,
            "changed": self.changed,
        }


def act(
    action: str,
    keys: Iterable[ReturnKey],
    *,
    acting_org: str,
    actor: str,
    comment: str = "",
) -> list[Outcome]:
    """Take `action` on each return in `keys` as `acting_org` (the unit) and `actor` (the person)."""
    targets = sorted(set(keys))
    try:
        with transaction.atomic():
            lock_units(key.org_code for key in targets)
            lock_chain()
            return _act(action, targets, acting_org, actor, comment)
    except WorkflowRefused as refused:
        for reason in refused.refusals:
            record_event(
                action, actor=actor, role=f"{ROLES[action]}@{acting_org}", object_type="return",
                object_id=_object_id(reason.key), result="refused",
                after={"reason": reason.code, "message_en": reason.message_en,
                       "message_zh": reason.message_zh},
            )  # fmt: skip
        raise


def _act(
    action: str, targets: list[ReturnKey], acting_org: str, actor: str, comment: str
) -> list[Outcome]:
    hierarchy = stored_hierarchy()
    states = return_states(years={key.year for key in targets})  # rules look within a year
    refusals = []
    outcomes = []
    for key in _in_order(action, targets, hierarchy):
        reason = decide(action, key, acting_org, hierarchy, states, comment)
        if reason is not None:
            refusals.append(reason)
            continue
        before = states[key]
        if not _moves(action, before):
            outcomes.append(Outcome(key, before.status, before.status, before.number or 0, False))
            continue
        after = _append(action, before, acting_org, actor, comment)
        states[key] = after
        outcomes.append(Outcome(key, before.status, after.status, after.number or 0, True))
    if refusals:
        raise WorkflowRefused(refusals)
    return outcomes


def _append(
    action: str, before: ReturnState, acting_org: str, actor: str, comment: str
) -> ReturnState:
    """The approval event, its audit event, and the state they lead to."""
    number = before.newest if action == "submit" else before.number or before.newest
    event = ApprovalEvent.objects.create(
        org_code=before.key.org_code, year=before.key.year, number=number, action=action,
        acting_org=acting_org, actor=actor, comment=comment.strip(),
    )  # fmt: skip
    after = apply(before, event)
    record_event(
        action, actor=actor, role=f"{ROLES[action]}@{acting_org}", object_type="return",
        object_id=_object_id(before.key),
        before={"status": before.status, "number": before.number},
        after={"status": after.status, "number": number, "acting_org": acting_org,
               "comment": event.comment, "approval_event": event.pk},
    )  # fmt: skip
    return after


def _moves(action: str, state: ReturnState) -> bool:
    if action == "submit":  # a sent-back return is submitted again; a draft for the first time
        return not (state.status == "submitted" and state.number == state.newest)
    return state.status not in ALREADY.get(action, ())


def _in_order(action: str, targets: list[ReturnKey], hierarchy: Hierarchy) -> list[ReturnKey]:
    """Approvals bottom up; un-approvals top down, as each needs the other side done first."""
    sign = 1 if action == "unapprove" else -1
    return sorted(targets, key=lambda key: (sign * hierarchy.depth(key.org_code), key))


def _object_id(key: ReturnKey) -> str:
    return f"{key.org_code}:{'registers' if key.year is None else key.year}"
