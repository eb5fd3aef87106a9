"""Listing and approving versions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from django.db import transaction
from django.db.models import Count, QuerySet

from dudao.store.audit import record_event
from dudao.store.models import Record, SubmissionVersion, VersionStatus
from dudao.store.results import Status, VersionInfo


def versions(*, org_code: str | None = None, status: Status | None = None) -> list[VersionInfo]:
    """Every stored version, oldest first, optionally of one submitting unit or one status."""
    selected = SubmissionVersion.objects.order_by("id")
    if org_code is not None:
        selected = selected.filter(org_code=org_code)
    if status is not None:
        selected = selected.filter(status=status)
    return describe(selected)


def approve(version_ids: Iterable[int], actor: str) -> int:
    """Approve these versions (those already approved stay as they are); returns how many changed.

    Each approval is an audit event. The approval workflow proper (who may approve what,
    send-back, un-approving) comes later.
    """
    with transaction.atomic():
        chosen = SubmissionVersion.objects.filter(pk__in=list(version_ids))
        pending = list(chosen.filter(status=VersionStatus.SUBMITTED).values_list("pk", flat=True))
        changed = chosen.approve(actor)
        for version_id in pending:
            record_event(
                "approve",
                actor=actor,
                object_type="version",
                object_id=str(version_id),
                before={"status": "submitted"},
                after={"status": "approved"},
            )
    return changed


def describe(selected: QuerySet[SubmissionVersion]) -> list[VersionInfo]:
    """The versions with their row counts per table (one grouped query for all of them)."""
    listed = list(selected)
    counts: dict[int, dict[str, int]] = {version.pk: {} for version in listed}
    grouped = (
        Record.objects.filter(version__in=selected.values("pk"))
        .values_list("version_id", "table_id")
        .annotate(rows=Count("id"))
        .order_by()
    )
    for version_id, table_id, rows in grouped:
        counts[version_id][table_id] = rows
    return [
        VersionInfo(
            id=version.pk,
            submission_id=version.submission_id,
            org_code=version.org_code,
            year=version.year,
            number=version.number,
            status=cast(Status, version.status),
            created_at=version.created_at,
            tables=tuple(version.tables),
            row_counts={table: counts[version.pk].get(table, 0) for table in version.tables},
            approved_by=version.approved_by,
            approved_at=version.approved_at,
        )
        for version in listed
    ]
