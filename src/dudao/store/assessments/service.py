"""Opening assessments, recording each side's scores as a new version, comparing the sides.

Every recorded version is an audit event (dudao.store.audit), in the same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max

from dudao.assess.answers import Answer
from dudao.assess.frameworks import get_framework
from dudao.store.assessments.models import Assessment, Mark, ScoreVersion, Side
from dudao.store.assessments.results import ItemComparison, MarkInfo, MarkInput, ScoreSheet
from dudao.store.audit import record_event
from dudao.store.errors import StoreError

if TYPE_CHECKING:
    from dudao.assess.model import UnitAssessment

Period = tuple[int, int]
PEOPLE = ("self", "review")


def open_assessment(framework: str, unit_code: str, period: Period, actor: str) -> int:
    """The assessment of (framework, unit, period), created (and audited) the first time."""
    get_framework(framework)  # unknown ids are refused before anything is stored
    first, last = period
    with transaction.atomic():
        found = Assessment.objects.filter(
            framework=framework, unit_code=unit_code, first_year=first, last_year=last
        ).first()
        if found is not None:
            return int(found.pk)
        created = Assessment(
            framework=framework, unit_code=unit_code, first_year=first, last_year=last,
            created_by=actor,
        )  # fmt: skip
        created.save()
        record_event(
            "assessment.open", actor=actor, object_type="assessment", object_id=str(created.pk),
            after={"framework": framework, "unit": unit_code, "period": [first, last]},
        )  # fmt: skip
        return int(created.pk)


def record_computed(scored: UnitAssessment, actor: str) -> int:
    """Store the engine's scores as a new `computed` version, unless the latest one read the
    same data and gave the same points; returns the version number that holds them."""
    period = (scored.years[0], scored.years[-1])
    assessment = open_assessment(scored.framework, scored.unit_code, period, actor)
    marks = {
        item.item_id: Mark(
            item_id=item.item_id, points=item.points, status=item.status, reason=item.reason.zh
        )
        for item in scored.items
        if item.rule is not None
    }
    with transaction.atomic():
        latest = _latest(assessment, Side.COMPUTED)
        if latest is not None and latest.data_version == (scored.data_version or ""):
            before = {m.item_id: m.points for m in latest.marks.all()}
            if before == {key: mark.points for key, mark in marks.items()}:
                return int(latest.number)
        version = _new_version(
            assessment, Side.COMPUTED, actor, "",
            data_version=scored.data_version or "", total=scored.total, grade=scored.grade.id,
        )  # fmt: skip
        _save_marks(version, marks.values())
        _audit(version, actor, {"total": scored.total, "data_version": scored.data_version})
        return int(version.number)


def check_marker(side: str, unit_code: str, acting_org: str) -> None:
    """Self marks come from the assessed unit itself, review marks from a unit above it, as
    the stored org_units register places them (dudao.store.workflow's hierarchy)."""
    from dudao.store.workflow.hierarchy import stored_hierarchy

    hierarchy = stored_hierarchy()
    if not hierarchy.knows(unit_code):
        raise StoreError(
            f"{unit_code} is not in the stored org_units register: no one's authority is known",
            f"已存储的区划表中没有 {unit_code}，无法确定评分权限",
        )
    if side == "self" and acting_org != unit_code:
        raise StoreError(
            f"only {unit_code} itself gives its self marks, not {acting_org}",
            f"自评只能由 {unit_code} 本单位给出，{acting_org} 无此权限",
        )
    if side == "review" and acting_org not in hierarchy.ancestors(unit_code):
        raise StoreError(
            f"review marks for {unit_code} come from a unit above it, not {acting_org}",
            f"他评须由 {unit_code} 的上级单位给出，{acting_org} 无此权限",
        )


def record_marks(
    framework: str,
    unit_code: str,
    period: Period,
    side: str,
    marks: Mapping[str, MarkInput],
    actor: str,
    comment: str = "",
) -> int:
    """A new version of one side's scores (self or review): the marks given now, over the
    side's earlier marks for the items not given. Unknown items are refused, all at once."""
    if side not in PEOPLE:
        raise StoreError(
            f"side must be self or review, not {side!r}", f"评分方只能是自评或他评，而不是 {side!r}"
        )
    items = {item.id for item, _ in get_framework(framework).walk() if item.rule is not None}
    unknown = sorted(set(marks) - items)
    if unknown:
        raise StoreError(
            f"{framework} has no scored item {', '.join(unknown)}",
            f"{framework} 中没有评估项 {'、'.join(unknown)}",
        )
    assessment = open_assessment(framework, unit_code, period, actor)
    with transaction.atomic():
        latest = _latest(assessment, side)
        carried = {m.item_id: m for m in latest.marks.all()} if latest else {}
        merged = {key: _copy(mark) for key, mark in carried.items()}
        merged.update({key: _mark(key, given) for key, given in marks.items()})
        version = _new_version(assessment, side, actor, comment)
        _save_marks(version, merged.values())
        before = {key: carried[key].points for key in marks if key in carried}
        after = {key: given.points for key, given in marks.items()}
        _audit(version, actor, {"marks": after, "comment": comment}, before or None)
        return int(version.number)


def score_sheet(framework: str, unit_code: str, period: Period) -> ScoreSheet:
    """The latest computed, self and review marks of every scored item, side by side."""
    assessment = Assessment.objects.get(
        framework=framework, unit_code=unit_code, first_year=period[0], last_year=period[1]
    )
    latest = {side: _latest(int(assessment.pk), side) for side in Side.values}
    marks = {
        side: {m.item_id: _info(m, version) for m in version.marks.all()} if version else {}
        for side, version in latest.items()
    }
    items = [item.id for item, _ in get_framework(framework).walk() if item.rule is not None]
    computed = latest["computed"]
    return ScoreSheet(
        assessment_id=int(assessment.pk),
        framework=framework,
        unit_code=unit_code,
        period=period,
        items=tuple(
            ItemComparison(
                item,
                marks["computed"].get(item),
                marks["self"].get(item),
                marks["review"].get(item),
            )
            for item in items
        ),
        computed_data_version=computed.data_version if computed else None,
        versions={side: int(v.number) for side, v in latest.items() if v is not None},
    )


def answers_for(
    framework: str, unit_code: str, period: Period, side: str = "self"
) -> dict[str, Answer]:
    """A side's yes/no and entered values as the engine's answers (evidence and manual items)."""
    sheet = score_sheet(framework, unit_code, period)
    answers = {}
    for item in sheet.items:
        mark = getattr(item, side)
        if mark is not None and (mark.met is not None or mark.value is not None):
            answers[item.item_id] = Answer(
                met=mark.met, value=mark.value, note=mark.note or None,
                attachment=mark.attachment or None, by=mark.given_by, at=mark.given_at,
            )  # fmt: skip
    return answers


def _latest(assessment: int, side: str) -> ScoreVersion | None:
    found: ScoreVersion | None = (
        ScoreVersion.objects.filter(assessment_id=assessment, side=side).order_by("-number").first()
    )
    return found


def _new_version(
    assessment: int, side: str, actor: str, comment: str, **fields: object
) -> ScoreVersion:
    highest = ScoreVersion.objects.filter(assessment_id=assessment, side=side).aggregate(
        top=Max("number")
    )["top"]
    version = ScoreVersion(
        assessment_id=assessment, side=side, number=(highest or 0) + 1, given_by=actor,
        comment=comment, **fields,
    )  # fmt: skip
    version.save()
    return version


def _save_marks(version: ScoreVersion, marks: object) -> None:
    rows = list(marks)  # type: ignore[call-overload]
    for mark in rows:
        mark.version = version
    Mark.objects.bulk_create(rows)


def _mark(item_id: str, given: MarkInput) -> Mark:
    return Mark(
        item_id=item_id, points=given.points, met=given.met, value=given.value,
        note=given.note, attachment=given.attachment,
    )  # fmt: skip


def _copy(mark: Mark) -> Mark:
    return Mark(
        item_id=mark.item_id, points=mark.points, status=mark.status, met=mark.met,
        value=mark.value, note=mark.note, attachment=mark.attachment, reason=mark.reason,
    )  # fmt: skip


def _info(mark: Mark, version: ScoreVersion) -> MarkInfo:
    return MarkInfo(
        points=mark.points, given_by=version.given_by, given_at=version.given_at,
        version=int(version.number), status=mark.status, met=mark.met, value=mark.value,
        note=mark.note, attachment=mark.attachment, reason=mark.reason,
    )  # fmt: skip


def _audit(
    version: ScoreVersion, actor: str, after: dict[str, object], before: object = None
) -> None:
    record_event(
        f"assessment.{version.side}", actor=actor, object_type="assessment",
        object_id=f"{version.assessment_id}/{version.side}/{version.number}",
        before=before, after=after,
    )  # fmt: skip


def people_marks(
    framework: str, unit_codes: list[str], period: Period
) -> tuple[dict[str, dict[str, float | None]], dict[str, dict[str, float | None]]]:
    """The latest self and review points of each unit that has a stored assessment (for the
    score sheet's 自评 and 他评 columns)."""
    own: dict[str, dict[str, float | None]] = {}
    review: dict[str, dict[str, float | None]] = {}
    stored = Assessment.objects.filter(
        framework=framework, unit_code__in=unit_codes, first_year=period[0], last_year=period[1]
    ).values_list("unit_code", flat=True)
    for unit in stored:
        sheet = score_sheet(framework, unit, period)
        own[unit] = {i.item_id: i.self.points for i in sheet.items if i.self is not None}
        review[unit] = {i.item_id: i.review.points for i in sheet.items if i.review is not None}
    return own, review


def stored_answers(
    framework: str, period: Period, side: str = "self"
) -> dict[str, dict[str, Answer]]:
    """Every stored unit's answers of one side (unit -> item -> Answer), for the engine."""
    units = Assessment.objects.filter(
        framework=framework, first_year=period[0], last_year=period[1]
    ).values_list("unit_code", flat=True)
    return {unit: answers_for(framework, unit, period, side) for unit in units}
