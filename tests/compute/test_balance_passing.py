"""The 2017 per-school standard and the counts of passing districts and schools, by hand.

REFERENCES.md, 2017 (primary): above-standard teachers per 100 ≥ 4.2, key teachers per
100 ≥ 1, PE/arts teachers per 100 ≥ 0.9, teaching floor area per student ≥ 4.5 m²,
sports area ≥ 7.5 m², equipment ≥ 2000 元, multimedia classrooms per 100 ≥ 2.3; a school
meets the standard with ≥ 6 of 7, the rest ≥ 85 % of theirs (sports: 6.375 m²).

District 440103's primary schools, 100 pupils each:
- 1 meets all seven;          - 2 has 7.0 m² of sports area (6 of 7, above 85 %): meets;
- 3 has 6.0 m² (below 85 %): fails;  - 4 also has 4.0 m² of floor area (5 of 7): fails;
- 5 does not report its multimedia classrooms: not judged.
"""

from __future__ import annotations

import pytest

from dudao.catalogue import default_catalogue
from dudao.compute import IndicatorResult, as_results, compute_indicators
from dudao.compute.hierarchy import Units
from dudao.compute.kinds import Compliance, Passing
from tests.tables import arrow_tables

ORG_UNITS = [
    {"code": "440100", "name": "广州市", "level": "city"},
    {"code": "440103", "name": "荔湾区", "level": "district", "parent_code": "440100"},
    {"code": "440104", "name": "越秀区", "level": "district", "parent_code": "440100"},
    {"code": "440105", "name": "海珠区", "level": "district", "parent_code": "440100"},
]
GOOD = {"teaching_room_area": 500, "sports_area": 800, "equipment_value": 25, "multimedia_classrooms": 3}  # fmt: skip
CHANGES: dict[int, dict[str, float | None]] = {
    1: {},
    2: {"sports_area": 700},
    3: {"sports_area": 600},
    4: {"sports_area": 700, "teaching_room_area": 400},
    5: {"multimedia_classrooms": None},
}
STANDARD, SHARE = "balance2017_school_standard_primary", "balance2017_schools_meeting_standard_primary"  # fmt: skip


def _code(number: int) -> str:
    return f"440103000{number}"


def _tables() -> dict[str, object]:
    return arrow_tables({
        "org_units": ORG_UNITS,
        "schools": [
            {"school_code": _code(n), "name": f"第{n}小学", "org_code": "440103",
             "school_type": "211", "ownership": "public"}
            for n in CHANGES
        ],
        "school_stage_year": [
            {"school_code": _code(n), "year": 2008, "stage": "primary", "enrolment": 100,
             "teachers": 6, "teachers_above_std_qual": 5, "teachers_key": 1, "teachers_pe_art": 1}
            for n in CHANGES
        ],
        "school_year": [
            {"school_code": _code(n), "year": 2008, **{**GOOD, **change}}
            for n, change in CHANGES.items()
        ],
    })  # type: ignore[return-value]  # fmt: skip


def test_each_school_is_judged_with_its_evidence() -> None:
    results = compute_indicators(_tables(), indicator_ids=[STANDARD], school_level=True)  # type: ignore[arg-type]
    verdicts = {r.unit_code: r for r in results}
    assert {code: r.passed for code, r in verdicts.items()} == {
        _code(1): True, _code(2): True, _code(3): False, _code(4): False, _code(5): None
    }  # fmt: skip
    evidence = verdicts[_code(3)].evidence
    assert evidence is not None
    assert evidence["met"] == 6 and evidence["below_floor"] == ["balance2017_sports_area_per_student_primary"]  # fmt: skip
    assert evidence["values"]["balance2017_equipment_value_per_student_primary"] == 2500  # type: ignore[index]
    four = verdicts[_code(4)].evidence
    assert four is not None and four["met"] == 5 and four["below_floor"] == []
    missing = verdicts[_code(5)].evidence
    assert missing is not None
    assert missing["missing"] == ["balance2017_multimedia_classrooms_per_100_primary"]


def test_the_share_of_schools_meeting_it_without_school_results() -> None:
    results = compute_indicators(_tables(), indicator_ids=[SHARE])  # type: ignore[arg-type]
    by_unit = {r.unit_code: r for r in results}
    assert set(by_unit) == {"440100", "440103"}  # no school results unless asked for
    district = by_unit["440103"]
    assert (district.numerator, district.denominator, district.value) == (2, 4, 50)
    assert district.display == "50.00%"  # school 5 is not judged: left out


def test_the_sql_verdicts_are_the_evidence_verdicts() -> None:
    ids = [STANDARD, SHARE]
    results = compute_indicators(_tables(), indicator_ids=ids, school_level=True)  # type: ignore[arg-type]
    at_school = {
        (r.indicator, r.unit_code): r for r in results if r.unit_code.startswith("4401030")
    }
    for number in CHANGES:
        passed = at_school[(STANDARD, _code(number))].passed
        share = at_school.get((SHARE, _code(number)))
        expected = None if passed is None else 100.0 * passed
        assert (share.value if share else None) == expected, number


def _cv(indicator: str, unit: str, value: float | None) -> IndicatorResult:
    return IndicatorResult(indicator, unit, 2008, value, None, None, None)


def test_districts_passing_the_2012_composite_limit() -> None:
    catalogue = default_catalogue().indicators
    units = Units(
        level={o["code"]: o["level"] for o in ORG_UNITS},
        parent={o["code"]: o.get("parent_code") for o in ORG_UNITS},
    )
    composite = "balance2012_cv_composite_primary"
    cvs = [_cv(composite, "440103", 0.5), _cv(composite, "440104", 0.7), _cv(composite, "440105", None)]  # fmt: skip
    results = {r.key: r for r in cvs}
    verdicts = as_results(
        Compliance().derive(catalogue["balance2012_cv_passed_primary"], results, units), catalogue
    )
    assert {v.unit_code: v.passed for v in verdicts} == {"440103": True, "440104": False, "440105": None}  # fmt: skip
    assert verdicts[0].evidence == {"values": {composite: 0.5}, "thresholds": {composite: 0.65}}
    results.update((v.key, v) for v in verdicts)
    passing = Passing().derive(catalogue["balance2012_districts_passing_primary"], results, units)
    (city,) = as_results(passing, catalogue)
    assert (city.unit_code, city.value, city.denominator, city.notes) == ("440100", 1, 2, ("not_judged_1",))  # fmt: skip


def test_the_2017_limit_is_on_every_cv() -> None:
    test = default_catalogue().indicators["balance2017_cv_passed_junior"].test
    assert test is not None and test.rule == "at_most"
    assert len(test.indicators) == 7 and set(test.thresholds) == {0.45}


@pytest.mark.parametrize("stage", ["primary", "junior"])
def test_ids_of_the_issue_exist(stage: str) -> None:
    for prefix in ("balance2012_districts_passing_", "balance2017_districts_passing_"):
        assert default_catalogue().indicators[prefix + stage].levels == ("nation", "province", "city")  # fmt: skip
