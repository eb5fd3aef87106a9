"""Designations, periods, cut-off dates and per-student own-level figures, worked by hand.

A city 440100 in a province 440000, one district 440103 with a town. Years 2005-2009.
"""

from __future__ import annotations

from datetime import date

import pytest

from dudao.compute import IndicatorResult, compute_indicators
from dudao.compute.results import ResultKey
from tests.tables import arrow_tables

Results = dict[ResultKey, IndicatorResult]
ORG_UNITS = [
    {"code": "440000", "name": "广东省", "level": "province"},
    {"code": "440100", "name": "广州市", "level": "city", "parent_code": "440000"},
    {"code": "440103", "name": "荔湾区", "level": "district", "parent_code": "440100"},
    {"code": "440103001", "name": "沙面街", "level": "town", "parent_code": "440103"},
]
SCHOOLS = [
    # code, type, sponsor, closed, merged_into
    ("4401030001", "342", "city", None, None),  # a senior high of the city
    ("4401030002", "342", None, None, None),  # a county senior high
    ("4401030003", "211", None, 2007, "4401030004"),  # merged in 2007
    ("4401030004", "211", None, None, None),
    ("4401030005", "211", None, 2005, "4401030004"),  # merged before the period
    ("4401030006", "111", None, 2008, "4401030004"),  # a kindergarten: not counted
    ("4401030007", "211", None, None, None),  # opened in 2007: its whole area is added
]
SENIOR = [  # school, year, seats, enrolment
    ("4401030001", 2008, 1000, 900),
    ("4401030002", 2008, None, 500),  # no seats: its enrolment counts
]
AREAS = [  # school, year, land_area
    ("4401030004", 2005, 10_000), ("4401030004", 2008, 12_500),  # +2500
    ("4401030003", 2005, 8_000),  # closed: not standing at the end
    ("4401030001", 2005, 30_000), ("4401030001", 2008, 29_000),  # smaller: adds 0
    ("4401030007", 2008, 4_000),  # new: +4000
]  # fmt: skip
DESIGNATIONS = [  # unit_kind, unit_code, kind, level, year, result
    ("school", "4401030001", "first_class_school", "provincial", 2006, "awarded"),
    ("school", "4401030001", "first_class_school", "city", 2005, "awarded"),  # the same school
    ("school", "4401030002", "first_class_school", "city", 2007, "awarded"),
    ("school", "4401030002", "first_class_school", "city", 2008, "revoked"),  # no longer holds
    ("school", "4401030001", "model_senior_high", None, 2008, "applied"),
    ("school", "4401030001", "model_senior_high", None, 2008, "passed_initial_review"),
    ("org", "440103", "strong_education_district", None, 2006, "awarded"),
    ("org", "440103", "strong_education_district", None, 2008, "passed_review"),
    ("org", "440103001", "strong_education_town", None, 2008, "awarded"),
    ("teacher", "T1", "special_grade_teacher", "provincial", 2007, "awarded"),
    ("teacher", "T2", "special_grade_teacher", "provincial", 2008, "awarded"),
    ("teacher", "T2", "special_grade_teacher", "provincial", 2008, "revoked"),  # listed after
]
CASES = [  # case, identified, outcome, date
    ("C1", 2008, "exam_to_established", date(2009, 6, 30)),
    ("C2", 2008, "exam_to_established", date(2009, 11, 30)),  # after the cut-off
    ("C3", 2009, "pending", None),
    ("C4", 2010, None, None),  # identified after the cut-off's year
]
FISCAL = [  # the city's own operating expenditure on senior schools
    {"org_code": "440100", "year": 2008, "scope": "own_level", "edu_operating_senior": 900},
    {"org_code": "440100", "year": 2008, "scope": "consolidated", "edu_operating_senior": 1400},
]
PROJECTS = [
    {"project_id": "P1", "org_code": "440100", "year": 2006, "name": "创强", "kind": "rural_strong_education", "investment": 100},
    {"project_id": "P1", "org_code": "440103", "year": 2007, "name": "创强", "kind": "rural_strong_education", "investment": 50},
    {"project_id": "P2", "org_code": "440103", "year": 2005, "name": "创强", "kind": "rural_strong_education", "investment": 70},
]  # fmt: skip


