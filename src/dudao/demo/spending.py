"""Spending by stage and pay (fiscal_year): operating expenditure, public funds, teachers' pay.

The own level (市本级) funds the city-run schools; districts fund their
county-run schools out of their education budget. Per-student amounts then
rise every year (two no-decrease rules) and teachers earn a little less than
civil servants in most districts (the seed's "教师工资待遇有待进一步落实").
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from dudao.demo import calibration as target
from dudao.demo.allocation import allocate_amount
from dudao.demo.geography import DISTRICTS, Zone
from dudao.demo.model import Row, School, count
from dudao.demo.stage_totals import STAGES

OPERATING_WEIGHT = {"preschool": 0.15, "primary": 0.55, "junior": 0.75, "senior": 0.95, "vocational": 0.9, "special": 2.8}  # 万元 per pupil, 2008  # fmt: skip
OWN_LEVEL_PREMIUM = 1.25  # city-run schools are funded above the districts' average
OPERATING_SHARE = Decimal("0.82")  # of a district's education budget
PUBLIC_FUNDS_SHARE = Decimal("0.2")
TEACHER_PAY = {Zone.CORE: 6.0, Zone.INNER: 5.2, Zone.OUTER: 4.3}  # 万元 a year, 2008
CIVIL_SERVANT_PAY = {Zone.CORE: 6.3, Zone.INNER: 5.3, Zone.OUTER: 4.7}
PAID_STAGES = ("primary", "junior", "senior")  # 中小学教师
PAY_FIELDS = (
    "teacher_pay_total",
    "teacher_pay_headcount",
    "civil_servant_pay_total",
    "civil_servant_headcount",
)
Fiscal = dict[tuple[str, int, str], Row]


def add_spending(fiscal: Fiscal, schools: list[School], stage_rows: dict[tuple[str, int, str], Row], rng: random.Random) -> None:  # fmt: skip
    funded = _funded_counts(schools, stage_rows)
    years = sorted({year for _, year, _ in fiscal})
    for district in DISTRICTS:
        for year in years:
            _district_operating(
                fiscal[district.code, year, "consolidated"], funded[district.code, year], rng
            )
    for year in years:
        _own_level_operating(fiscal, year, funded[target.CITY, year])
        _sum_into(
            fiscal,
            year,
            [f"edu_{kind}_{s}" for kind in ("operating", "public_funds") for s in STAGES],
        )
    _add_pay(fiscal, funded, rng)


def _district_operating(row: Row, funded: dict[str, int], rng: random.Random) -> None:
    """A district spends a fixed share of its education budget on its schools, by stage."""
    budget = _amount(row["edu_budget"]) * OPERATING_SHARE
    weights = [funded.get(s, 0) * OPERATING_WEIGHT[s] * rng.uniform(0.97, 1.03) for s in STAGES]
    _set_stages(row, allocate_amount(budget, weights))


def _own_level_operating(fiscal: Fiscal, year: int, funded: dict[str, int]) -> None:
    """The own level funds its schools per pupil, above the districts, growing with its budget."""
    own = fiscal[target.CITY, year, "own_level"]
    growth = _amount(own["edu_budget"]) / _amount(
        fiscal[target.CITY, 2008, "own_level"]["edu_budget"]
    )
    per_pupil = [
        Decimal(funded.get(s, 0) * OPERATING_WEIGHT[s] * OWN_LEVEL_PREMIUM) for s in STAGES
    ]
    _set_stages(own, [_tenth(amount * growth) for amount in per_pupil])


def _amount(value: object) -> Decimal:
    assert isinstance(value, Decimal), value
    return value


def _funded_counts(schools: list[School], stage_rows: dict[tuple[str, int, str], Row]) -> dict[tuple[str, int], dict[str, int]]:  # fmt: skip
    """Pupils and paid teachers of the schools each budget funds: the city its own, districts theirs."""
    payer = {s.code: (target.CITY if s.sponsor == "city" else s.district) for s in schools if s.ownership == "public" and s.sponsor in ("city", "county")}  # fmt: skip
    counts: dict[tuple[str, int], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for (code, year, stage), row in stage_rows.items():
        if code in payer:
            counts[payer[code], year][stage] += count(row, "enrolment")
            counts[payer[code], year]["teachers"] += (
                count(row, "teachers") if stage in PAID_STAGES else 0
            )
    return counts


def _set_stages(row: Row, operating: list[Decimal]) -> None:
    for stage, amount in zip(STAGES, operating, strict=True):
        row[f"edu_operating_{stage}"] = amount
        row[f"edu_public_funds_{stage}"] = _tenth(amount * PUBLIC_FUNDS_SHARE)


def _sum_into(fiscal: Fiscal, year: int, fields: Iterable[str]) -> None:
    """The consolidated city is its own level plus its districts."""
    parts = [fiscal[target.CITY, year, "own_level"]] + [
        fiscal[d.code, year, "consolidated"] for d in DISTRICTS
    ]
    city = fiscal[target.CITY, year, "consolidated"]
    for field in fields:
        city[field] = sum(v for part in parts if isinstance(v := part[field], int | Decimal))


def _add_pay(
    fiscal: Fiscal, funded: dict[tuple[str, int], dict[str, int]], rng: random.Random
) -> None:
    zones = {d.code: d.zone for d in DISTRICTS} | {target.CITY: Zone.CORE}
    servants = {target.CITY: 20_000} | {d.code: round(d.population * 320) for d in DISTRICTS}
    parity = {code: (rng.uniform(0.93, 1.04), rng.uniform(0.95, 1.05)) for code in sorted(zones)}
    for (org, year, scope), row in fiscal.items():
        if (org, scope) != (target.CITY, "consolidated"):
            staff = round(servants[org] * 1.01 ** (year - 2008))
            row |= _pay(zones[org], funded[org, year]["teachers"], staff, parity[org], year)
    for year in sorted({year for _, year, _ in fiscal}):
        _sum_into(fiscal, year, PAY_FIELDS)


def _pay(zone: Zone, teachers: int, staff: int, parity: tuple[float, float], year: int) -> Row:
    """Teachers against local civil servants (两相当); pay rose about 8 % a year."""
    trend = 1.08 ** (year - 2008)
    return {
        "teacher_pay_total": _tenth(Decimal(teachers * TEACHER_PAY[zone] * parity[0] * trend)),
        "teacher_pay_headcount": teachers,
        "civil_servant_pay_total": _tenth(
            Decimal(staff * CIVIL_SERVANT_PAY[zone] * parity[1] * trend)
        ),
        "civil_servant_headcount": staff,
    }


def _tenth(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"))
