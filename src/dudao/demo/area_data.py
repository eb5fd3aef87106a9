"""Area data by year (org_year): gaokao, progression to higher education, vocational
graduates' employment, rural and migrant-worker training, the education network.

Districts report; the city's own row is the sum of its districts, so either
reading of DATA.md (own row, else children) gives the same city value. The
province's own row holds its gaokao counts, the denominator of the city's
25 % share of the top band.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Mapping, Sequence
from decimal import Decimal

from dudao.demo import calibration as target
from dudao.demo.allocation import allocate, allocate_amount
from dudao.demo.geography import DISTRICTS, Zone
from dudao.demo.model import SCHOOL_YEARS, Row, School, count
from dudao.demo.rounding import numerator_for

PASS_RATE = (
    0.72,
    0.75,
    0.79,
    0.82,
    0.84,
    float(target.GAOKAO_PASS_RATE) / 100,
)  # 2009: "20年来的新高峰"
TO_HIGHER = (0.70, 0.73, 0.76, 0.79, float(target.SENIOR_TO_HIGHER) / 100, 0.83)
EMPLOYED = (0.93, 0.94, 0.95, 0.955, 0.9712, 0.9735)  # the seed: 96 % and more in 2008 and 2009
PROVINCE_GAOKAO = {"gaokao_candidates": (402_000, 458_000, 512_000, 547_000, 588_000, 615_000), "gaokao_admitted": (281_400, 329_800, 384_000, 421_200, 464_500, 498_200), "gaokao_top_band": (5_200, 5_450, 5_700, 5_980, 6_210, 6_472)}  # fmt: skip
CITY_TOP_BAND_SHARE = (0.21, 0.22, 0.22, 0.23, 0.24)  # 2004-2008; 2009 is the seed's 25 %
RURAL_LABOUR = {2004: 70_000, 2005: 80_000, 2006: 98_000, 2007: 121_000, 2009: 152_000}
MIGRANT_WORKERS = {2009: (2_150, 236_000)}  # schools, trainees; the programme began in 2008
FIBRE_KM = {2004: 1_800, 2005: 3_200, 2006: 5_600, 2007: 8_300, 2008: 11_200}
ZONE_RESULTS = {Zone.CORE: 1.06, Zone.INNER: 1.0, Zone.OUTER: 0.93}
ZONE_RURAL = {Zone.CORE: 0.0, Zone.INNER: 0.6, Zone.OUTER: 1.0}
ZONE_TOP_BAND = {Zone.CORE: 3.0, Zone.INNER: 1.0, Zone.OUTER: 0.5}
Graduates = dict[tuple[str, int, str], int]  # (district, year, stage) -> graduates


def area_rows(
    schools: list[School], stage_rows: dict[tuple[str, int, str], Row], rng: random.Random
) -> list[Row]:
    graduates = _graduates(schools, stage_rows)
    rows = [_province_row(year) for year in SCHOOL_YEARS]
    for year in SCHOOL_YEARS:
        districts: list[Row] = [{"org_code": d.code, "year": year} for d in DISTRICTS]
        _gaokao(districts, graduates, year, rng)
        _vocational(districts, graduates, year, rng)
        _training(districts, year, rng)
        rows += [_city_sum(districts, year), *districts]
    return rows


def _graduates(schools: list[School], stage_rows: dict[tuple[str, int, str], Row]) -> Graduates:
    district = {s.code: s.district for s in schools}
    sums: Graduates = defaultdict(int)
    for (code, year, stage), row in stage_rows.items():
        sums[district[code], year, stage] += count(row, "graduates")
    return sums


def _province_row(year: int) -> Row:
    row: Row = {"org_code": target.PROVINCE, "year": year}
    return row | {
        field: values[SCHOOL_YEARS.index(year)] for field, values in PROVINCE_GAOKAO.items()
    }


def _gaokao(rows: list[Row], graduates: Graduates, year: int, rng: random.Random) -> None:
    index = SCHOOL_YEARS.index(year)
    seniors = [graduates[d.code, year, "senior"] for d in DISTRICTS]
    candidates = [
        round(g * rng.uniform(1.1, 1.18)) for g in seniors
    ]  # repeaters and 3+证书 sit too
    results = [ZONE_RESULTS[d.zone] * rng.uniform(0.97, 1.03) for d in DISTRICTS]
    admitted_total = round(sum(candidates) * PASS_RATE[index])
    to_higher_total = round(sum(seniors) * TO_HIGHER[index])
    province_top = PROVINCE_GAOKAO["gaokao_top_band"][index]
    top_total = round(province_top * CITY_TOP_BAND_SHARE[index]) if year < 2009 else numerator_for(target.TOP_BAND_SHARE_OF_PROVINCE, province_top)  # fmt: skip
    if year == 2009:
        admitted_total = numerator_for(target.GAOKAO_PASS_RATE, sum(candidates))
    if year == 2008:
        to_higher_total = numerator_for(target.SENIOR_TO_HIGHER, sum(seniors))
    columns = {
        "gaokao_candidates": candidates,
        "gaokao_admitted": allocate(admitted_total, [c * r for c, r in zip(candidates, results, strict=True)], caps=candidates),
        "gaokao_top_band": allocate(top_total, [c * ZONE_TOP_BAND[d.zone] for c, d in zip(candidates, DISTRICTS, strict=True)]),
        "senior_grads_to_higher": allocate(to_higher_total, [g * r for g, r in zip(seniors, results, strict=True)], caps=seniors),
    }  # fmt: skip
    _fill(rows, columns)


def _vocational(rows: list[Row], graduates: Graduates, year: int, rng: random.Random) -> None:
    finished = [graduates[d.code, year, "vocational"] for d in DISTRICTS]
    placement = [
        f * rng.uniform(0.97, 1.02) for f in finished
    ]  # schools differ in placing their graduates
    employed = allocate(
        round(sum(finished) * EMPLOYED[SCHOOL_YEARS.index(year)]), placement, caps=finished
    )
    _fill(rows, {"vocational_grads": finished, "vocational_grads_employed": employed})


def _training(rows: list[Row], year: int, rng: random.Random) -> None:
    rural = [d.population * ZONE_RURAL[d.zone] * rng.uniform(0.8, 1.2) for d in DISTRICTS]
    workers = [d.population * rng.uniform(0.7, 1.3) for d in DISTRICTS]
    trained = RURAL_LABOUR.get(year) or round(
        float(target.RURAL_LABOUR_TRAINED) * 10_000
    ) + rng.randint(-3_000, 3_000)
    columns: dict[str, list[int] | list[Decimal]] = {
        "rural_labour_trained": allocate(trained, rural)
    }
    schools_trainees = MIGRANT_WORKERS.get(year) or (
        (1_940 + rng.randint(0, 45), round(float(target.MIGRANT_WORKER_TRAINEES) * 10_000) + rng.randint(-3_000, 3_000))
        if year == 2008 else None
    )  # fmt: skip
    if schools_trainees:
        columns["migrant_worker_schools"] = allocate(schools_trainees[0], workers)
        columns["migrant_worker_trainees"] = allocate(schools_trainees[1], workers)
    km = Decimal(
        FIBRE_KM.get(year) or Decimal(146_000 + rng.randint(0, 3_400)) / 10
    )  # 2009: "近15000公里"
    columns["fibre_km"] = allocate_amount(km, [d.population for d in DISTRICTS])
    _fill(rows, columns)


def _fill(rows: list[Row], columns: Mapping[str, Sequence[int | Decimal]]) -> None:
    for field, values in columns.items():
        for row, value in zip(rows, values, strict=True):
            row[field] = value


def _city_sum(districts: list[Row], year: int) -> Row:
    """The city's own row: the sum of its districts' rows."""
    city: Row = {"org_code": target.CITY, "year": year}
    for field in (f for f in districts[0] if f not in city):
        values = [row[field] for row in districts]
        city[field] = sum(v for v in values if isinstance(v, int | Decimal))
    return city
