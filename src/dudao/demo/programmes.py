"""School groupings (programmes): 荔湾区's clusters, 越秀区's school districts, city pairings.

荔湾区 formed six school clusters (教育组团) led by well-known schools in
2008 and a seventh in 2009; 越秀区 ran eight school districts (学区) from
2007; in 2009 a hundred schools of the old city each paired with a rural
school (百校扶百校).
"""

from __future__ import annotations

import random

from dudao.demo import calibration as target
from dudao.demo.geography import DISTRICTS, Zone
from dudao.demo.model import Row, School

Group = tuple[str, str, str]  # programme, group id prefix, district


def programme_rows(schools: list[School], rng: random.Random) -> list[Row]:
    clusters: Group = ("school_cluster", "LW-ZT", "440103")
    clustered: set[str] = set()  # a school belongs to one cluster
    first = range(1, target.SCHOOL_CLUSTERS + 1)
    rows = _groups(schools, clusters, first, (2008, 2009), clustered, rng)
    rows += _groups(schools, clusters, range(first.stop, first.stop + 1), (2009,), clustered, rng)
    rows += _groups(
        schools, ("school_district", "YX-XQ", "440104"), range(1, 9), (2007, 2008, 2009), set(), rng
    )
    return rows + _pairs(schools, rng)


def _groups(schools: list[School], group: Group, numbers: range, years: tuple[int, ...],
            taken: set[str], rng: random.Random) -> list[Row]:  # fmt: skip
    """Groups each led by the largest school left; members drawn from the rest."""
    programme, prefix, district = group
    pool = [s for s in schools if s.district == district and s.ownership == "public" and s.code not in taken
            and all(s.is_compulsory(year) for year in (2007, 2008, 2009))]  # fmt: skip
    pool.sort(key=lambda s: (-sum(s.sizes.values()), s.code))
    rows: list[Row] = []
    for number in numbers:
        lead = pool.pop(0)
        members = [lead] + [pool.pop(rng.randrange(len(pool))) for _ in range(rng.randint(3, 6))]
        taken.update(s.code for s in members)
        for school in members:
            role = "lead" if school is lead else "member"
            rows += [
                _row(programme, f"{prefix}-{number:02d}", school.code, year, role) for year in years
            ]
    return rows


def _pairs(schools: list[School], rng: random.Random) -> list[Row]:
    zone = {d.code: d.zone for d in DISTRICTS}
    public = [s for s in schools if s.is_compulsory(2009) and s.ownership == "public"]
    helpers = rng.sample([s for s in public if zone[s.district] is Zone.CORE], 100)
    rural = [
        s
        for s in public
        if zone[s.district] is Zone.OUTER and ("village" in s.tags or s.school_type == "311")
    ]
    pairs = zip(helpers, rng.sample(rural, 100), strict=True)
    return [
        _row("pairing", f"BXFBX-{number:03d}", school.code, 2009, role)
        for number, pair in enumerate(pairs, 1)
        for school, role in zip(pair, ("helper", "helped"), strict=True)
    ]


def _row(programme: str, group: str, school: str, year: int, role: str) -> Row:
    return {
        "programme": programme,
        "group_id": group,
        "school_code": school,
        "year": year,
        "role": role,
    }
