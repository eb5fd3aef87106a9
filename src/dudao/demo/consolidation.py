"""School consolidation (布局调整): small schools closed and merged into schools that stay open."""

from __future__ import annotations

import random

from dudao.demo.geography import DISTRICT_BY_CODE
from dudao.demo.model import School
from dudao.demo.plan import MERGED_2006_2008, MERGED_2009, NEW_2009, OTHER_CLOSURES
from dudao.demo.schools import Register, open_schools

CLOSING_YEARS = (2006, 2007, 2007, 2008, 2008)  # most mergers came in the 创强 push of 2007-2008
MERGED_SIZE = 0.45  # the schools merged away were the small ones


def build_register(rng: random.Random) -> list[School]:
    """Every school of 2004-2009: open, closed, merged, and opened in 2009."""
    register = Register(rng)
    open_schools(register)
    _merged_in_period(register)
    _other_closures(register)
    _merged_in_2009(register)
    _opened_in_2009(register)
    _assign_hosts(register.schools, rng)
    return register.schools


def _merged_in_period(register: Register) -> None:
    for district_code, counts in MERGED_2006_2008.items():
        district = DISTRICT_BY_CODE[district_code]
        for column, count in counts.items():
            for _ in range(count):
                role = _closed_role(column, bool(district.towns))
                school = register.add(district, column, role=role, private=False)
                _close(school, register.rng.choice(CLOSING_YEARS), merged=True)


def _other_closures(register: Register) -> None:
    for closure in OTHER_CLOSURES:
        district = DISTRICT_BY_CODE[closure.district]
        for _ in range(closure.count):
            role = _closed_role(closure.school_type, bool(district.towns))
            school = register.add(district, closure.school_type, role=role, private=closure.private)
            school.opened = min(school.opened, closure.closed - 3)
            _close(school, closure.closed, merged=closure.merged)


def _merged_in_2009(register: Register) -> None:
    for district_code, count in MERGED_2009.items():
        villages = [
            s for s in register.schools
            if s.district == district_code and "village" in s.tags and s.closed is None
        ]  # fmt: skip
        for school in register.rng.sample(villages, count):
            _close(school, 2009, merged=True)


def _opened_in_2009(register: Register) -> None:
    for district_code, counts in NEW_2009.items():
        for column, count in counts.items():
            for _ in range(count):
                register.add(DISTRICT_BY_CODE[district_code], column, role="urban", opened=2009)


def _closed_role(column: str, has_towns: bool) -> str:
    if column == "218":
        return "teaching_point"
    return "village" if column == "211" and has_towns else ""


def _close(school: School, year: int, *, merged: bool) -> None:
    school.closed = year
    school.tags.add("merged" if merged else "closed")
    school.sizes = {stage: size * MERGED_SIZE for stage, size in school.sizes.items()}


def _assign_hosts(schools: list[School], rng: random.Random) -> None:
    """A merged school goes into a school of its town (else district) that covers its stages."""
    hosts: dict[str, list[tuple[School, set[str]]]] = {}
    for school in schools:  # hosts stay open to the end, and a teaching point hosts no one
        if school.closed is None and school.school_type != "218":
            hosts.setdefault(school.district, []).append((school, set(school.stages)))
    for school in schools:
        if "merged" not in school.tags:
            continue
        year, stages = school.closed or 0, set(school.stages)
        candidates = [
            h for h, taught in hosts[school.district] if h.opened < year and stages <= taught
        ]
        same_town = [h for h in candidates if h.org_code == school.org_code]
        pool = sorted(same_town or candidates, key=lambda h: -sum(h.sizes.values()))[:3]
        host = rng.choice(pool)
        school.merged_into = host.code
        host.tags.add("host")
