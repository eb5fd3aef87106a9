"""The system of record: a Django app holding submissions, their versions and their rows,
the approval workflow on returns (`dudao.store.workflow`), and the audit log.

Call `setup()` first; it configures Django, which the functions below need. They are loaded on
first use, so that importing this package never touches Django's models (or a database).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from dudao.store.database import current_url, setup, use_database
from dudao.store.errors import (
    ImmutableError,
    ImportRefused,
    ReturnLocked,
    StoredDataCorrupt,
    StoreError,
    StoreUrlError,
    WorkflowRefused,
)
from dudao.store.results import ImportResult, Status, VersionInfo
from dudao.store.settings import StoreSettings, database_config

if TYPE_CHECKING:
    from dudao.store.audit import record_event, verify_chain
    from dudao.store.importer import import_dataset, record_check
    from dudao.store.snapshots import export, known_codes, snapshot, version_tables
    from dudao.store.versioning import versions
    from dudao.store.workflow import (
        Outcome,
        ReturnKey,
        ReturnState,
        approve,
        returns,
        send_back,
        submit,
        unapprove,
        verify,
    )
    from dudao.store.workflow.history import history

WORKFLOW = (
    "Outcome", "ReturnKey", "ReturnState", "approve", "returns", "send_back", "submit",
    "unapprove", "verify",
)  # fmt: skip
_LAZY = {
    "record_event": "dudao.store.audit",
    "verify_chain": "dudao.store.audit",
    "import_dataset": "dudao.store.importer",
    "record_check": "dudao.store.importer",
    "snapshot": "dudao.store.snapshots",
    "export": "dudao.store.snapshots",
    "known_codes": "dudao.store.snapshots",
    "version_tables": "dudao.store.snapshots",
    "versions": "dudao.store.versioning",
    "history": "dudao.store.workflow.history",
    **dict.fromkeys(WORKFLOW, "dudao.store.workflow"),
}

__all__ = [
    "ImmutableError",
    "ImportRefused",
    "ImportResult",
    "Outcome",
    "ReturnKey",
    "ReturnLocked",
    "ReturnState",
    "Status",
    "StoreError",
    "StoreSettings",
    "StoreUrlError",
    "StoredDataCorrupt",
    "VersionInfo",
    "WorkflowRefused",
    "approve",
    "current_url",
    "database_config",
    "export",
    "history",
    "import_dataset",
    "known_codes",
    "record_check",
    "record_event",
    "returns",
    "send_back",
    "setup",
    "snapshot",
    "submit",
    "unapprove",
    "use_database",
    "verify",
    "verify_chain",
    "version_tables",
    "versions",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'dudao.store' has no attribute {name!r}")
