"""Designations of areas (教育强市/强区/强镇) and honours of teachers (名师, 特级教师, 百千万).

All 12 districts were strong-education districts by December 2008 and five
passed re-evaluation in 2009; every town was a strong-education town by May
2009, 增城市's 小楼镇 and 正果镇 last. Teachers are placed by the town or
district of their school, as teacher microdata are not part of the seed.
"""

from __future__ import annotations

import random

from dudao.demo import calibration as target
from dudao.demo.geography import DISTRICTS, org_units
from dudao.demo.model import Row, School

EARLY_DISTRICTS = target.DISTRICT_REVIEWS_2009  # awarded first, re-evaluated in 2009
LAST_DISTRICTS = ("440183", "440184")  # December 2008
TOWNS_REVIEWED_2009 = 3  # towns that passed re-evaluation in 2009: not awards
CITY_FAMOUS_TEACHERS = 60  # city-level 名教师: a level the provincial figure leaves out


def org_events(rng: random.Random) -> list[Row]:
    events = [_org("440100", "strong_education_city", 2008, "awarded")]
    for district in DISTRICTS:
        year = 2008 if district.code in LAST_DISTRICTS else rng.randint(2004, 2005) if district.code in EARLY_DISTRICTS else rng.randint(2006, 2008)  # fmt: skip
        events += [_org(district.code, "strong_education_district", year - 1, "applied"), _org(district.code, "strong_education_district", year, "awarded")]  # fmt: skip
        if district.code in EARLY_DISTRICTS:
            events.append(_org(district.code, "strong_education_district", 2009, "passed_review"))
    towns = [unit for unit in org_units() if unit.level == "town"]
    last = [t for t in towns if t.parent_code == "440183" and t.name in target.TOWNS_AWARDED_2009]
    for town in towns:
        year = 2009 if town in last else rng.randint(2004, 2008)
        events += [_org(town.code, "strong_education_town", year - 1, "applied"), _org(town.code, "strong_education_town", year, "awarded")]  # fmt: skip
    early = sorted(t.code for t in towns if t not in last)
    events += [_org(code, "strong_education_town", 2009, "passed_review") for code in rng.sample(early, TOWNS_REVIEWED_2009)]  # fmt: skip
    return events


def _org(code: str, kind: str, year: int, result: str) -> Row:
    return {"unit_kind": "org", "unit_code": code, "org_code": None, "kind": kind, "level": "provincial", "year": year, "result": result}  # fmt: skip


def teacher_events(schools: list[School], rng: random.Random) -> list[Row]:
    """Honours held in 2009 as the seed counts them, plus one revoked honour per kind."""
    secondary = [
        s for s in schools if s.closed is None and s.opened <= 2008 and s.is_primary_secondary()
    ]
    weights = [sum(s.sizes.values()) * (4 if "named" in s.tags else 1) for s in secondary]
    honours = (
        (
            "famous_principal_teacher",
            "provincial",
            target.PROVINCIAL_FAMOUS_PRINCIPALS_TEACHERS,
            (2004, 2009),
        ),
        ("famous_principal_teacher", "city", CITY_FAMOUS_TEACHERS, (2005, 2009)),
        ("special_grade_teacher", "provincial", target.SPECIAL_GRADE_TEACHERS, (1993, 2009)),
        ("talent_programme", "provincial", target.TALENT_PROGRAMME_TRAINEES, (2006, 2009)),
    )
    events: list[Row] = []
    serial = 0  # one id per honour: teachers are not identified across honours
    for kind, level, holders, years in honours:
        chosen = rng.choices(secondary, weights, k=holders + 1)
        for number, school in enumerate(chosen):
            serial += 1
            teacher = f"T{school.code}{serial:03d}"
            award = rng.randint(*years) if number < holders else years[0]
            events.append(_teacher(teacher, school, kind, level, award, "awarded"))
            if number == holders:  # the extra one lost the honour
                events.append(_teacher(teacher, school, kind, level, 2008, "revoked"))
    return events


def _teacher(teacher: str, school: School, kind: str, level: str, year: int, result: str) -> Row:
    return {"unit_kind": "teacher", "unit_code": teacher, "org_code": school.org_code, "kind": kind, "level": level, "year": year, "result": result}  # fmt: skip
