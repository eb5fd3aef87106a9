"""The seed city scored under all four shipped frameworks, and what the seed states shows."""

from __future__ import annotations

import json

import pytest

from dudao.assess import assess, school_verdicts, shipped_frameworks
from dudao.assess.frameworks import rule_params
from dudao.assess.rules.all_schools import AllSchoolsParams

from .conftest import SeedCity

PERIOD = (2006, 2007, 2008)
DISTRICTS = 12


def test_guangdong_two_rises_loses_points_for_the_own_level_fall_of_2007(seed: SeedCity) -> None:
    (city,) = assess(
        "gd_leaders_basic_education", seed.results, unit_levels=seed.levels, years=PERIOD
    )
    assert city.unit_code == "440100"
    two_rises = city.item("two_rises")
    # 15 points, 5 off per failing test-year: only the own level's share of 2007 failed.
    assert (two_rises.points, two_rises.status) == (10.0, "partial")
    assert "2007年" in two_rises.reason.zh and "本级" in two_rises.reason.zh
    assert "(own level) 2007" in two_rises.reason.en and "16.88" in two_rises.reason.en
    failed = [i for i in two_rises.inputs if i.value is False]
    assert [(i.source, i.scope, i.year) for i in failed] == [("two_rises_share", "own_level", 2007)]
    # Own-level spending itself rose every year: the veto on it does not fire.
    assert city.item("own_level_spending_rises").status == "met" and not city.vetoed
    # The poll and the checklist need people: listed as pending, never met.
    assert "opinion_poll" in city.pending and city.item("opinion_poll").points is None
    assert not city.complete


def test_balance2012_scores_every_district_with_cv_thresholds(seed: SeedCity) -> None:
    scored = assess("balance2012", seed.results, unit_levels=seed.levels, years=PERIOD)
    assert len(scored) == DISTRICTS and sorted(a.rank or 0 for a in scored)[0] == 1
    for district in scored:
        assert district.item("cv_composite_primary").status == "met"  # the seed's CVs are ~0.16
        assert district.item("cv_composite_primary").inputs[0].year == 2008
    # Coverage of standardised schools is below 100 % everywhere in 2008: must-meet fails.
    assert all("schools_meet_standard" in a.must_meet_failed for a in scored)


def test_balance2017_judges_every_school_on_the_seven_standards(seed: SeedCity) -> None:
    framework = shipped_frameworks()["balance2017"]
    params = rule_params(framework)
    rule = params["all_schools_primary"]
    assert isinstance(rule, AllSchoolsParams)
    assert rule.indicator == "balance2017_school_standard_primary"  # the catalogue's standard
    ids = [p.indicator for p in params.values() if isinstance(p, AllSchoolsParams)]
    schools = school_verdicts(seed.tables, ids, level="district", years=[2008])
    scored = assess(framework, seed.results, unit_levels=seed.levels, years=PERIOD, schools=schools)
    assert len(scored) == DISTRICTS
    primary = scored[0].item("all_schools_primary")
    fact = primary.inputs[0]
    assert fact.source == "schools" and fact.evidence and fact.evidence["schools"] > 0  # type: ignore[operator]
    assert primary.status in ("met", "not_met", "partial")
    assert {item.item_id for item in scored[0].items if item.role == "veto" and item.rule} == {
        "no_exam_admission", "no_illegal_choice", "no_key_schools",
    }  # fmt: skip


def test_strong_education_district_ranks_districts_and_round_trips_as_json(seed: SeedCity) -> None:
    scored = assess(
        "strong_education_district", seed.results, unit_levels=seed.levels, years=PERIOD
    )
    assert len(scored) == DISTRICTS and {a.peers for a in scored} == {DISTRICTS}
    ranks = sorted(a.rank or 0 for a in scored)
    assert ranks[0] == 1 and ranks[-1] <= DISTRICTS
    totals = {a.unit_code: a.total for a in scored}
    best = min(scored, key=lambda a: a.rank or 0)
    assert best.total == max(totals.values())
    gaokao = best.item("gaokao")
    assert gaokao.rule == "bands" and "of 12" in gaokao.reason.en
    record = json.loads(json.dumps(best.to_json(), ensure_ascii=False))
    assert record["total"] == pytest.approx(best.total, abs=1e-4) and record["items"]
