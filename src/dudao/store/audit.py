"""The audit log: append-only events, each sealed into a SHA-256 hash chain.

Every event's hash covers its own fields and the previous event's hash, so an edited,
inserted or deleted row breaks the chain from that point on (SECURITY.md; GB/T 22239
8.1.4.3). The database refuses UPDATE and DELETE with triggers (migration 0002).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from dudao.store.models import AuditEvent

GENESIS = "0" * 64
CHAIN_LOCK = 0x647564616F  # "dudao": one writer extends the chain at a time (PostgreSQL)


def record_event(
    action: str,
    *,
    actor: str,
    object_type: str,
    object_id: str,
    result: str = "ok",
    role: str = "",
    before: Any = None,
    after: Any = None,
) -> AuditEvent:
    """Append one event to the chain; call it inside the transaction of the change it records."""
    with transaction.atomic():
        lock_chain()
        last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        event = AuditEvent(
            at=timezone.now().replace(microsecond=0),
            actor=actor,
            role=role,
            action=action,
            object_type=object_type,
            object_id=object_id,
            result=result,
            before=before,
            after=after,
            previous_hash=last or GENESIS,
        )
        event.hash = seal(event)
        event.save()
        return event


def seal(event: AuditEvent) -> str:
    """The event's hash: SHA-256 of its canonical JSON, the previous hash included."""
    fields = {
        "at": event.at.isoformat(),
        "actor": event.actor,
        "role": event.role,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "result": event.result,
        "before": event.before,
        "after": event.after,
        "previous_hash": event.previous_hash,
    }
    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class ChainCheck:
    events: int
    broken_at: int | None  # id of the first event whose seal or link does not hold

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def verify_chain() -> ChainCheck:
    """Recompute every seal in order; the first event that does not match breaks the chain."""
    previous = GENESIS
    count = 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2_000):
        count += 1
        if event.previous_hash != previous or seal(event) != event.hash:
            return ChainCheck(count, event.pk)
        previous = event.hash
    return ChainCheck(count, None)


def lock_chain() -> None:
    """Hold the chain until the transaction ends; workflow actions take it first, to run one at a time."""
    # SQLite's IMMEDIATE transactions already serialise writers.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])
