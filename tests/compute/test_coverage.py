"""An org value summed from only some of the unit's children says how many reported.

The city 440100 has three districts and no population row of its own; in 2008 two
districts report their population aged 6-11 (so the city's ratio is partial), in 2007
the city reports its own row (a whole value: no note). Fiscal rows: 440104 reports no
regular revenue in 2008 (tests.compute.test_funding_kinds).
"""

from __future__ import annotations

from dudao.compute import compute_indicators
from tests.compute import test_funding_kinds
from tests.tables import arrow_tables

ORG_UNITS = [
    *test_funding_kinds.ORG_UNITS,
    {"code": "440105", "name": "海珠区", "level": "district", "parent_code": "440100"},
]


def _notes() -> dict[tuple[str, str, str | None, int | None], tuple[str, ...]]:
    tables = arrow_tables({
        "org_units": ORG_UNITS,
        "schools": [{"school_code": "4401030001", "org_code": "440103", "school_type": "211",
                     "name": "小学", "ownership": "public"}],
        "school_stage_year": [
            {"school_code": "4401030001", "year": year, "stage": "primary", "enrolment": 900}
            for year in (2007, 2008)
        ],
        "population_year": [
            {"org_code": "440100", "year": 2007, "age_6_11": 3000},
            {"org_code": "440103", "year": 2008, "age_6_11": 1000},
            {"org_code": "440104", "year": 2008, "age_6_11": 1000},
            {"org_code": "440105", "year": 2008},  # a row, but the field is not reported
        ],
        "fiscal_year": test_funding_kinds.FISCAL,
    })  # fmt: skip
    ids = ["ger_primary", "regular_revenue_growth", "edu_budget"]
    return {r.key: r.notes for r in compute_indicators(tables, indicator_ids=ids)}


def test_a_partial_sum_says_how_many_children_reported() -> None:
    notes = _notes()
    assert notes[("ger_primary", "440100", None, 2008)] == ("reported_2_of_3_children",)
    assert notes[("regular_revenue_growth", "440100", "consolidated", 2008)] == (
        "reported_1_of_3_children",
    )


def test_an_own_row_or_a_full_sum_has_no_note() -> None:
    notes = _notes()
    assert notes[("ger_primary", "440100", None, 2007)] == ()  # the city's own row
    assert notes[("ger_primary", "440103", None, 2008)] == ()
    assert notes[("edu_budget", "440100", "own_level", 2008)] == ()  # never summed
