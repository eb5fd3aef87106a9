"""The approval policy, in one place: who may act on which return, in which state.

- submit: the return's own unit, on a draft or sent-back return;
- approve / send back: the level directly above (the top of the hierarchy reviews its own), on
  a submitted return; approve only once every return below it for that year is approved;
- verify: the level above the reviewer, on an approved return whose returns below are verified;
- unapprove: the unit whose approval (or verification) stands, or any unit above it, and only
  while no return above is approved (undo from the top down, as it was approved bottom up).
Each refusal carries its reason; the caller puts it into the audit log.
"""

from __future__ import annotations

from collections.abc import Mapping

from dudao.store.results import Status
from dudao.store.states import ReturnKey, ReturnState
from dudao.store.transitions import ALREADY, APPROVED, FROM_STATES, STATUS_NAMES
from dudao.store.workflow.hierarchy import Hierarchy
from dudao.store.workflow.refusals import Refusal, refusal


def decide(
    action: str,
    key: ReturnKey,
    acting: str,
    hierarchy: Hierarchy,
    states: Mapping[ReturnKey, ReturnState],
    comment: str = "",
) -> Refusal | None:
    """None when `acting` may take `action` on the return `key`; else the reason why not."""
    state = states.get(key)
    if state is None:
        return refusal("not_found", action, key, acting)
    unit = key.org_code
    if action != "submit" and not hierarchy.knows(unit):
        return refusal("unknown_unit", action, key, acting)
    expected = _authority(action, unit, state, hierarchy)
    if acting not in expected:
        code = "wrong_level" if acting in [unit, *hierarchy.ancestors(unit)] else "wrong_unit"
        return refusal(code, action, key, acting, expected=expected[0])
    if state.status in ALREADY.get(action, ()):
        return None
    if state.status not in FROM_STATES[action]:
        return refusal("wrong_state", action, key, acting, status=STATUS_NAMES[state.status])
    if action == "send_back" and not comment.strip():
        return refusal("comment_required", action, key, acting)
    return _hierarchy_rule(action, key, acting, hierarchy, states)


def _authority(action: str, unit: str, state: ReturnState, hierarchy: Hierarchy) -> list[str]:
    """The units that may act, the expected one first."""
    if action == "submit":
        return [unit]
    if action in ("approve", "send_back"):
        return [hierarchy.reviewer(unit)]
    if action == "verify":
        return [hierarchy.verifier(unit)]
    holder = state.holder or hierarchy.reviewer(unit)  # before 0003 approvals named no unit
    return [holder, *hierarchy.ancestors(holder)]


def _hierarchy_rule(
    action: str,
    key: ReturnKey,
    acting: str,
    hierarchy: Hierarchy,
    states: Mapping[ReturnKey, ReturnState],
) -> Refusal | None:
    if action in ("approve", "verify"):
        needed: tuple[Status, ...] = APPROVED if action == "approve" else ("verified",)
        waiting = sorted(
            other.org_code
            for other, state in states.items()
            if other.year == key.year
            and key.org_code in hierarchy.ancestors(other.org_code)
            and state.status not in needed
        )
        if waiting:
            level = ("审核", "approved") if action == "approve" else ("核验", "verified")
            return refusal(
                "children_not_approved", action, key, acting, units=", ".join(waiting),
                level_zh=level[0], level_en=level[1],
            )  # fmt: skip
    if action == "unapprove":
        above = [
            code
            for code in hierarchy.ancestors(key.org_code)
            if (state := states.get(ReturnKey(code, key.year))) and state.status in APPROVED
        ]
        if above:
            return refusal("ancestor_approved", action, key, acting, units=", ".join(above))
    return None
