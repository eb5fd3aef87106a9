"""Errors the store raises, each with a Chinese and an English message."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dudao.store.workflow.refusals import Refusal


class StoreError(Exception):
    def __init__(self, message_en: str, message_zh: str) -> None:
        self.message_en = message_en
        self.message_zh = message_zh
        super().__init__(f"{message_zh} / {message_en}")


class StoreUrlError(StoreError, ValueError):
    """A store URL the store cannot use (its scheme, path or options)."""


class ImportRefused(StoreError):
    """The dataset is well-formed but cannot be stored as it stands (e.g. no submitting unit)."""


class ImmutableError(StoreError):
    """Someone tried to change or delete a stored submission, version or record."""


class StoredDataCorrupt(StoreError):
    """Stored rows no longer match the SHA-256 written with them: changed outside the store."""


class ReturnLocked(ImportRefused):
    """A new version was sent for a return that is submitted, approved or verified."""


class WorkflowRefused(StoreError):
    """A workflow action was refused; `refusals` holds every reason, one per return."""

    def __init__(self, refusals: Sequence[Refusal]) -> None:
        self.refusals = list(refusals)
        super().__init__(
            "\n".join(r.message_en for r in self.refusals),
            "\n".join(r.message_zh for r in self.refusals),
        )
