"""Enrolment, entrants and graduates by stage: first the city's, calibrated, then each district's.

The city's totals follow the cohorts (population.py) and the seed's rates:
preschool enrolment is 108.88 % of the 3-5 cohort in 2008, junior entrants
99.76 % of primary graduates, senior and vocational entrants 91.26 % of junior
graduates split 5.4:4.6. Districts get shares by zone: the old city draws
pupils from the suburbs, most vocational places are there.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from dudao.demo import calibration as target
from dudao.demo.allocation import allocate
from dudao.demo.geography import DISTRICTS, Zone
from dudao.demo.model import SCHOOL_YEARS
from dudao.demo.population import city_cohort
from dudao.demo.rounding import numerator_for

STAGES = ("preschool", "primary", "junior", "senior", "vocational", "special")
COHORT = {"preschool": "age_3_5", "primary": "age_6_11", "junior": "age_12_14", "senior": "age_15_17", "vocational": "age_15_17"}  # fmt: skip
# enrolment per person of the cohort, 2004-2009 (2008 preschool and primary are calibrated)
ENROLMENT_RATE = {
    "preschool": (0.93, 0.96, 0.99, 1.03, 1.0888, 1.11),
    "primary": (0.985, 0.99, 0.995, 1.0, target.NER_PRIMARY_EXCESS, 1.005),  # official age only
    "junior": (1.03,) * 6,
    "senior": (0.39, 0.41, 0.43, 0.44, 0.45, 0.46),
    "vocational": (0.31, 0.33, 0.35, 0.37, 0.38, 0.39),
}
PRIMARY_TO_JUNIOR = {
    2004: 0.985,
    2005: 0.988,
    2006: 0.99,
    2007: 0.993,
    2009: 0.995,
}  # 2008: the seed's
SPECIAL_ENROLMENT = (3_100, 3_200, 3_320, 3_450, 3_600, 3_720)
PRIMARY_OFFICIAL_AGE_SHARE = 0.962
OFFICIAL_AGE_SHARE = {"preschool": 0.9, "junior": 0.93, "senior": 0.92, "vocational": 0.85}
ENTRANTS = {"preschool": 0.36, "primary": 0.175, "junior": 0.34, "senior": 0.34, "vocational": 0.345, "special": 0.12}  # fmt: skip
GRADUATES = {"preschool": 0.31, "primary": 0.17, "junior": 0.322, "senior": 0.31, "vocational": 0.29, "special": 0.09}  # fmt: skip
# Pupils per person of the district's cohort, relative to the city: the old city draws
# pupils from the suburbs, most senior and vocational places are there.
ZONE_DRAW = {
    Zone.CORE: {"preschool": 1.15, "primary": 1.03, "junior": 1.08, "senior": 1.3, "vocational": 1.55, "special": 1.5},
    Zone.INNER: {"preschool": 1.0, "primary": 1.0, "junior": 1.0, "senior": 0.95, "vocational": 0.85, "special": 0.9},
    Zone.OUTER: {"preschool": 0.9, "primary": 0.985, "junior": 0.95, "senior": 0.8, "vocational": 0.8, "special": 0.8},
}  # fmt: skip
SPREAD = {
    "preschool": 0.06,
    "primary": 0.01,
    "junior": 0.02,
    "senior": 0.06,
    "vocational": 0.08,
    "special": 0.1,
}


@dataclass(frozen=True)
class StageTotal:
    enrolment: int
    entrants: int
    graduates: int
    official_age: int | None


def city_totals() -> dict[tuple[str, int], StageTotal]:
    totals = {
        (stage, year): _uncalibrated(stage, year) for stage in STAGES for year in SCHOOL_YEARS
    }
    _calibrate_progression(totals)
    return totals


def _uncalibrated(stage: str, year: int) -> StageTotal:
    index = SCHOOL_YEARS.index(year)
    official_age: int | None
    if stage == "special":
        enrolment, official_age = SPECIAL_ENROLMENT[index], None
    elif stage == "primary":
        official_age = round(city_cohort("age_6_11", year) * ENROLMENT_RATE["primary"][index] + 0.5)
        enrolment = round(official_age / PRIMARY_OFFICIAL_AGE_SHARE)
    else:
        cohort = city_cohort(COHORT[stage], year)
        enrolment = round(cohort * ENROLMENT_RATE[stage][index])
        if stage == "preschool" and year == 2008:
            enrolment = numerator_for(target.GER_PRESCHOOL, cohort)
        official_age = round(enrolment * OFFICIAL_AGE_SHARE[stage])
    return StageTotal(
        enrolment,
        round(enrolment * ENTRANTS[stage]),
        round(enrolment * GRADUATES[stage]),
        official_age,
    )


def _calibrate_progression(totals: dict[tuple[str, int], StageTotal]) -> None:
    """Junior entrants follow primary graduates; 2008 prints the seed's rates, 2008-09 its 5.4:4.6."""
    for year in SCHOOL_YEARS:
        graduates = totals["primary", year].graduates
        entrants = round(graduates * PRIMARY_TO_JUNIOR.get(year, 0))
        if year == 2008:
            entrants = numerator_for(target.PRIMARY_TO_JUNIOR, graduates)
        _set_entrants(totals, "junior", year, entrants)
    upper = {
        2008: numerator_for(target.JUNIOR_TO_SENIOR, totals["junior", 2008].graduates),
        2009: totals["senior", 2009].entrants + totals["vocational", 2009].entrants,
    }
    for year, total in upper.items():
        general = numerator_for(target.GENERAL_VOCATIONAL_INTAKE, total, scale=10)
        _set_entrants(totals, "senior", year, general)
        _set_entrants(totals, "vocational", year, total - general)


def _set_entrants(
    totals: dict[tuple[str, int], StageTotal], stage: str, year: int, entrants: int
) -> None:
    old = totals[stage, year]
    totals[stage, year] = StageTotal(old.enrolment, entrants, old.graduates, old.official_age)


def district_totals(cohorts: dict[tuple[str, str, int], int], rng: random.Random) -> dict[tuple[str, int, str], StageTotal]:  # fmt: skip
    """(district, year, stage) -> totals that sum to the city's, in proportion to each district's cohort."""
    city = city_totals()
    result: dict[tuple[str, int, str], StageTotal] = {}
    for stage in STAGES:
        draw = {
            d.code: ZONE_DRAW[d.zone][stage] * rng.uniform(1 - SPREAD[stage], 1 + SPREAD[stage])
            for d in DISTRICTS
        }
        band = COHORT.get(stage, "age_6_11")
        for year in SCHOOL_YEARS:
            weights = [cohorts[d.code, band, year] * draw[d.code] for d in DISTRICTS]
            result |= _split(city[stage, year], weights, stage, year)
    return result


def _split(
    total: StageTotal, weights: list[float], stage: str, year: int
) -> dict[tuple[str, int, str], StageTotal]:
    enrolment = allocate(total.enrolment, weights)
    entrants = allocate(total.entrants, weights, caps=enrolment)
    graduates = allocate(total.graduates, weights, caps=enrolment)
    official = (
        allocate(total.official_age, enrolment, caps=enrolment)
        if total.official_age is not None
        else None
    )
    return {
        (d.code, year, stage): StageTotal(
            enrolment[i], entrants[i], graduates[i], official[i] if official else None
        )
        for i, d in enumerate(DISTRICTS)
    }
