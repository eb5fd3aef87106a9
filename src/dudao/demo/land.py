"""School sites: land and floor area, and how they grew in the 创强 years 2006-2008.

New land and floor area over [2006, 2008] (end of 2008 against end of 2005,
gains only, a new school counting whole) come to the seed's 570.7 and 236.9
万m²: new schools and the few sites that shrank are drawn first, then the rest
is apportioned over the schools that were extended. Kindergartens, vocational
and special schools keep their sites through the period, so the figure is the
same whether it is read over all schools or over 中小学 only.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from dudao.demo import calibration as target
from dudao.demo.allocation import allocate
from dudao.demo.geography import DISTRICT_BY_CODE, Zone
from dudao.demo.model import CONSOLIDATION, School

LAND_NORM = {
    "preschool": 10,
    "primary": 14,
    "junior": 20,
    "senior": 24,
    "vocational": 28,
    "special": 60,
}
FLOOR_NORM = {
    "preschool": 7,
    "primary": 6,
    "junior": 7.5,
    "senior": 9.5,
    "vocational": 11,
    "special": 22,
}
EXTENDED_SHARE = {Zone.CORE: 0.25, Zone.INNER: 0.45, Zone.OUTER: 0.55}
SHRUNK_SHARE = 0.03  # sites cut by road building: a loss the "added" figure ignores


@dataclass
class Site:
    land: int  # at the end of 2005, or when the school opened
    floor: int
    land_change: int = 0
    floor_change: int = 0
    changed_in: int = CONSOLIDATION[0]

    def land_in(self, year: int) -> int:
        return self.land + (self.land_change if year >= self.changed_in else 0)

    def floor_in(self, year: int) -> int:
        return self.floor + (self.floor_change if year >= self.changed_in else 0)


def plan_sites(
    schools: list[School], peak: dict[str, dict[str, int]], rng: random.Random
) -> dict[str, Site]:
    """School -> site; `peak` is each school's largest enrolment by stage, which sizes its site."""
    sites = {s.code: _site(s, peak[s.code], rng) for s in schools}
    extended = [
        s for s in schools if _extendable(s) and ("host" in s.tags or rng.random() < _share(s))
    ]
    codes = {s.code for s in extended}
    for school in schools:
        site = sites[school.code]
        site.changed_in = rng.randint(*CONSOLIDATION)
        if _extendable(school) and school.code not in codes and rng.random() < SHRUNK_SHARE:
            site.land_change = -round(site.land * rng.uniform(0.03, 0.1))
    _calibrate(schools, sites, extended, rng)
    return sites


def _site(school: School, peak: dict[str, int], rng: random.Random) -> Site:
    rural = (
        1.6
        if school.urban_rural >= "121"
        else 0.7
        if DISTRICT_BY_CODE[school.district].zone is Zone.CORE
        else 1.0
    )
    land = sum(LAND_NORM[stage] * pupils for stage, pupils in peak.items()) * rural
    floor = sum(FLOOR_NORM[stage] * pupils for stage, pupils in peak.items())
    smallest = (1200, 400) if school.school_type == "218" else (3000, 1500)
    return Site(
        max(smallest[0], round(land * rng.uniform(0.8, 1.25))),
        max(smallest[1], round(floor * rng.uniform(0.85, 1.2))),
    )


def _extendable(school: School) -> bool:
    return (
        school.is_primary_secondary()
        and school.opened < CONSOLIDATION[0]
        and school.is_open(CONSOLIDATION[1])
    )


def _share(school: School) -> float:
    return EXTENDED_SHARE[DISTRICT_BY_CODE[school.district].zone]


def _calibrate(
    schools: list[School], sites: dict[str, Site], extended: list[School], rng: random.Random
) -> None:
    first, last = CONSOLIDATION
    codes = {s.code for s in extended}
    standing = [s for s in schools if s.is_open(last) and s.code not in codes]
    for measure, printed in (
        ("land", target.LAND_AREA_ADDED),
        ("floor", target.BUILDING_AREA_ADDED),
    ):
        wanted = round(float(printed) * 10_000) + rng.randint(
            -40, 40
        )  # 万m² -> m², inside the rounding
        drawn = sum(_added(s, sites[s.code], measure, first - 1, last) for s in standing)
        weights = [getattr(sites[s.code], measure) * rng.uniform(0.3, 1.2) for s in extended]
        for school, gain in zip(extended, allocate(wanted - drawn, weights), strict=True):
            setattr(sites[school.code], f"{measure}_change", gain)


def _added(school: School, site: Site, measure: str, before: int, end: int) -> int:
    value_in = site.land_in if measure == "land" else site.floor_in
    if not school.is_open(before):
        return value_in(end)
    return max(0, value_in(end) - value_in(before))
