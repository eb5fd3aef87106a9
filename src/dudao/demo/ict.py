"""Computers and multimedia classrooms (教育e时代): 2008 calibrated over the 中小学.

Over primary and secondary schools (REFERENCES.md, school sets) in 2008 there
are 8.49 pupils per student computer, 1.03 teachers per teacher computer and
86 % of classrooms carry a multimedia platform. Other years follow each
school's 2008 equipment along the city's build-up of the network.
"""

from __future__ import annotations

import random
from fractions import Fraction

from dudao.demo import calibration as target
from dudao.demo.allocation import allocate
from dudao.demo.geography import DISTRICT_BY_CODE, Zone
from dudao.demo.model import School
from dudao.demo.rounding import denominator_for, numerator_for

BUILD_UP = {2004: 0.55, 2005: 0.63, 2006: 0.72, 2007: 0.84, 2008: 1.0, 2009: 1.08}
ZONE_EQUIPMENT = {Zone.CORE: 1.35, Zone.INNER: 1.0, Zone.OUTER: 0.8}
OTHER_SCHOOLS = {"preschool": 0.02, "vocational": 0.22, "special": 0.12}  # computers per pupil
BASIS = {"computers_students": "enrolment", "computers_teachers": "teachers", "multimedia_classrooms": "classrooms"}  # fmt: skip
Counts = dict[tuple[str, int], dict[str, int]]  # (school, year) -> enrolment, teachers, classrooms


def add_ict(rows: Counts, schools: list[School], rng: random.Random) -> None:
    """Adds computers_students, computers_teachers and multimedia_classrooms to every row."""
    equipped = {s.code: ZONE_EQUIPMENT[DISTRICT_BY_CODE[s.district].zone] * _kind(s) * rng.uniform(0.75, 1.25) for s in schools}  # fmt: skip
    general = {s.code for s in schools if s.is_primary_secondary()}
    stage_of = {s.code: s.stages[0] for s in schools}
    in_2008 = sorted(key for key in rows if key[1] == 2008 and key[0] in general)
    reference = _calibrate_2008(rows, in_2008, equipped)
    for (code, year), row in rows.items():
        if year == 2008 and code in general:
            continue
        ratios = reference.get(code) or _ratios(stage_of[code], equipped[code], code in general)
        scale = BUILD_UP[year]
        row["computers_students"] = round(row["enrolment"] * ratios[0] * scale)
        row["computers_teachers"] = round(row["teachers"] * ratios[1] * scale)
        row["multimedia_classrooms"] = min(
            row["classrooms"], round(row["classrooms"] * ratios[2] * scale)
        )


def _calibrate_2008(rows: Counts, keys: list[tuple[str, int]], equipped: dict[str, float]) -> dict[str, tuple[float, ...]]:  # fmt: skip
    """Apportions the 2008 totals; returns each school's equipment per pupil, teacher, classroom."""
    for field, total in _wanted_2008(rows, keys).items():
        weights = [rows[k][BASIS[field]] * _fill(equipped[k[0]], field) for k in keys]
        caps = [rows[k]["classrooms"] for k in keys] if field == "multimedia_classrooms" else None
        for key, part in zip(keys, allocate(total, weights, caps), strict=True):
            rows[key][field] = part
    return {k[0]: tuple(rows[k][f] / max(1, rows[k][b]) for f, b in BASIS.items()) for k in keys}


def _wanted_2008(rows: Counts, keys: list[tuple[str, int]]) -> dict[str, int]:
    """8.49 pupils per student computer, 1.03 teachers per teacher computer, 86 % multimedia."""
    pupils, teachers, classrooms = (sum(rows[k][basis] for k in keys) for basis in BASIS.values())
    return {
        "computers_students": int(denominator_for(target.STUDENTS_PER_COMPUTER, Fraction(pupils), scale=1)),
        "computers_teachers": int(denominator_for(target.TEACHERS_PER_COMPUTER, Fraction(teachers), scale=1)),
        "multimedia_classrooms": numerator_for(target.MULTIMEDIA_CLASSROOM_SHARE, classrooms),
    }  # fmt: skip


def _fill(equipped: float, field: str) -> float:
    """Multimedia platforms went everywhere in the 教育e时代 drive: they differ less than computers."""
    return equipped**0.35 if field == "multimedia_classrooms" else equipped


def _ratios(stage: str, equipped: float, general: bool) -> tuple[float, ...]:
    if general:  # merged before 2008: equipped like a poorly equipped school of 2008
        return (0.09 * equipped, 0.7 * equipped, 0.6 * min(1.0, equipped))
    return (OTHER_SCHOOLS[stage] * equipped, 0.5 * equipped, 0.5 * min(1.0, equipped))


def _kind(school: School) -> float:
    if school.school_type == "218":
        return 0.4  # teaching points: a few donated machines
    return 0.75 if school.ownership == "private" else 1.0
