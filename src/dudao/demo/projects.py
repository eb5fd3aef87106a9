"""Funded projects (projects): the rural strong-education drive and the foreign-language school.

The city and the districts funded the drive of 2006-2008 together (近50亿元:
the total stays a little below 50); a few projects of 2005 and 2009 and
projects of other kinds sit around it. The city and 南沙区 built the
foreign-language school in 2009 (3亿元). A project paid by two governments has
one row per funder.
"""

from __future__ import annotations

import random
from decimal import Decimal

from dudao.demo import calibration as target
from dudao.demo.allocation import allocate
from dudao.demo.geography import DISTRICTS, Zone
from dudao.demo.model import CONSOLIDATION, Row

CITY_SHARE = (0.3, 0.5)  # of each rural project; its district pays the rest
RURAL_WORKS = ("中心小学改扩建工程", "初级中学新建校舍工程", "学校运动场改造", "寄宿制学校建设", "学校教学设备配置")  # fmt: skip
BELOW_NEAR = (0.965, 0.985)  # "近50亿元": a few per cent short of 50
Work = tuple[str, int, str]  # funding district, year, project name


def project_rows(rng: random.Random) -> list[Row]:
    return _rural_drive(rng) + _foreign_language_school() + _other_kinds(rng)


def _rural_drive(rng: random.Random) -> list[Row]:
    works = [
        (d.code, year, f"{d.name}{rng.choice(d.towns or d.streets)}{name}")
        for d in DISTRICTS
        if d.zone is not Zone.CORE
        for year in range(CONSOLIDATION[0] - 1, CONSOLIDATION[1] + 2)
        for name in rng.sample(RURAL_WORKS, 3)
    ]
    in_period = [w for w in works if CONSOLIDATION[0] <= w[1] <= CONSOLIDATION[1]]
    wanted = round(float(target.RURAL_STRONG_EDUCATION_NEAR) * 10_000 * rng.uniform(*BELOW_NEAR))
    amounts = dict(
        zip(in_period, allocate(wanted, [rng.uniform(0.5, 1.5) for _ in in_period]), strict=True)
    )
    rows: list[Row] = []
    for number, work in enumerate(works, 1):
        amount = amounts.get(work) or rng.randint(3_000, 9_000)  # 2005 and 2009: outside the period
        city = round(amount * rng.uniform(*CITY_SHARE))
        rows += _co_funded(
            f"CQ{work[1]}-{number:03d}", work, "rural_strong_education", (city, amount - city)
        )
    return rows


def _foreign_language_school() -> list[Row]:
    total = round(float(target.FOREIGN_LANGUAGE_SCHOOL) * 10_000)
    work = ("440115", 2009, "广州市外国语学校建设")
    return _co_funded(
        "WGY2009-001", work, "foreign_language_school", (total * 2 // 3, total - total * 2 // 3)
    )


def _other_kinds(rng: random.Random) -> list[Row]:
    """教育e时代 and new schools in the same years: kinds the figures must leave out."""
    rows: list[Row] = []
    for year in range(CONSOLIDATION[0], CONSOLIDATION[1] + 2):
        ict, new = rng.randint(8_000, 15_000), rng.randint(20_000, 40_000)
        rows.append(_row(f"ICT{year}-001", target.CITY, year, "教育e时代工程", "ict", ict))
        rows.append(_row(f"NEW{year}-001", "440113", year, "番禺区新建学校", "new_school", new))
    return rows


def _co_funded(project: str, work: Work, kind: str, amounts: tuple[int, int]) -> list[Row]:
    district, year, name = work
    city, local = amounts
    return [
        _row(project, target.CITY, year, name, kind, city),
        _row(project, district, year, name, kind, local),
    ]


def _row(project: str, org: str, year: int, name: str, kind: str, amount: int) -> Row:
    return {"project_id": project, "org_code": org, "year": year, "name": name, "kind": kind, "investment": Decimal(amount)}  # fmt: skip
