"""Submissions, their versions and their rows, stored generically: the catalogue types the rows.

Since migration 0004 a version holds each of its tables as one compressed Arrow stream
(`VersionTable`); the one-JSON-row-per-`Record` layout before it is kept, never read again.
Nothing here is ever updated or deleted (DESIGN.md principle 4), and since migration 0003 the
database refuses it too. A return's approval state is not a column of its versions but the
fold of its approval events (`dudao.store.workflow`): approving, sending back or un-approving
appends a row, so who did what, when and to which version is never overwritten.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.db.models import Q
from django.utils import timezone

from dudao.store.errors import ImmutableError

CODE_LENGTH = 20  # division codes have 6, 9 or 12 digits; room for other schemes
REFUSED = ImmutableError(
    "stored submissions, versions and records are never changed or deleted",
    "已存储的报送、版本和数据行不可修改或删除",
)


class ImmutableQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> int:
        raise REFUSED

    def delete(self) -> tuple[int, dict[str, int]]:
        raise REFUSED


class Immutable(models.Model):
    """Rows are inserted once; save() of an existing row and delete() raise ImmutableError."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise REFUSED
        # force_insert: a new object given an existing pk must fail, not overwrite that row.
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise REFUSED


class Submission(Immutable):
    """One dataset as sent by one submitting unit (its bytes identified by SHA-256)."""

    submitting_org = models.CharField(max_length=CODE_LENGTH)
    source = models.TextField()
    sha256 = models.CharField(max_length=64)
    actor = models.CharField(max_length=150)
    created_at = models.DateTimeField(default=timezone.now)

    objects: ClassVar[ImmutableQuerySet] = ImmutableQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        constraints: ClassVar[list[Any]] = [
            # Re-sending the same bytes is idempotent, even when two uploads race.
            models.UniqueConstraint(
                fields=["submitting_org", "sha256"], name="store_submission_once_per_unit"
            )
        ]


class SubmissionVersion(Immutable):
    """The rows one submission holds for one (submitting unit, year); year None = registers."""

    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="versions")
    org_code = models.CharField(max_length=CODE_LENGTH)
    year = models.IntegerField(null=True)
    number = models.PositiveIntegerField()
    tables = models.JSONField(default=list)  # ids of the tables this version replaces
    created_at = models.DateTimeField(default=timezone.now)

    objects: ClassVar[ImmutableQuerySet] = ImmutableQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        # Two partial constraints, since NULL years are distinct in a plain unique index and
        # SQLite has no NULLS NOT DISTINCT.
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(
                fields=["org_code", "year", "number"],
                condition=Q(year__isnull=False),
                name="store_version_number_per_unit_year",
            ),
            models.UniqueConstraint(
                fields=["org_code", "number"],
                condition=Q(year__isnull=True),
                name="store_version_number_per_unit",
            ),
        ]


class VersionTable(Immutable):
    """The rows one version holds of one table: one compressed Arrow IPC stream, see store.rows.

    One row per table instead of one per data row: an import writes a few dozen rows, not tens
    of thousands, and a snapshot decodes typed columns instead of parsing JSON. `sha256` is the
    blob's digest, checked whenever it is read back.
    """

    version = models.ForeignKey(SubmissionVersion, on_delete=models.PROTECT, related_name="held")
    table_id = models.CharField(max_length=64)
    rows = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    arrow = models.BinaryField()

    objects: ClassVar[ImmutableQuerySet] = ImmutableQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        constraints: ClassVar[list[Any]] = [
            # Also the index that snapshot reads by: table_id = ? AND version_id IN (…).
            models.UniqueConstraint(fields=["table_id", "version"], name="store_version_table_once")
        ]


class Record(Immutable):
    """Before migration 0004: one row of one table as JSON (field id -> value, nulls left out).

    Migration 0004 copied every Record into `VersionTable`s; the rows stay, since stored rows
    are never deleted, but nothing reads or writes them any more.
    """

    version = models.ForeignKey(SubmissionVersion, on_delete=models.PROTECT, related_name="records")
    table_id = models.CharField(max_length=64)
    row = models.PositiveIntegerField()  # 1-based position in the dataset's table
    values = models.JSONField()

    objects: ClassVar[ImmutableQuerySet] = ImmutableQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        constraints: ClassVar[list[Any]] = [
            # Also the index that snapshot reads by: table_id = ? AND version_id IN (…).
            models.UniqueConstraint(
                fields=["table_id", "version", "row"], name="store_record_unique_row"
            )
        ]


class AuditEvent(Immutable):
    """One audited action, sealed into the hash chain by dudao.store.audit."""

    at = models.DateTimeField()
    actor = models.CharField(max_length=150)
    role = models.CharField(max_length=64, blank=True, default="")
    action = models.CharField(max_length=32)  # import, approve, send_back, unapprove, export…
    object_type = models.CharField(max_length=32)
    object_id = models.CharField(max_length=64)
    result = models.CharField(max_length=16, default="ok")
    before = models.JSONField(null=True)
    after = models.JSONField(null=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects: ClassVar[ImmutableQuerySet] = ImmutableQuerySet.as_manager()  # type: ignore[assignment]


class ApprovalAction(models.TextChoices):
    SUBMIT = "submit"
    APPROVE = "approve"
    SEND_BACK = "send_back"
    UNAPPROVE = "unapprove"
    VERIFY = "verify"


class ApprovalEvent(Immutable):
    """One workflow action on a return (submitting unit, year), as of its version `number`."""

    org_code = models.CharField(max_length=CODE_LENGTH)
    year = models.IntegerField(null=True)  # None: the registers' return
    number = models.PositiveIntegerField()  # the newest version of the return when acted on
    action = models.CharField(max_length=16, choices=ApprovalAction.choices)
    acting_org = models.CharField(max_length=CODE_LENGTH)
    actor = models.CharField(max_length=150)
    comment = models.TextField(blank=True, default="")
    at = models.DateTimeField(default=timezone.now)

    objects: ClassVar[ImmutableQuerySet] = ImmutableQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        indexes: ClassVar[list[Any]] = [
            models.Index(fields=["org_code", "year"], name="store_approval_return")
        ]
        constraints: ClassVar[list[Any]] = [
            models.CheckConstraint(
                condition=Q(action__in=ApprovalAction.values), name="store_approval_action_known"
            )
        ]
