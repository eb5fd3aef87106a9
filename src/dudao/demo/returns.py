"""The school returns by stage (school_stage_year): district totals apportioned to schools.

A school's share follows its size, its own trend, the pupils of schools merged
into it, and a first year at half strength. Teaching points have no graduates:
their pupils move on to the centre school before the last grade.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict

from dudao.demo.allocation import allocate
from dudao.demo.geography import DISTRICTS
from dudao.demo.model import SCHOOL_YEARS, Row, School
from dudao.demo.stage_totals import STAGES, StageTotal

MERGED_PUPILS_KEPT = 0.85  # most pupils of a merged school follow it to the host
CLASS_SIZE = {
    "preschool": 30,
    "primary": 44,
    "junior": 50,
    "senior": 51,
    "vocational": 45,
    "special": 10,
}
LARGE_CLASS_STAGES = ("primary", "junior", "senior")
Key = tuple[str, int, str]  # school_code, year, stage


def stage_rows(
    schools: list[School], totals: dict[Key, StageTotal], rng: random.Random
) -> dict[Key, Row]:
    """(school, year, stage) -> row, every count apportioned so that districts sum exactly."""
    absorbed = _absorbed(schools)
    rows: dict[Key, Row] = {}
    for district in DISTRICTS:
        local = [s for s in schools if s.district == district.code]
        for stage in STAGES:
            members = [s for s in local if stage in s.stages]
            traits = {s.code: _traits(s, stage, rng) for s in members}
            for year in SCHOOL_YEARS:
                open_now = [s for s in members if s.is_open(year)]
                total = totals[district.code, year, stage]
                weights = [_weight(s, stage, year, absorbed) for s in open_now]
                rows |= _apportion(open_now, weights, total, stage, year, traits)
    return dict(sorted(rows.items()))


def _absorbed(schools: list[School]) -> dict[str, list[School]]:
    by_host: dict[str, list[School]] = defaultdict(list)
    for school in schools:
        if school.merged_into:
            by_host[school.merged_into].append(school)
    return by_host


def _weight(school: School, stage: str, year: int, absorbed: dict[str, list[School]]) -> float:
    weight = school.sizes[stage] * (1 + school.growth) ** (year - 2008)
    if year == school.opened and year > SCHOOL_YEARS[0]:
        weight *= 0.5  # a new school starts with its first grades only
    for merged in absorbed.get(school.code, []):
        if merged.closed is not None and merged.closed <= year and stage in merged.stages:
            weight += (
                MERGED_PUPILS_KEPT * merged.sizes[stage] * (1 + merged.growth) ** (year - 2008)
            )
    return weight


def _traits(school: School, stage: str, rng: random.Random) -> dict[str, float]:
    """What stays fixed for a school over the years: class size, shares of girls and migrants."""
    migrant = (
        0.9
        if school.ownership == "private"
        else {"111": 0.3, "112": 0.35}.get(school.urban_rural, 0.1)
    )
    return {
        "class_size": CLASS_SIZE[stage]
        * (0.55 if school.school_type == "218" else rng.uniform(0.85, 1.12)),
        "female": rng.uniform(0.45, 0.49) if stage != "vocational" else rng.uniform(0.35, 0.6),
        "official_age": rng.uniform(0.9, 1.0) * (0.9 if school.ownership == "private" else 1.0),
        "migrant": min(0.98, migrant * rng.uniform(0.6, 1.3)),
        "large": rng.uniform(0.3, 1.2),
        "graduating": 0.0 if school.school_type == "218" else rng.uniform(0.93, 1.07),
    }


def _apportion(schools: list[School], weights: list[float], total: StageTotal, stage: str, year: int,
               traits: dict[str, dict[str, float]]) -> dict[Key, Row]:  # fmt: skip
    enrolment = allocate(total.enrolment, weights)
    entrants = allocate(total.entrants, weights, caps=enrolment)
    leaving = [
        w * traits[s.code]["graduating"] * (s.opened < year)
        for s, w in zip(schools, weights, strict=True)
    ]
    graduates = allocate(total.graduates, leaving, caps=enrolment)
    official: list[int | None] = [None] * len(schools)
    if total.official_age is not None:
        age_weights = [
            e * traits[s.code]["official_age"] for s, e in zip(schools, enrolment, strict=True)
        ]
        official = list(allocate(total.official_age, age_weights, caps=enrolment))
    rows: dict[Key, Row] = {}
    for i, school in enumerate(schools):
        counts = (enrolment[i], entrants[i], graduates[i], official[i])
        rows[school.code, year, stage] = _row(school, year, stage, counts, traits[school.code])
    return rows


def _row(school: School, year: int, stage: str, counts: tuple[int, int, int, int | None],
         trait: dict[str, float]) -> Row:  # fmt: skip
    enrolment, entrants, graduates, official = counts
    female = round(enrolment * trait["female"])
    row: Row = {"school_code": school.code, "year": year, "stage": stage, "enrolment": enrolment,
                "enrolment_female": female, "enrolment_official_age": official,
                "enrolment_official_age_female": None if official is None else min(official, round(official * trait["female"])),
                "entrants": entrants, "graduates": graduates}  # fmt: skip
    return row | _classes(enrolment, stage, year, trait) | _pupils(enrolment, stage, trait)


def _classes(enrolment: int, stage: str, year: int, trait: dict[str, float]) -> Row:
    classes = math.ceil(enrolment / trait["class_size"]) if enrolment else 0
    if stage not in LARGE_CLASS_STAGES:
        return {"classes": classes}
    pressure = (
        max(0.0, (trait["class_size"] - 44) / 30) * trait["large"] * (1 + 0.08 * (2008 - year))
    )
    large = min(classes, round(classes * pressure))
    return {"classes": classes, "classes_56_plus": large, "classes_66_plus": round(large * 0.2)}


def _pupils(enrolment: int, stage: str, trait: dict[str, float]) -> Row:
    if stage not in ("primary", "junior"):
        return {}
    return {
        "migrant_enrolment": round(enrolment * trait["migrant"]),
        "special_needs_enrolment": round(enrolment * 0.002 * trait["large"]),
    }
