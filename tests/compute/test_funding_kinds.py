"""Amount, share, growth and compliance on a small city's fiscal rows, worked by hand.

The city 440100 has an own-level row and two districts; DATA.md: a consolidated
value is the unit's own row else its children's, an own-level value only ever
the unit's own row. The district 440104 reports no regular revenue in 2008.
"""

from __future__ import annotations

import pytest

from dudao.compute import IndicatorResult, compute_indicators
from dudao.compute.results import ResultKey
from tests.tables import arrow_tables

ORG_UNITS = [
    {"code": "440100", "name": "广州市", "level": "city"},
    {"code": "440103", "name": "荔湾区", "level": "district", "parent_code": "440100"},
    {"code": "440104", "name": "越秀区", "level": "district", "parent_code": "440100"},
]


def fiscal(org: str, year: int, scope: str, **amounts: float) -> dict[str, object]:
    return {"org_code": org, "year": year, "scope": scope, **amounts}


FISCAL = [
    # the city's consolidated rows are absent: its districts' rows are summed
    fiscal("440103", 2007, "consolidated", edu_budget=100, fiscal_expenditure=500, regular_revenue=1000),
    fiscal("440103", 2008, "consolidated", edu_budget=110, fiscal_expenditure=500, regular_revenue=1050),
    fiscal("440104", 2007, "consolidated", edu_budget=200, fiscal_expenditure=1000, regular_revenue=2000),
    fiscal("440104", 2008, "consolidated", edu_budget=260, fiscal_expenditure=1100),
    # own level: the city's own row only, never its districts' own rows
    fiscal("440100", 2007, "own_level", edu_budget=50, general_budget_expenditure=250, regular_revenue=400),
    fiscal("440100", 2008, "own_level", edu_budget=52, general_budget_expenditure=200, regular_revenue=500),
    fiscal("440103", 2008, "own_level", edu_budget=999),
]  # fmt: skip
IDS = [
    "edu_budget", "edu_share_of_expenditure", "edu_share_of_general_budget", "edu_budget_growth",
    "regular_revenue_growth", "three_growths_1", "two_rises_share", "no_decrease_budget",
]  # fmt: skip


Results = dict[ResultKey, IndicatorResult]


@pytest.fixture(scope="module")
def results() -> Results:
    tables = arrow_tables({"org_units": ORG_UNITS, "fiscal_year": FISCAL})
    return {r.key: r for r in compute_indicators(tables, indicator_ids=IDS)}


def value(results: Results, indicator: str, unit: str, scope: str, year: int) -> float | None:
    return results[(indicator, unit, scope, year)].value


def test_amounts_by_scope(results: Results) -> None:
    assert value(results, "edu_budget", "440100", "consolidated", 2008) == 370  # 110 + 260
    assert value(results, "edu_budget", "440100", "own_level", 2008) == 52  # not + 999
    assert value(results, "edu_budget", "440103", "own_level", 2008) == 999
    assert ("edu_budget", "440104", "own_level", 2008) not in results
    budget = results[("edu_budget", "440100", "consolidated", 2008)]
    assert budget.kind == "amount" and budget.display == "0.04亿元"


def test_shares_are_sums_over_sums(results: Results) -> None:
    share = results[("edu_share_of_expenditure", "440100", "consolidated", 2007)]
    assert (share.numerator, share.denominator) == (300, 1500)
    assert share.value == pytest.approx(20.0) and share.kind == "share"
    assert value(results, "edu_share_of_general_budget", "440100", "own_level", 2008) == 26.0
    assert value(results, "edu_share_of_general_budget", "440100", "consolidated", 2008) is None


def test_growth_compares_with_the_year_before(results: Results) -> None:
    growth = results[("edu_budget_growth", "440100", "consolidated", 2008)]
    assert growth.value == pytest.approx(370 / 300 * 100 - 100)  # 23.33
    assert (growth.numerator, growth.denominator) == (370, 300)
    assert value(results, "edu_budget_growth", "440100", "consolidated", 2007) is None
    assert value(results, "edu_budget_growth", "440100", "own_level", 2008) == pytest.approx(4.0)
    # 440104 reports no revenue in 2008: the city's revenue is 1050 alone, 1050/3000 - 1
    assert value(results, "regular_revenue_growth", "440100", "consolidated", 2008) == pytest.approx(-65.0)  # fmt: skip


def test_three_growths_fails_when_revenue_grows_faster(results: Results) -> None:
    own = results[("three_growths_1", "440100", "own_level", 2008)]
    # education +4 % against revenue +25 %
    assert own.kind == "compliance" and own.passed is False and own.value is None
    assert own.evidence == {
        "values": {"edu_budget_growth": pytest.approx(4.0), "regular_revenue_growth": pytest.approx(25.0)}
    }  # fmt: skip
    assert own.display == "未达标 failed"
    district = results[("three_growths_1", "440103", "consolidated", 2008)]
    assert district.passed is True  # +10 % against +20 %? no: 10 < 20


def test_a_missing_input_is_never_a_pass(results: Results) -> None:
    missing = results[("three_growths_1", "440104", "consolidated", 2008)]
    assert missing.passed is None
    assert missing.evidence is not None and missing.evidence["missing"] == [
        "regular_revenue_growth"
    ]
    first_year = results[("no_decrease_budget", "440100", "own_level", 2007)]
    assert first_year.passed is None
    assert first_year.evidence is not None and first_year.evidence["missing"] == ["edu_budget@2006"]
    record = missing.to_json()
    assert record["passed"] is None and record["evidence"] == missing.evidence


def test_two_rises_reads_the_share_that_is_reported(results: Results) -> None:
    consolidated = results[("two_rises_share", "440100", "consolidated", 2008)]
    # 370 / 1600 = 23.125 % against 20 %: rises, on the total-expenditure share
    assert consolidated.passed is True and consolidated.evidence is not None
    assert consolidated.evidence["used"] == "edu_share_of_expenditure"
    own = results[("two_rises_share", "440100", "own_level", 2008)]
    # no total expenditure at the own level: the general-budget share, 20 % -> 26 %
    assert own.passed is True and own.evidence is not None
    assert own.evidence["used"] == "edu_share_of_general_budget"


def test_no_decrease(results: Results) -> None:
    assert results[("no_decrease_budget", "440100", "own_level", 2008)].passed is True
    assert results[("no_decrease_budget", "440103", "own_level", 2008)].passed is None
