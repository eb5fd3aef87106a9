"""Every rule kind on hand-worked cases: points, status and the reason it gives."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from dudao.assess.answers import Answer

from .builders import compliance_result, context, params, score, value

U = "440103"


def test_threshold_full_points_when_met_and_zero_when_not() -> None:
    met = score(
        "threshold",
        context([value("ner_primary", U, 2008, 99.5)]),
        indicator="ner_primary",
        at_least=99,
    )
    assert (met.status, met.points) == ("met", 10.0)
    failed = score(
        "threshold",
        context([value("ner_primary", U, 2008, 98.9)]),
        indicator="ner_primary",
        at_least=99,
    )
    assert (failed.status, failed.points) == ("not_met", 0.0)
    assert "2008" in failed.reason.zh and "≥ 99" in failed.reason.en
    assert failed.inputs[0].value == 98.9 and failed.inputs[0].year == 2008


def test_threshold_each_year_fails_on_one_bad_year_and_missing_is_no_data() -> None:
    results = [
        value("ner_primary", U, 2006, 99.5),
        value("ner_primary", U, 2007, 98.0),
        value("ner_primary", U, 2008, 100),
    ]
    ctx = context(results, years=(2006, 2007, 2008))
    outcome = score("threshold", ctx, indicator="ner_primary", at_least=99, each_year=True)
    assert (outcome.status, outcome.points) == ("not_met", 0.0)
    assert "2007" in outcome.reason.en and "2006" not in outcome.reason.en.split("not")[1]
    # Only the last year is read by default: 2008 meets it.
    assert score("threshold", ctx, indicator="ner_primary", at_least=99).points == 10.0
    gap = score("threshold", context([]), indicator="ner_primary", at_least=99)
    assert (gap.status, gap.points) == ("no_data", 0.0)


def test_threshold_bounds_are_exclusive_or_inclusive_as_declared() -> None:
    ctx = context([value("edu_budget_growth", U, 2008, 0.0, "own_level")])
    above = score("threshold", ctx, indicator="edu_budget_growth", scope="own_level", above=0)
    at_least = score("threshold", ctx, indicator="edu_budget_growth", scope="own_level", at_least=0)
    assert (above.points, at_least.points) == (0.0, 10.0)
    with pytest.raises(ValidationError):
        params("threshold", indicator="x", at_least=1, at_most=2)


def test_linear_between_floor_and_target() -> None:
    # 80 -> 0, 100 -> 10: 85.57 gives 10 × 5.57 / 20 = 2.785.
    ctx = context([value("teacher_pay_parity", U, 2008, 85.57, "consolidated")])
    outcome = score(
        "linear", ctx, indicator="teacher_pay_parity", scope="consolidated", floor=80, target=100
    )
    assert outcome.status == "partial" and outcome.points == pytest.approx(2.785)
    # Lower is better: 20 students per computer -> 0, 10 -> full; 8.49 is past the target.
    best = score(
        "linear",
        context([value("students_per_computer", U, 2008, 8.49)]),
        indicator="students_per_computer",
        floor=20,
        target=10,
    )
    assert (best.status, best.points) == ("met", 10.0)
    worst = score(
        "linear",
        context([value("students_per_computer", U, 2008, 25)]),
        indicator="students_per_computer",
        floor=20,
        target=10,
    )
    assert (worst.status, worst.points) == ("not_met", 0.0)
    half = score(
        "linear",
        context([value("students_per_computer", U, 2008, 15)]),
        indicator="students_per_computer",
        floor=20,
        target=10,
    )
    assert half.points == pytest.approx(5.0)


def test_bands_by_value() -> None:
    bands = [
        {"at_least": 90, "points": 10},
        {"at_least": 80, "points": 8},
        {"at_least": 70, "points": 6},
    ]
    for number, points in ((95, 10), (90, 10), (89.99, 8), (70.05, 6), (69.9, 0)):
        ctx = context([value("standardised_school_coverage", U, 2008, number)])
        assert (
            score("bands", ctx, indicator="standardised_school_coverage", bands=bands).points
            == points
        )


def test_bands_by_rank_among_peers_with_ties() -> None:
    peers = ("a", "b", "c", "d")
    results = [
        value("gaokao_pass_rate", unit, 2008, v)
        for unit, v in zip(peers, (90, 85, 85, 70), strict=True)
    ]
    bands = [{"top": 1, "points": 10}, {"top": 3, "points": 8}, {"top": 4, "points": 6}]
    got = {
        unit: score(
            "bands",
            context(results, unit=unit, peers=peers),
            indicator="gaokao_pass_rate",
            by="rank",
            bands=bands,
        )
        for unit in peers
    }
    assert {unit: o.points for unit, o in got.items()} == {"a": 10, "b": 8, "c": 8, "d": 6}
    assert "rank 2 of 4" in got["c"].reason.en
    with pytest.raises(ValidationError):  # rank bands take `top`
        params("bands", indicator="x", by="rank", bands=[{"at_least": 1, "points": 1}])


def test_compliance_all_or_nothing_and_per_failure_with_missing_never_passing() -> None:
    results = [
        compliance_result("two_rises_share", U, 2006, True, "own_level"),
        compliance_result("two_rises_share", U, 2007, False, "own_level"),
        compliance_result("two_rises_share", U, 2008, None, "own_level"),
    ]
    ctx = context(results, years=(2006, 2007, 2008))
    tests = [{"indicator": "two_rises_share", "scope": "own_level"}]
    whole = score("compliance", ctx, tests=tests)
    assert (whole.status, whole.points) == ("not_met", 0.0)
    per = score("compliance", ctx, tests=tests, per_failure=3)
    assert (per.status, per.points) == ("partial", 4.0)  # 10 - 3 (2007 failed) - 3 (2008 missing)
    assert "2007" in per.reason.zh and "本级" in per.reason.zh and "missing" in per.reason.en
    assert next(i.evidence for i in per.inputs if i.year == 2007)["values"]  # type: ignore[index]
    passed = score("compliance", context(results[:1], years=(2006,)), tests=tests)
    assert (passed.status, passed.points) == ("met", 10.0)


def test_evidence_pending_until_answered() -> None:
    pending = score("evidence", context([]))
    assert (pending.status, pending.points) == ("pending", None)
    yes = score(
        "evidence",
        context([], answer=Answer(met=True, note="规划文件", attachment="plan.pdf", by="李")),
    )
    assert (yes.status, yes.points) == ("met", 10.0) and "plan.pdf" in yes.reason.zh
    no = score("evidence", context([], answer=Answer(met=False, by="王")))
    assert (no.status, no.points) == ("not_met", 0.0)


def test_deduction_per_failing_element_and_year() -> None:
    results = [
        value("student_teacher_ratio_primary", U, 2008, 19.4),
        value("student_teacher_ratio_junior", U, 2008, 13.0),
    ]
    elements = [
        {"indicator": "student_teacher_ratio_primary", "at_most": 19},
        {"indicator": "student_teacher_ratio_junior", "at_most": 13.5},
        {
            "indicator": "large_class_share_66_primary",
            "at_most": 1,
        },  # not computed: counts as failing
    ]
    outcome = score("deduction", context(results), per_failure=3, elements=elements)
    assert (outcome.status, outcome.points) == ("partial", 4.0)
    assert "missing" in outcome.reason.zh or "缺数据" in outcome.reason.zh
    floor = score("deduction", context([]), per_failure=5, elements=elements)
    assert (floor.status, floor.points) == ("not_met", 0.0)  # never below 0


def test_rating_pass_line_counts_a_and_c() -> None:
    criteria = [
        {
            "id": "multimedia",
            "indicator": "multimedia_classroom_share",
            "a": {"at_least": 90},
            "b": {"at_least": 70},
        },
        {"id": "charters"},
        {"id": "safety"},
    ]
    results = [value("multimedia_classroom_share", U, 2008, 92)]
    waiting = score("rating", context(results), criteria=criteria, min_a=2, max_c=0)
    assert (waiting.status, waiting.points) == ("pending", None) and "charters" in waiting.reason.en
    passes = score(
        "rating",
        context(results, answer=Answer(ratings={"charters": "A", "safety": "B"})),
        criteria=criteria,
        min_a=2,
        max_c=0,
    )
    assert (passes.status, passes.points) == ("met", 10.0)
    one_c = score(
        "rating",
        context(results, answer=Answer(ratings={"charters": "A", "safety": "C"})),
        criteria=criteria,
        min_a=2,
        max_c=0,
    )
    assert (one_c.status, one_c.points) == ("not_met", 0.0)
    few_a = score(
        "rating",
        context(
            [value("multimedia_classroom_share", U, 2008, 80)],
            answer=Answer(ratings={"charters": "A", "safety": "B"}),
        ),
        criteria=criteria,
        min_a=2,
        max_c=0,
    )
    assert few_a.status == "not_met"  # multimedia is B: one A only


def test_manual_percent_and_points_with_pass_line() -> None:
    poll = score("manual", context([], points=50, answer=Answer(value=86)), scale="percent")
    assert (poll.status, poll.points) == ("partial", 43.0)
    low = score(
        "manual", context([], points=0, answer=Answer(value=84.9)), scale="percent", pass_at=85
    )
    assert low.status == "not_met"
    capped = score("manual", context([], points=5, answer=Answer(value=7)), scale="points")
    assert capped.points == 5.0
    assert score("manual", context([]), scale="percent").status == "pending"
