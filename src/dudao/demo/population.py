"""School-age population (适龄人口) by district; the city has no row of its own.

DATA.md (Aggregation): a unit without its own row sums its children. The city's
cohorts are therefore the sum of its districts', which exercises that rule.
"""

from __future__ import annotations

import random

from dudao.demo.allocation import allocate
from dudao.demo.geography import DISTRICTS, Zone
from dudao.demo.model import SCHOOL_YEARS, Row

AGE_BANDS = ("age_3_5", "age_6_11", "age_12_14", "age_15_17")

# The city's cohorts by year: small cohorts of the late 1990s moving up, births rising again.
CITY_COHORTS: dict[str, tuple[int, ...]] = {
    "age_3_5": (296_000, 303_000, 311_000, 320_000, 331_000, 342_000),
    "age_6_11": (705_000, 702_000, 700_000, 699_000, 700_000, 703_000),
    "age_12_14": (372_000, 370_000, 366_000, 362_000, 358_000, 353_000),
    "age_15_17": (380_000, 384_000, 386_000, 385_000, 381_000, 376_000),
}
ZONE_AGE_FACTOR = {
    Zone.CORE: 0.92,
    Zone.INNER: 1.05,
    Zone.OUTER: 1.0,
}  # the old city has fewer children


def city_cohort(band: str, year: int) -> int:
    return CITY_COHORTS[band][SCHOOL_YEARS.index(year)]


def population(rng: random.Random) -> dict[tuple[str, str, int], int]:
    """(district, band, year) -> persons; each year's districts sum to the city's cohort."""
    base = {
        d.code: d.population * ZONE_AGE_FACTOR[d.zone] * rng.uniform(0.95, 1.05) for d in DISTRICTS
    }
    drift = {
        d.code: rng.uniform(-0.01, 0.015) for d in DISTRICTS
    }  # growing suburbs, shrinking core
    cells: dict[tuple[str, str, int], int] = {}
    for band in AGE_BANDS:
        for year in SCHOOL_YEARS:
            weights = [base[d.code] * (1 + drift[d.code]) ** (year - 2008) for d in DISTRICTS]
            for district, persons in zip(
                DISTRICTS, allocate(city_cohort(band, year), weights), strict=True
            ):
                cells[district.code, band, year] = persons
    return cells


def population_rows(cells: dict[tuple[str, str, int], int]) -> list[Row]:
    rows: list[Row] = []
    for district in DISTRICTS:
        for year in SCHOOL_YEARS:
            row: Row = {"org_code": district.code, "year": year}
            rows.append(row | {band: cells[district.code, band, year] for band in AGE_BANDS})
    return rows
