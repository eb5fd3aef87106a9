"""Each school's yearly conditions (school_year): site, equipment, books, ICT."""

from __future__ import annotations

import random
from collections import defaultdict
from decimal import Decimal

from dudao.demo.geography import DISTRICT_BY_CODE, Zone
from dudao.demo.ict import add_ict
from dudao.demo.land import Site, plan_sites
from dudao.demo.model import Row, School, count

# Per pupil in 2008: teaching equipment (万元, rising 10 % a year) and books (4 % a year).
PER_PUPIL = {"preschool": (0.05, 8), "primary": (0.12, 22), "junior": (0.18, 30), "senior": (0.3, 40), "vocational": (0.6, 35), "special": (0.5, 20)}  # fmt: skip
BROADBAND = {
    2004: 2,
    2005: 4,
    2006: 10,
    2007: 10,
    2008: 100,
    2009: 100,
}  # Mbps: the city network's build-up
StageKey = tuple[str, int, str]


def school_year_rows(
    schools: list[School], stage_rows: dict[StageKey, Row], rng: random.Random
) -> list[Row]:
    work = _workload(stage_rows, rng)
    sites = plan_sites(schools, _peaks(stage_rows), rng)
    add_ict(work, schools, rng)
    by_code = {s.code: s for s in schools}
    shares = {
        s.code: (rng.uniform(0.5, 0.62), rng.uniform(0.2, 0.35), rng.uniform(0.8, 1.25))
        for s in schools
    }
    return [
        _row(by_code[code], year, work[code, year], sites[code], shares[code])
        for code, year in sorted(work)
    ]


def _workload(
    stage_rows: dict[StageKey, Row], rng: random.Random
) -> dict[tuple[str, int], dict[str, int]]:
    """Per school and year: pupils, teachers, classrooms, and pupils by stage."""
    work: dict[tuple[str, int], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for (code, year, stage), row in stage_rows.items():
        cell = work[code, year]
        for field in ("enrolment", "teachers", "classes"):
            cell[field] += count(row, field)
        cell[stage] += count(row, "enrolment")
    spare = {code: rng.randint(0, 3) for code, _ in sorted(work)}
    for (code, _), cell in work.items():
        cell["classrooms"] = cell["classes"] + spare[code]
    return dict(work)


def _peaks(stage_rows: dict[StageKey, Row]) -> dict[str, dict[str, int]]:
    peaks: dict[str, dict[str, int]] = defaultdict(dict)
    for (code, _, stage), row in stage_rows.items():
        peaks[code][stage] = max(peaks[code].get(stage, 0), count(row, "enrolment"))
    return peaks


def _row(school: School, year: int, cell: dict[str, int], site: Site, shares: tuple[float, float, float]) -> Row:  # fmt: skip
    teaching, sports, wealth = shares
    equipment, books = _holdings(school, year, cell, wealth)
    land, floor = site.land_in(year), site.floor_in(year)
    return {
        "school_code": school.code, "year": year, "land_area": land, "building_area": floor,
        "teaching_room_area": round(floor * teaching), "sports_area": round(land * sports),
        "equipment_value": equipment, "books": books,
        "computers_students": cell["computers_students"], "computers_teachers": cell["computers_teachers"],
        "classrooms": cell["classrooms"], "multimedia_classrooms": cell["multimedia_classrooms"],
        "broadband_mbps": _broadband(school, year),
    }  # fmt: skip


def _holdings(
    school: School, year: int, cell: dict[str, int], wealth: float
) -> tuple[Decimal, int]:
    """Equipment value and books follow the pupils; the old city's schools are better stocked."""
    wealth *= 1.3 if DISTRICT_BY_CODE[school.district].zone is Zone.CORE else 1.0
    equipment = (
        sum(PER_PUPIL[s][0] * cell.get(s, 0) for s in school.stages) * wealth * 1.1 ** (year - 2008)
    )
    books = (
        sum(PER_PUPIL[s][1] * cell.get(s, 0) for s in school.stages)
        * wealth
        * 1.04 ** (year - 2008)
    )
    return Decimal(str(round(equipment, 1))), round(books)


def _broadband(school: School, year: int) -> int:
    if school.school_type == "218":
        return 2
    rural = year >= 2008 and DISTRICT_BY_CODE[school.district].zone is Zone.OUTER
    return BROADBAND[year] // 10 if rural else BROADBAND[year]
