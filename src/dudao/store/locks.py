"""Who waits for whom: writes to one unit's returns queue on that unit's lock.

Every transaction takes its unit locks (sorted) before the audit chain's lock, which every
workflow action also takes, so workflow actions run one at a time and never deadlock with
imports. SQLite needs none of this: its IMMEDIATE transactions hold the database's write lock.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.db import connection


def lock_units(units: Iterable[str]) -> None:
    """Hold each unit's lock until the transaction ends (PostgreSQL advisory locks)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for unit in sorted(set(units)):
            key = int.from_bytes(hashlib.sha256(unit.encode()).digest()[:8], "big", signed=True)
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
