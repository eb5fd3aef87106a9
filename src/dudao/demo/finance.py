"""Public finance and the education budget (fiscal_year), consolidated and own-level.

The city's consolidated education budget and its share of total expenditure,
and its own level's budget and share of general budget expenditure, print as
the seed's figures for 2006-2008, the own level's fall of 2007 included.
Districts hold the difference between the consolidated city and its own
level, so that the city's rows equal own level plus districts.
"""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

from dudao.demo import calibration as target
from dudao.demo.allocation import allocate_amount
from dudao.demo.geography import DISTRICTS, Zone
from dudao.demo.model import SCHOOL_YEARS, Row
from dudao.demo.rounding import denominator_for

# 亿元 and %, printed as the seed would; 2004, 2005 and 2009 lie outside the seed's text.
EDU_BUDGET = {"consolidated": {2004: "64.05", 2005: "73.51", **target.EDU_BUDGET_CONSOLIDATED, 2009: "140.26"},
              "own_level": {2004: "26.53", 2005: "28.97", **target.EDU_BUDGET_OWN_LEVEL, 2009: "43.20"}}  # fmt: skip
SHARE = {"consolidated": {2004: "19.10", 2005: "19.55", **target.EDU_SHARE_OF_EXPENDITURE, 2009: "21.30"},
         "own_level": {2004: "20.3", 2005: "20.7", **target.EDU_SHARE_OF_GENERAL_BUDGET_OWN_LEVEL, 2009: "20.1"}}  # fmt: skip
REGULAR_REVENUE = {"consolidated": (2_700_000, 3_050_000, 3_500_000, 4_077_500, 4_790_000, 5_300_000),
                   "own_level": (1_100_000, 1_220_000, 1_350_000, 1_512_000, 1_680_000, 1_800_000)}  # 万元  # fmt: skip
GDP = (44_500_000, 51_540_000, 60_740_000, 71_090_000, 82_160_000, 91_380_000)  # 万元
GENERAL_SHARE_OF_TOTAL = Decimal("0.9")  # general budget within total fiscal expenditure
FISCAL_EDU_MARKUP = {
    "consolidated": Decimal("1.21"),
    "own_level": Decimal("1.12"),
}  # 教育费附加 etc.
FISCAL_CAPACITY = {Zone.CORE: 1.5, Zone.INNER: 1.0, Zone.OUTER: 0.7}
ECONOMY = {Zone.CORE: 2.0, Zone.INNER: 1.1, Zone.OUTER: 0.7}
BUDGET_FIELDS = ("fiscal_expenditure", "general_budget_expenditure", "regular_revenue", "gdp", "edu_budget", "edu_fiscal_total")  # fmt: skip


def budget_lines(rng: random.Random) -> dict[tuple[str, int, str], Row]:
    """(org_code, year, scope) -> budget fields, for the city's two scopes and each district."""
    rows: dict[tuple[str, int, str], Row] = {}
    capacity = [d.population * FISCAL_CAPACITY[d.zone] * rng.uniform(0.85, 1.15) for d in DISTRICTS]
    economy = [d.population * ECONOMY[d.zone] * rng.uniform(0.85, 1.15) for d in DISTRICTS]
    for year in SCHOOL_YEARS:
        city = {scope: _city_lines(scope, year, rng) for scope in ("consolidated", "own_level")}
        for scope, lines in city.items():
            rows[target.CITY, year, scope] = _keys(target.CITY, year, scope) | lines
        districts = [_keys(d.code, year, "consolidated") for d in DISTRICTS]
        for field in BUDGET_FIELDS:
            rest = _amount(city["consolidated"][field]) - _amount(
                city["own_level"].get(field, Decimal(0))
            )
            weights = economy if field == "gdp" else [c * rng.uniform(0.9, 1.1) for c in capacity]
            parts = allocate_amount(rest, weights)
            for row, part in zip(districts, parts, strict=True):
                row[field] = part
        rows |= {(str(row["org_code"]), year, "consolidated"): row for row in districts}
    return rows


def _keys(org_code: str, year: int, scope: str) -> Row:
    return {"org_code": org_code, "year": year, "scope": scope}


def _city_lines(scope: str, year: int, rng: random.Random) -> Row:
    index = SCHOOL_YEARS.index(year)
    edu = _tenth(
        Decimal(EDU_BUDGET[scope][year]) * 10_000 + Decimal(rng.randint(-400, 400)) / 10
    )  # 亿 -> 万元
    share_base = denominator_for(SHARE[scope][year], Fraction(edu), step="0.1")
    lines: Row = {"edu_budget": edu, "regular_revenue": Decimal(REGULAR_REVENUE[scope][index])}
    if scope == "consolidated":  # the seed quotes the share of total expenditure for the city
        total = _decimal(share_base)
        lines |= {"fiscal_expenditure": total, "general_budget_expenditure": _tenth(total * GENERAL_SHARE_OF_TOTAL), "gdp": Decimal(GDP[index])}  # fmt: skip
    else:  # and the share of general budget expenditure for its own level
        general = _decimal(share_base)
        lines |= {"general_budget_expenditure": general, "fiscal_expenditure": _tenth(general / Decimal("0.87"))}  # fmt: skip
    lines["edu_fiscal_total"] = _tenth(edu * FISCAL_EDU_MARKUP[scope])
    return lines


def _amount(value: object) -> Decimal:
    assert isinstance(value, Decimal)
    return value


def _decimal(value: Fraction) -> Decimal:
    return _tenth(Decimal(value.numerator) / Decimal(value.denominator))


def _tenth(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"))
