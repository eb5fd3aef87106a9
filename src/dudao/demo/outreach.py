"""Beyond the schools (org_year): rural labour training, migrant workers' schools, the network.

2008: 14万 rural workers trained for work in the towns, 近2千 spare-time schools
on building sites and 20万 attendances of migrant workers; 2009: the education
network's 近15000 km of fibre. Totals sit inside the seed's rounding (and a
little short of a "近" figure); districts share them by their rural population,
their workforce and their size.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from decimal import Decimal

from dudao.demo import calibration as target
from dudao.demo.allocation import allocate, allocate_amount
from dudao.demo.geography import DISTRICTS, Zone

RURAL_LABOUR = {2004: 70_000, 2005: 80_000, 2006: 98_000, 2007: 121_000, 2009: 152_000}
MIGRANT_WORKERS = {2009: (2_150, 236_000)}  # schools, attendances; the programme began in 2008
FIBRE_KM = {2004: 1_800, 2005: 3_200, 2006: 5_600, 2007: 8_300, 2008: 11_200}
ZONE_RURAL = {Zone.CORE: 0.0, Zone.INNER: 0.6, Zone.OUTER: 1.0}  # the old city has no farmers


def outreach_columns(year: int, rng: random.Random) -> dict[str, Sequence[int | Decimal]]:
    """Field -> each district's value, in the order of DISTRICTS."""
    rural = [d.population * ZONE_RURAL[d.zone] * rng.uniform(0.8, 1.2) for d in DISTRICTS]
    workers = [d.population * rng.uniform(0.7, 1.3) for d in DISTRICTS]
    columns: dict[str, Sequence[int | Decimal]] = {
        "rural_labour_trained": allocate(_rural_labour(year, rng), rural),
        "fibre_km": allocate_amount(_fibre_km(year, rng), [d.population for d in DISTRICTS]),
    }
    migrant = _migrant_workers(year, rng)
    if migrant:  # not reported before the programme began
        columns["migrant_worker_schools"] = allocate(migrant[0], workers)
        columns["migrant_worker_trainees"] = allocate(migrant[1], workers)
    return columns


def _rural_labour(year: int, rng: random.Random) -> int:
    return RURAL_LABOUR.get(year) or _ten_thousands(target.RURAL_LABOUR_TRAINED) + rng.randint(
        -3_000, 3_000
    )


def _migrant_workers(year: int, rng: random.Random) -> tuple[int, int] | None:
    if year != 2008:
        return MIGRANT_WORKERS.get(year)
    schools = int(target.MIGRANT_WORKER_SCHOOLS_NEAR) - rng.randint(15, 60)  # "近2千所"
    return schools, _ten_thousands(target.MIGRANT_WORKER_TRAINEES) + rng.randint(-3_000, 3_000)


def _fibre_km(year: int, rng: random.Random) -> Decimal:
    if year in FIBRE_KM:
        return Decimal(FIBRE_KM[year])
    return Decimal(target.FIBRE_KM_NEAR) - Decimal(rng.randint(600, 4_000)) / 10  # "近15000公里"


def _ten_thousands(printed: str) -> int:
    """万人 -> persons."""
    return round(Decimal(printed) * 10_000)