def _tables() -> dict[str, object]:
    schools = [
        {"school_code": c, "name": "学校", "org_code": "440103001", "school_type": t,
         "ownership": "public", "sponsor_level": s, "closed": closed, "merged_into": into}
        for c, t, s, closed, into in SCHOOLS
    ]  # fmt: skip
    return {
        "org_units": ORG_UNITS,
        "schools": schools,
        "school_stage_year": [
            {"school_code": c, "year": y, "stage": "senior", "seats": s, "enrolment": e}
            for c, y, s, e in SENIOR
        ],
        "school_year": [{"school_code": c, "year": y, "land_area": a} for c, y, a in AREAS],
        "designations": [
            {
                "unit_kind": k,
                "unit_code": u,
                "org_code": "440103" if k == "teacher" else None,
                "kind": kind,
                "level": level,
                "year": y,
                "result": r,
            }
            for k, u, kind, level, y, r in DESIGNATIONS
        ],
        "substitute_cases": [
            {
                "case_id": c,
                "org_code": "440103",
                "identified_year": y,
                "outcome": o,
                "outcome_date": d,
            }
            for c, y, o, d in CASES
        ],
        "fiscal_year": FISCAL,
        "projects": PROJECTS,
        "org_year": [
            {"org_code": "440000", "year": 2008, "gaokao_top_band": 400},
            {"org_code": "440100", "year": 2008, "gaokao_top_band": 100},
        ],
    }


@pytest.fixture(scope="module")
def results() -> Results:
    tables = arrow_tables(_tables())  # type: ignore[arg-type]
    computed = compute_indicators(tables, period=(2006, 2008), as_of=date(2009, 10, 31))
    return {r.key: r for r in computed}


def test_a_school_holding_two_levels_counts_its_seats_once(results: Results) -> None:
    share = results[("quality_seat_share", "440100", None, 2008)]
    # 4401030001 holds at both levels: 1000 seats once; 4401030002's title was revoked
    assert (share.numerator, share.denominator) == (1000, 1500)
    assert "seats_or_enrolment" in share.notes
    # no senior rows in 2007: no seat share that year
    assert ("quality_seat_share", "440100", None, 2007) not in results


def test_in_progress_designations(results: Results) -> None:
    # passed_initial_review is listed after applied: it is the latest event of 2008
    assert results[("model_senior_highs_in_progress", "440100", None, 2008)].value == 1
    assert results[("model_senior_highs", "440100", None, 2008)].value == 0
    seats = results[("model_senior_high_seat_share", "440100", None, 2008)]
    assert seats.value == pytest.approx(1000 / 1500 * 100)


def test_org_and_teacher_designations(results: Results) -> None:
    assert results[("strong_education_districts", "440100", None, 2007)].value == 1
    assert results[("strong_education_districts", "440100", None, 2008)].value == 1  # reviewed
    assert results[("strong_education_district_reviews_passed", "440100", None, 2008)].value == 1
    assert results[("strong_education_towns_passed", "440103", None, 2008)].value == 1
    # T2's award and revocation in one year: revoked is listed after awarded
    assert results[("special_grade_teachers", "440100", None, 2008)].value == 1
    assert results[("special_grade_teachers", "440103", None, 2007)].value == 1


def test_period_figures(results: Results) -> None:
    merged = results[("schools_merged", "440100", None, None)]
    assert merged.value == 1 and merged.period == (2006, 2008) and merged.year is None
    land = results[("land_area_added", "440103", None, None)]
    assert land.value == 2500 + 4000
    investment = results[("rural_strong_education_investment", "440100", None, None)]
    assert investment.value == 150  # 2005's project is before the period
    assert results[("rural_strong_education_investment", "440103", None, None)].value == 50


def test_cases_at_the_cut_off_date(results: Results) -> None:
    exam = results[("substitute_exam_to_established", "440100", None, 2009)]
    assert exam.value == 1 and exam.as_of == date(2009, 10, 31)
    assert exam.to_json()["as_of"] == "2009-10-31"
    assert results[("substitute_total", "440100", None, 2009)].value == 3
    rate = results[("substitute_resolution_rate", "440100", None, 2009)]
    assert (rate.numerator, rate.denominator) == (1, 3)


def test_default_cut_off_is_the_end_of_each_year() -> None:
    tables = arrow_tables(_tables())  # type: ignore[arg-type]
    found = compute_indicators(tables, indicator_ids=["substitute_exam_to_established"])
    by_year = {r.year: (r.value, r.as_of) for r in found if r.unit_code == "440103"}
    assert by_year[2009] == (2, date(2009, 12, 31))
    assert by_year[2008] == (0, date(2008, 12, 31))


def test_share_of_the_province_reads_the_province_row(results: Results) -> None:
    share = results[("gaokao_top_band_share_of_province", "440100", None, 2008)]
    assert (share.numerator, share.denominator, share.value) == (100, 400, 25.0)


def test_own_level_per_student_counts_the_schools_of_that_government(results: Results) -> None:
    own = results[("operating_per_student_senior", "440100", "own_level", 2008)]
    assert (own.numerator, own.denominator) == (900, 900)  # the city's school only
    assert own.value == pytest.approx(10_000.0)  # 万元 -> 元
    consolidated = results[("operating_per_student_senior", "440100", "consolidated", 2008)]
    assert consolidated.denominator == 1400
