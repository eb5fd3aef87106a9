"""Funded projects (projects) and school groupings (programmes).

Projects: the rural strong-education drive of 2006-2008, funded by the city
and the districts together (近50亿元), other projects around it, and the
foreign-language school built by the city and 南沙区 in 2009 (3亿元).
Programmes: 荔湾区's six school clusters of 2008, 越秀区's school districts,
and the city's pairing of a hundred schools in 2009 (百校扶百校).
"""

from __future__ import annotations

import random
from decimal import Decimal

from dudao.demo import calibration as target
from dudao.demo.allocation import allocate
from dudao.demo.geography import DISTRICTS, Zone
from dudao.demo.model import Row, School

CITY_SHARE = (0.3, 0.5)  # of each rural project, the rest paid by its district
RURAL_WORKS = (
    "中心小学改扩建工程",
    "初级中学新建校舍工程",
    "农村学校运动场改造",
    "寄宿制学校建设",
    "农村学校教学设备配置",
)


def project_rows(rng: random.Random) -> list[Row]:
    rows: list[Row] = []
    rural = [d for d in DISTRICTS if d.zone is not Zone.CORE]
    cells = [
        (d, year, work)
        for d in rural
        for year in (2005, 2006, 2007, 2008, 2009)
        for work in rng.sample(RURAL_WORKS, 3)
    ]
    in_period = [c for c in cells if 2006 <= c[1] <= 2008]
    wanted = round(
        float(target.RURAL_STRONG_EDUCATION_NEAR) * 10_000 * rng.uniform(0.965, 0.985)
    )  # 亿 -> 万元, "近"
    amounts = dict(
        zip(in_period, allocate(wanted, [rng.uniform(0.5, 1.5) for _ in in_period]), strict=True)
    )
    for number, (district, year, work) in enumerate(cells, 1):
        amount = amounts.get((district, year, work)) or rng.randint(
            3_000, 9_000
        )  # 2005 and 2009: outside the period
        project = f"CQ{year}-{number:03d}"
        city = round(amount * rng.uniform(*CITY_SHARE))
        rows.append(
            _project(
                project, target.CITY, year, f"{district.name}{work}", "rural_strong_education", city
            )
        )
        rows.append(
            _project(
                project,
                district.code,
                year,
                f"{district.name}{work}",
                "rural_strong_education",
                amount - city,
            )
        )
    rows += _other_projects(rng)
    return rows


def _other_projects(rng: random.Random) -> list[Row]:
    total = round(float(target.FOREIGN_LANGUAGE_SCHOOL) * 10_000)
    rows = [
        _project(
            "WGY2009-001",
            target.CITY,
            2009,
            "广州市外国语学校建设",
            "foreign_language_school",
            total * 2 // 3,
        ),
        _project(
            "WGY2009-001",
            "440115",
            2009,
            "广州市外国语学校建设",
            "foreign_language_school",
            total - total * 2 // 3,
        ),
    ]
    for year in (
        2006,
        2007,
        2008,
        2009,
    ):  # 教育e时代 and new schools: other kinds in the same years
        rows.append(
            _project(
                f"EDU{year}-ICT",
                target.CITY,
                year,
                "教育e时代工程",
                "ict",
                rng.randint(8_000, 15_000),
            )
        )
        rows.append(
            _project(
                f"NEW{year}-001",
                "440113",
                year,
                "番禺区新建学校工程",
                "new_school",
                rng.randint(20_000, 40_000),
            )
        )
    return rows


def _project(project: str, org: str, year: int, name: str, kind: str, amount: int) -> Row:
    return {
        "project_id": project,
        "org_code": org,
        "year": year,
        "name": name,
        "kind": kind,
        "investment": Decimal(amount),
    }


def programme_rows(schools: list[School], rng: random.Random) -> list[Row]:
    clustered: set[str] = set()
    rows = _groups(
        schools, ("school_cluster", "LW-ZT", "440103"), range(1, 7), (2008, 2009), clustered, rng
    )
    rows += _groups(
        schools, ("school_cluster", "LW-ZT", "440103"), range(7, 8), (2009,), clustered, rng
    )  # new in 2009
    rows += _groups(
        schools, ("school_district", "YX-XQ", "440104"), range(1, 9), (2007, 2008, 2009), set(), rng
    )
    return rows + _pairs(schools, rng)


def _groups(schools: list[School], programme: tuple[str, str, str], numbers: range, years: tuple[int, ...],
            taken: set[str], rng: random.Random) -> list[Row]:  # fmt: skip
    """Groups each led by a large school; a school belongs to one group of a programme."""
    kind, prefix, district = programme
    pool = [s for s in schools if s.district == district and s.ownership == "public" and s.code not in taken
            and all(s.is_compulsory(year) for year in (2007, 2008, 2009))]  # fmt: skip
    pool.sort(key=lambda s: -sum(s.sizes.values()))
    rows: list[Row] = []
    for number in numbers:
        lead = pool.pop(0)
        group = [lead] + [pool.pop(rng.randrange(len(pool))) for _ in range(rng.randint(3, 6))]
        taken.update(s.code for s in group)
        rows += [
            {"programme": kind, "group_id": f"{prefix}-{number:02d}", "school_code": s.code, "year": year, "role": "lead" if s is lead else "member"}
            for s in group
            for year in years
        ]  # fmt: skip
    return rows


def _pairs(schools: list[School], rng: random.Random) -> list[Row]:
    """百校扶百校 (2009): a school of the old city helps a rural one."""
    zone = {d.code: d.zone for d in DISTRICTS}
    public = [s for s in schools if s.is_compulsory(2009) and s.ownership == "public"]
    helpers = rng.sample([s for s in public if zone[s.district] is Zone.CORE], 100)
    rural = [
        s
        for s in public
        if zone[s.district] is Zone.OUTER and ("village" in s.tags or s.school_type == "311")
    ]
    helped = rng.sample(rural, 100)
    return [
        {
            "programme": "pairing",
            "group_id": f"BXFBX-{n:03d}",
            "school_code": school.code,
            "year": 2009,
            "role": role,
        }
        for n, pair in enumerate(zip(helpers, helped, strict=True), 1)
        for school, role in zip(pair, ("helper", "helped"), strict=True)
    ]
