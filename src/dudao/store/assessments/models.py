"""Assessments as stored: one per (framework, unit, period); each set of scores is a version.

A version is one side's scores at one moment — `computed` (from the indicators,
naming the data version it read), `self` (自评, the unit) or `review` (他评, the
level above) — and is never changed: a correction is a new version, as with
returns. Marks are the per-item scores of a version.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.db.models import Q
from django.utils import timezone

from dudao.store.models import CODE_LENGTH, Immutable, ImmutableQuerySet


class Side(models.TextChoices):
    COMPUTED = "computed"
    SELF = "self"
    REVIEW = "review"


class Assessment(Immutable):
    framework = models.CharField(max_length=64)
    unit_code = models.CharField(max_length=CODE_LENGTH)
    first_year = models.IntegerField()
    last_year = models.IntegerField()
    created_by = models.CharField(max_length=150)
    created_at = models.DateTimeField(default=timezone.now)

    objects: ClassVar[ImmutableQuerySet] = ImmutableQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(
                fields=["framework", "unit_code", "first_year", "last_year"],
                name="assessments_one_per_framework_unit_period",
            ),
            models.CheckConstraint(
                condition=Q(first_year__lte=models.F("last_year")),
                name="assessments_period_ordered",
            ),
        ]


class ScoreVersion(Immutable):
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="versions")
    side = models.CharField(max_length=16, choices=Side.choices)
    number = models.PositiveIntegerField()  # 1, 2, … per (assessment, side)
    given_by = models.CharField(max_length=150)
    given_at = models.DateTimeField(default=timezone.now)
    comment = models.TextField(blank=True, default="")
    data_version = models.TextField(blank=True, default="")  # computed: the data it read
    total = models.FloatField(null=True)
    grade = models.CharField(max_length=16, blank=True, default="")

    objects: ClassVar[ImmutableQuerySet] = ImmutableQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(
                fields=["assessment", "side", "number"], name="assessments_version_number"
            ),
            models.CheckConstraint(
                condition=Q(side__in=Side.values), name="assessments_side_known"
            ),
        ]


class Mark(Immutable):
    """One item's score in one version: points (None: pending), and what the person said."""

    version = models.ForeignKey(ScoreVersion, on_delete=models.PROTECT, related_name="marks")
    item_id = models.CharField(max_length=64)
    points = models.FloatField(null=True)
    status = models.CharField(max_length=16, blank=True, default="")
    met = models.BooleanField(null=True)  # an evidence item's yes/no
    value = models.FloatField(null=True)  # a manual score's entry (e.g. a poll's %)
    note = models.TextField(blank=True, default="")
    attachment = models.TextField(blank=True, default="")
    reason = models.TextField(blank=True, default="")  # computed: the rule's reason (zh)

    objects: ClassVar[ImmutableQuerySet] = ImmutableQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["version", "item_id"], name="assessments_mark_once")
        ]
