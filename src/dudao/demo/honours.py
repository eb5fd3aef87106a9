"""Designations of areas (教育强市/强区/强镇) and honours of teachers (名师, 特级教师, 百千万).

All 12 districts were strong-education districts by December 2008 and five
passed re-evaluation in 2009; every town was a strong-education town by May
2009, 增城市's 小楼镇 and 正果镇 last. Teachers are placed by the town or
district of their school, as teacher microdata are not part of the seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from dudao.demo import calibration as target
from dudao.demo.geography import DISTRICTS, org_units
from dudao.demo.model import Row, School

EARLY_DISTRICTS = target.DISTRICT_REVIEWS_2009  # awarded first, re-evaluated in 2009
LAST_DISTRICTS = ("440183", "440184")  # December 2008
TOWNS_REVIEWED_2009 = 3  # towns that passed re-evaluation in 2009: not awards


@dataclass(frozen=True)
class Honour:
    kind: str
    level: str
    holders: int  # teachers holding it in 2009
    since: int  # the earliest award among them


HONOURS = (
    Honour(
        "famous_principal_teacher", "provincial", target.PROVINCIAL_FAMOUS_PRINCIPALS_TEACHERS, 2004
    ),
    Honour(
        "famous_principal_teacher", "city", 60, 2005
    ),  # a level the provincial figure leaves out
    Honour("special_grade_teacher", "provincial", target.SPECIAL_GRADE_TEACHERS, 1993),
    Honour("talent_programme", "provincial", target.TALENT_PROGRAMME_TRAINEES, 2006),
)


def org_events(rng: random.Random) -> list[Row]:
    events = [_org(target.CITY, "strong_education_city", 2008, "awarded")]
    for district in DISTRICTS:
        events += _district_events(district.code, rng)
    towns = [unit for unit in org_units() if unit.level == "town"]
    last = {
        t.code for t in towns if t.parent_code == "440183" and t.name in target.TOWNS_AWARDED_2009
    }
    for town in towns:
        year = 2009 if town.code in last else rng.randint(2004, 2008)
        events += [_org(town.code, "strong_education_town", year - 1, "applied"), _org(town.code, "strong_education_town", year, "awarded")]  # fmt: skip
    reviewed = rng.sample(sorted(t.code for t in towns if t.code not in last), TOWNS_REVIEWED_2009)
    return events + [
        _org(code, "strong_education_town", 2009, "passed_review") for code in reviewed
    ]


def _district_events(code: str, rng: random.Random) -> list[Row]:
    kind = "strong_education_district"
    if code in LAST_DISTRICTS:
        year = 2008
    else:
        year = rng.randint(2004, 2005) if code in EARLY_DISTRICTS else rng.randint(2006, 2008)
    events = [_org(code, kind, year - 1, "applied"), _org(code, kind, year, "awarded")]
    return events + ([_org(code, kind, 2009, "passed_review")] if code in EARLY_DISTRICTS else [])


def _org(code: str, kind: str, year: int, result: str) -> Row:
    return {"unit_kind": "org", "unit_code": code, "org_code": None, "kind": kind, "level": "provincial", "year": year, "result": result}  # fmt: skip


def teacher_events(schools: list[School], rng: random.Random) -> list[Row]:
    """Honours held in 2009 as the seed counts them, and one revoked honour of each."""
    pool = [
        s for s in schools if s.closed is None and s.opened <= 2008 and s.is_primary_secondary()
    ]
    weights = [sum(s.sizes.values()) * (4 if "named" in s.tags else 1) for s in pool]
    events: list[Row] = []
    for honour in HONOURS:
        chosen = rng.choices(pool, weights, k=honour.holders + 1)
        events += _honour_events(honour, chosen, len(events), rng)
    return events


def _honour_events(
    honour: Honour, schools: list[School], serial: int, rng: random.Random
) -> list[Row]:
    """One award per holder; the last teacher lost the honour in 2008. Ids are per honour."""
    events: list[Row] = []
    for number, school in enumerate(schools):
        teacher = f"T{school.code}{serial + number:04d}"
        if number < honour.holders:
            events.append(
                _teacher(teacher, school, honour, rng.randint(honour.since, 2009), "awarded")
            )
        else:
            events.append(_teacher(teacher, school, honour, honour.since, "awarded"))
            events.append(_teacher(teacher, school, honour, 2008, "revoked"))
    return events


def _teacher(teacher: str, school: School, honour: Honour, year: int, result: str) -> Row:
    return {"unit_kind": "teacher", "unit_code": teacher, "org_code": school.org_code, "kind": honour.kind, "level": honour.level, "year": year, "result": result}  # fmt: skip
