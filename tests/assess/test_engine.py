"""The engine on a small framework: weights, pending, grades, vetoes, must-meet items, ranks."""

from __future__ import annotations

from pathlib import Path

import pytest

from dudao.assess import Answer, UnitAssessment, assess, load

from .builders import value
from .frameworks import write

LEVELS = {"440100": "city", "a": "district", "b": "district", "c": "district"}


def _results(unit: str, ner: float, ger: float, growth: float) -> list:  # type: ignore[type-arg]
    return [
        value("ner_primary", unit, 2008, ner),
        value("ger_preschool", unit, 2008, ger),
        value("edu_budget_growth", unit, 2008, growth, "own_level"),
    ]


@pytest.fixture
def small(tmp_path: Path):  # type: ignore[no-untyped-def]
    return load(write(tmp_path))


def _by_unit(assessments: list[UnitAssessment]) -> dict[str, UnitAssessment]:
    return {a.unit_code: a for a in assessments}


def test_weights_scale_sub_items_and_pending_is_listed_not_met(small) -> None:  # type: ignore[no-untyped-def]
    got = _by_unit(assess(small, _results("a", 99.5, 90, 5), unit_levels=LEVELS))["a"]
    # work is 50 points: enrolment 60 of its 100 -> 30; plan and the poll are pending.
    assert got.item("enrolment").points == 60 and got.item("work").points == pytest.approx(30)
    assert got.total == pytest.approx(30) and got.max_total == 100
    assert set(got.pending) == {"plan", "poll"} and not got.complete
    assert got.item("plan").points is None and got.item("work").pending_points == pytest.approx(20)
    assert got.grade.id == "fail" and "provisional" in got.notes[0].en


def test_answers_complete_the_score_and_grade(small) -> None:  # type: ignore[no-untyped-def]
    answers = {"a": {"plan": Answer(met=True, by="督导室"), "poll": Answer(value=92)}}
    got = _by_unit(assess(small, _results("a", 99.5, 90, 5), unit_levels=LEVELS, answers=answers))[
        "a"
    ]
    assert got.total == pytest.approx(50 + 46) and got.complete
    assert (got.grade.id, got.grade.zh) == ("excellent", "优秀")


def test_a_veto_fails_the_year_whatever_the_points(small) -> None:  # type: ignore[no-untyped-def]
    answers = {"a": {"plan": Answer(met=True), "poll": Answer(value=100)}}
    got = _by_unit(
        assess(small, _results("a", 100, 99, -0.5), unit_levels=LEVELS, answers=answers)
    )["a"]
    assert got.total == pytest.approx(100)
    assert got.vetoed and got.veto_failed == ("veto",) and got.grade.id == "fail"
    assert "一票否决" in got.notes[0].zh


def test_a_failed_must_meet_item_fails_the_grade(small) -> None:  # type: ignore[no-untyped-def]
    answers = {"a": {"plan": Answer(met=True), "poll": Answer(value=100)}}
    got = _by_unit(assess(small, _results("a", 100, 80, 3), unit_levels=LEVELS, answers=answers))[
        "a"
    ]
    assert got.total == pytest.approx(100) and not got.vetoed
    assert got.must_meet_failed == ("must",) and got.grade.id == "fail"
    record = got.to_json()
    assert record["must_meet"] == [{"item": "must", "status": "not_met"}]


def test_ranks_among_every_unit_of_the_level_even_when_one_is_asked_for(small) -> None:  # type: ignore[no-untyped-def]
    results = _results("a", 99.5, 90, 5) + _results("b", 98, 90, 5) + _results("c", 99.9, 90, -1)
    only_b = assess(small, results, unit_levels=LEVELS, units={"b"})
    assert [a.unit_code for a in only_b] == ["b"]
    ranked = _by_unit(assess(small, results, unit_levels=LEVELS))
    # a and c both score 30, but c is vetoed: it ranks after every unit that is not.
    assert (ranked["a"].rank, ranked["b"].rank, ranked["c"].rank) == (1, 2, 3)
    assert only_b[0].rank == 2 and only_b[0].peers == 3


def test_json_record_has_every_item_with_rule_inputs_and_reason(small) -> None:  # type: ignore[no-untyped-def]
    record = assess(small, _results("a", 99.5, 90, 5), unit_levels=LEVELS, data_version="v7")[
        0
    ].to_json()
    assert record["unit_code"] == "a" and record["data_version"] == "v7"
    items = {item["item"]: item for item in record["items"]}  # type: ignore[union-attr,index]
    assert items["enrolment"]["rule"] == "threshold"
    assert items["enrolment"]["inputs"][0]["source"] == "ner_primary"
    assert items["enrolment"]["inputs"][0]["year"] == 2008
    assert items["plan"]["status"] == "pending" and items["plan"]["points"] is None
    assert record["pending"] == ["plan", "poll"]
