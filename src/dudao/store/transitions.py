"""The workflow's actions and which states each starts from: plain data, free of Django, so
that the command line can read them before a store is set up."""

from __future__ import annotations

from dudao.store.results import Status

ACTION_NAMES = {
    "submit": ("上报", "submit"),
    "approve": ("审核通过", "approve"),
    "send_back": ("退回", "send back"),
    "unapprove": ("撤销审核", "un-approve"),
    "verify": ("核验", "verify"),
}
APPROVED: tuple[Status, ...] = ("approved", "verified")
FROM_STATES: dict[str, tuple[Status, ...]] = {
    "submit": ("draft", "sent_back"),
    "approve": ("submitted",),
    "send_back": ("submitted",),
    "verify": ("approved",),
    "unapprove": APPROVED,
}
# Acting again on a return already where the action leads changes nothing and is no error.
ALREADY: dict[str, tuple[Status, ...]] = {
    "submit": ("submitted",),
    "approve": APPROVED,
    "verify": ("verified",),
}
STATUS_NAMES: dict[Status, str] = {
    "draft": "草稿 draft",
    "submitted": "已上报 submitted",
    "sent_back": "已退回 sent back",
    "approved": "已审核 approved",
    "verified": "已核验 verified",
}
