"""Stored assessments: versions per side, who and when, differences, audit, stale computed scores."""

from __future__ import annotations

from pathlib import Path

import pytest

from dudao.assess import Answer, assess, load

from .builders import value
from .frameworks import write

LEVELS = {"a": "district"}
PERIOD = (2008, 2008)


@pytest.fixture
def store_url(tmp_path: Path):  # type: ignore[no-untyped-def]
    from dudao import store

    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    store.setup(url)
    yield url
    from django.db import connections

    connections["default"].close()


def _results(ner: float) -> list:  # type: ignore[type-arg]
    return [
        value("ner_primary", "a", 2008, ner),
        value("ger_preschool", "a", 2008, 90),
        value("edu_budget_growth", "a", 2008, 3, "own_level"),
    ]


def test_self_and_review_are_versions_with_who_when_and_differences(store_url: str) -> None:
    from dudao.store.assessments import MarkInput, record_marks, score_sheet

    framework = "gd_leaders_basic_education"
    first = record_marks(
        framework,
        "440100",
        PERIOD,
        "self",
        {"priority_strategy": MarkInput(points=10, met=True, note="常委会纪要")},
        actor="区教育局",
    )
    second = record_marks(
        framework,
        "440100",
        PERIOD,
        "self",
        {"supervision": MarkInput(points=8, met=True)},
        actor="区教育局",
    )
    review = record_marks(
        framework,
        "440100",
        PERIOD,
        "review",
        {"priority_strategy": MarkInput(points=7), "supervision": MarkInput(points=8)},
        actor="市督导室",
        comment="会议纪要不全",
    )
    assert (first, second, review) == (1, 2, 1)
    sheet = score_sheet(framework, "440100", PERIOD)
    by_item = {item.item_id: item for item in sheet.items}
    strategy = by_item["priority_strategy"]
    # The self version 2 carries version 1's mark forward.
    assert strategy.self is not None and strategy.self.points == 10 and strategy.self.version == 2
    assert strategy.self.note == "常委会纪要" and strategy.self.given_by == "区教育局"
    assert strategy.review is not None and strategy.review.given_by == "市督导室"
    assert [item.item_id for item in sheet.differences] == ["priority_strategy"]
    assert sheet.versions == {"self": 2, "review": 1}


def test_every_version_is_audited_and_unknown_items_are_refused(store_url: str) -> None:
    from dudao.store import StoreError
    from dudao.store.assessments import MarkInput, record_marks
    from dudao.store.models import AuditEvent

    record_marks(
        "balance2017",
        "440103",
        PERIOD,
        "review",
        {"no_key_schools": MarkInput(met=True)},
        actor="省督导",
    )
    actions = list(AuditEvent.objects.order_by("id").values_list("action", "object_id", "actor"))
    assert actions[0][0] == "assessment.open" and actions[1] == (
        "assessment.review",
        f"{actions[0][1]}/review/1",
        "省督导",
    )
    with pytest.raises(StoreError) as refused:
        record_marks(
            "balance2017", "440103", PERIOD, "review", {"nope": MarkInput(points=1)}, actor="x"
        )
    assert "nope" in refused.value.message_en and "nope" in refused.value.message_zh
    with pytest.raises(StoreError):
        record_marks("balance2017", "440103", PERIOD, "computed", {}, actor="x")


def test_computed_scores_name_their_data_and_are_new_versions_only_when_it_changes(
    store_url: str,
) -> None:
    from dudao.store.assessments import record_computed, score_sheet
    from dudao.store.assessments.models import ScoreVersion

    framework = "gd_leaders_basic_education"
    city = {"440100": "city"}

    def scored(parity: float, version: str):  # type: ignore[no-untyped-def]
        results = [value("teacher_pay_parity", "440100", 2008, parity, "consolidated")]
        (one,) = assess(framework, results, unit_levels=city, years=[2008], data_version=version)
        return one

    assert record_computed(scored(90, "v1"), actor="system") == 1
    assert record_computed(scored(90, "v1"), actor="system") == 1  # same data and points
    sheet = score_sheet(framework, "440100", PERIOD)
    assert sheet.computed_data_version == "v1" and not sheet.stale("v1") and sheet.stale("v2")
    pay = next(item for item in sheet.items if item.item_id == "teacher_pay")
    assert pay.computed is not None and pay.computed.points == pytest.approx(5)
    assert "teacher" in pay.computed.reason or "教师" in pay.computed.reason
    assert record_computed(scored(100, "v2"), actor="system") == 2
    latest = score_sheet(framework, "440100", PERIOD)
    pay = next(item for item in latest.items if item.item_id == "teacher_pay")
    assert pay.computed is not None and pay.computed.points == 10
    assert ScoreVersion.objects.filter(side="computed").count() == 2


def test_stored_self_answers_feed_the_engine(store_url: str, tmp_path: Path) -> None:
    from dudao.store.assessments import MarkInput, answers_for, record_marks

    framework = load(write(tmp_path))
    record_marks(
        "gd_leaders_basic_education",
        "440100",
        PERIOD,
        "self",
        {"opinion_poll": MarkInput(value=90, note="问卷120份")},
        actor="市政府",
    )
    answers = answers_for("gd_leaders_basic_education", "440100", PERIOD)
    assert answers["opinion_poll"].value == 90 and answers["opinion_poll"].by == "市政府"
    scored = assess(
        framework,
        _results(99.5),
        unit_levels=LEVELS,
        years=[2008],
        answers={"a": {"poll": Answer(value=answers["opinion_poll"].value)}},
    )
    assert scored[0].item("poll").points == pytest.approx(45)
