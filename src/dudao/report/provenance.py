"""The data version a report's figures come from, printed in the traceability appendix."""

from __future__ import annotations

import hashlib
from pathlib import Path


def store_version(data: str = "approved") -> str:
    """The store's versions the snapshot reads: how many, their id range, the last approval."""
    from dudao import store

    versions = store.versions()
    if data == "approved":
        versions = [v for v in versions if v.status in ("approved", "verified")]
    if not versions:
        return "存储 store: —"
    ids = sorted(version.id for version in versions)
    approved = [v.approved_at for v in versions if v.approved_at is not None]
    last = max(approved).strftime("%Y-%m-%d %H:%M") if approved else "—"
    word = "已审核" if data == "approved" else "最新"
    return f"{word}版本 {data} versions #{ids[0]}–#{ids[-1]} ({len(ids)}), {last}"


def dataset_version(path: Path) -> str:
    """A dataset read from files: its name and the SHA-256 of its bytes (first 12 digits)."""
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        digest.update(file.name.encode("utf-8"))
        digest.update(file.read_bytes())
    return f"{path.name} SHA-256 {digest.hexdigest()[:12]}"
