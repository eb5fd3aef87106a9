"""Errors the store raises, each with a Chinese and an English message."""

from __future__ import annotations


class StoreError(Exception):
    def __init__(self, message_en: str, message_zh: str) -> None:
        self.message_en = message_en
        self.message_zh = message_zh
        super().__init__(f"{message_zh} / {message_en}")


class ImportRefused(StoreError):
    """The dataset is well-formed but cannot be stored as it stands (e.g. no submitting unit)."""


class ImmutableError(StoreError):
    """Someone tried to change or delete a stored submission, version or record."""
