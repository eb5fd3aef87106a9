"""The UIS net enrolment rule where the data split by sex (REFERENCES.md, UNESCO UIS).

District 440103: population 6-11 is 1000, 400 of them girls; pupils of official age
1010, 430 of them girls. Girls 430 / 400 = 1.075, boys 580 / 600 = 0.9667: the larger,
1.075, exceeds 1, so total, female and male are each divided by it:
total 101 % / 1.075 = 93.95 %, female 100 %, male 96.67 % / 1.075 = 89.92 %.
District 440104 has no split: the plain cap at 100 applies (1050 / 1000 -> 100 %).
"""

from __future__ import annotations

import pytest

from dudao.catalogue import default_catalogue
from dudao.compute import compute_indicators
from tests.tables import arrow_tables

ORG_UNITS = [
    {"code": "440100", "name": "广州市", "level": "city"},
    {"code": "440103", "name": "荔湾区", "level": "district", "parent_code": "440100"},
    {"code": "440104", "name": "越秀区", "level": "district", "parent_code": "440100"},
]
IDS = ["ner_primary", "ner_primary_female", "ner_primary_male"]


def _results() -> dict[tuple[str, str], tuple[float | None, tuple[str, ...]]]:
    tables = arrow_tables({
        "org_units": ORG_UNITS,
        "schools": [
            {"school_code": f"{org}0001", "org_code": org, "school_type": "211",
             "name": "小学", "ownership": "public"}
            for org in ("440103", "440104")
        ],
        "school_stage_year": [
            {"school_code": "4401030001", "year": 2008, "stage": "primary",
             "enrolment": 1020, "enrolment_official_age": 1010,
             "enrolment_official_age_female": 430},
            {"school_code": "4401040001", "year": 2008, "stage": "primary",
             "enrolment": 1060, "enrolment_official_age": 1050},
        ],
        "population_year": [
            {"org_code": "440103", "year": 2008, "age_6_11": 1000, "age_6_11_female": 400},
            {"org_code": "440104", "year": 2008, "age_6_11": 1000},
        ],
    })  # fmt: skip
    results = compute_indicators(tables, indicator_ids=IDS)
    return {(r.indicator, r.unit_code): (r.value, r.notes) for r in results}


def test_the_split_divides_every_rate_by_the_larger_sex_ratio() -> None:
    results = _results()
    largest = 430 / 400
    total, notes = results[("ner_primary", "440103")]
    assert total == pytest.approx(101 / largest) and "uis_sex_adjusted" in notes
    assert results[("ner_primary_female", "440103")][0] == pytest.approx(100)
    assert results[("ner_primary_male", "440103")][0] == pytest.approx(580 / 600 * 100 / largest)


def test_without_a_split_the_cap_applies() -> None:
    results = _results()
    assert results[("ner_primary", "440104")] == (100, ("capped",))
    assert ("ner_primary_female", "440104") not in results  # nothing reported: no figure


def test_the_city_sums_before_the_rule() -> None:
    # 440104 has no split: the city's female and male sums (row by row) cover 440103 only,
    # female 430 / 400 and male 580 / 600; the total keeps both districts
    results = _results()
    largest = 430 / 400
    assert results[("ner_primary", "440100")][0] == pytest.approx(2060 / 2000 * 100 / largest)


def test_the_rule_is_declared_for_both_stages() -> None:
    indicators = default_catalogue().indicators
    for stage in ("primary", "junior"):
        for suffix in ("", "_female", "_male"):
            assert indicators[f"ner_{stage}{suffix}"].uis_split is not None
