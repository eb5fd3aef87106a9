"""Listing versions, each with the state of its return as far as it covers that version."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from dudao.store.models import SubmissionVersion, VersionTable
from dudao.store.results import Status, VersionInfo
from dudao.store.states import ReturnKey, ReturnState, return_states


def versions(
    *, org_code: str | None = None, year: int | None = None, status: Status | None = None
) -> list[VersionInfo]:
    """Every stored version, oldest first, optionally of one unit, one year or one status.

    A version's status is its return's when the return's submission or approval covers it,
    else draft (stored after it, not yet sent up).
    """
    selected = SubmissionVersion.objects.order_by("id")
    if org_code is not None:
        selected = selected.filter(org_code=org_code)
    if year is not None:
        selected = selected.filter(year=year)
    described = describe(selected)
    return [v for v in described if status is None or v.status == status]


def describe(selected: QuerySet[SubmissionVersion]) -> list[VersionInfo]:
    """The versions with their states and row counts per table (one query for all)."""
    listed = list(selected)
    counts: dict[int, dict[str, int]] = {version.pk: {} for version in listed}
    held = VersionTable.objects.filter(version__in=selected.values("pk")).values_list(
        "version_id", "table_id", "rows"
    )
    for version_id, table_id, rows in held:
        counts[version_id][table_id] = rows
    states = return_states({ReturnKey(v.org_code, v.year) for v in listed})
    return [
        VersionInfo(
            id=version.pk,
            submission_id=version.submission_id,
            org_code=version.org_code,
            year=version.year,
            number=version.number,
            created_at=version.created_at,
            tables=tuple(version.tables),
            row_counts={table: counts[version.pk].get(table, 0) for table in version.tables},
            **_standing(states.get(ReturnKey(version.org_code, version.year)), version.number),
        )
        for version in listed
    ]


def _standing(state: ReturnState | None, number: int) -> dict[str, Any]:
    if state is None or not state.covers(number):
        return {"status": "draft"}
    return {
        "status": state.status,
        "approved_by": state.approved_by,
        "approved_at": state.approved_at,
        "comment": state.comment,
    }
