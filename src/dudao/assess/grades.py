"""Grades from configurable cut-offs, vetoes and must-meet items; ranks among peers."""

from __future__ import annotations

from dudao.assess.model import GradeResult, Reason, UnitAssessment
from dudao.catalogue.frameworks import GRADE_LABELS, Framework


def grade_result(grade_id: str) -> GradeResult:
    zh, en = GRADE_LABELS[grade_id]
    return GradeResult(grade_id, zh, en)


def grade_of(
    framework: Framework, total: float, vetoed: tuple[str, ...], must_meet_failed: tuple[str, ...]
) -> tuple[GradeResult, tuple[Reason, ...]]:
    """The grade the total reaches, unless a veto item failed (不合格 whatever the points) or a
    must-meet item failed (不合格 when the framework says so)."""
    if vetoed:
        items = "、".join(vetoed)
        note = Reason(
            f"一票否决：{items}，评为不合格", f"veto: {', '.join(vetoed)} failed, graded fail"
        )
        return grade_result("fail"), (note,)
    if must_meet_failed and framework.must_meet_fails_grade:
        items = "、".join(must_meet_failed)
        note = Reason(
            f"必达指标未达到：{items}，评为不合格",
            f"must-meet not met: {', '.join(must_meet_failed)}, graded fail",
        )
        return grade_result("fail"), (note,)
    grade = next(g for g in framework.grades if total >= g.at_least)
    return grade_result(grade.id), ()


def rank(assessments: list[UnitAssessment]) -> None:
    """Competition ranks (1, 2, 2, 4) by total; vetoed units after every other."""
    order = sorted(assessments, key=lambda a: (a.vetoed, -round(a.total, 6)))
    for position, assessment in enumerate(order, 1):
        previous = order[position - 2] if position > 1 else None
        same = previous is not None and (previous.vetoed, round(previous.total, 6)) == (
            assessment.vetoed,
            round(assessment.total, 6),
        )
        assessment.rank = previous.rank if same and previous is not None else position
        assessment.peers = len(assessments)
