"""The 2017 per-school rule at its boundary: ≥ 6 of 7 standards met, the rest ≥ 85 %."""

from __future__ import annotations

from dudao.assess.rules.all_schools import AllSchoolsParams, school_meets
from dudao.assess.schools import SchoolValue, SchoolValues

from .builders import context, params, score

STANDARDS = [{"indicator": f"s{i}", "at_least": 10.0} for i in range(7)]


def _rule() -> AllSchoolsParams:
    rule = params("all_schools", standards=STANDARDS, min_met=6, rest_at_least=0.85)
    assert isinstance(rule, AllSchoolsParams)
    return rule


def _school(*values: float | None) -> dict[str, float | None]:
    return {f"s{i}": v for i, v in enumerate(values)}


def test_six_met_and_the_seventh_at_exactly_85_percent_passes() -> None:
    assert school_meets(_rule(), _school(10, 10, 10, 10, 10, 10, 8.5))


def test_the_seventh_just_below_85_percent_fails() -> None:
    assert not school_meets(_rule(), _school(10, 10, 10, 10, 10, 10, 8.49))


def test_five_met_fails_even_when_the_other_two_are_close() -> None:
    assert not school_meets(_rule(), _school(10, 10, 10, 10, 10, 9.99, 9.99))


def test_all_seven_met_passes_and_a_missing_value_fails() -> None:
    assert school_meets(_rule(), _school(10, 11, 12, 10, 10, 10, 10))
    assert not school_meets(_rule(), _school(10, 10, 10, 10, 10, 10, None))


def test_scale_converts_the_school_value_before_comparing() -> None:
    # Equipment in 万元 per student against 2000 元: 0.2 万元 × 10000 = 2000 meets it.
    rule = params(
        "all_schools",
        standards=[{"indicator": "e", "at_least": 2000, "scale": 10000}],
        min_met=1,
    )
    assert isinstance(rule, AllSchoolsParams)
    assert school_meets(rule, {"e": 0.2}) and not school_meets(rule, {"e": 0.1})


def test_the_rule_names_failing_schools_and_scores_all_or_nothing() -> None:
    rows = [
        SchoolValue("440103", "A", 2008, f"s{i}", v)
        for i, v in enumerate((10, 10, 10, 10, 10, 10, 8.5))
    ] + [
        SchoolValue("440103", "B", 2008, f"s{i}", v)
        for i, v in enumerate((10, 10, 10, 10, 10, 10, 8.0))
    ]
    schools = SchoolValues(rows)
    outcome = score("all_schools", context([], schools=schools), standards=STANDARDS, min_met=6)
    assert (outcome.status, outcome.points) == ("not_met", 0.0)
    assert "B" in outcome.reason.zh and "1 of 2" in outcome.reason.en
    only_a = SchoolValues(r for r in rows if r.school_code == "A")
    assert (
        score("all_schools", context([], schools=only_a), standards=STANDARDS, min_met=6).points
        == 10.0
    )
    per = score(
        "all_schools",
        context([], schools=schools),
        standards=STANDARDS,
        min_met=6,
        per_failing_school=4,
    )
    assert (per.status, per.points) == ("partial", 6.0)
    assert score("all_schools", context([]), standards=STANDARDS, min_met=6).status == "no_data"
