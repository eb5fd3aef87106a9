"""Area data by year (org_year): gaokao, progression to higher education, vocational
graduates' employment; training and the network come from outreach.py.

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
from dudao.demo.allocation import allocate
from dudao.demo.geography import DISTRICTS, Zone
from dudao.demo.model import SCHOOL_YEARS, Row, School, count
from dudao.demo.outreach import outreach_columns
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
ZONE_RESULTS = {Zone.CORE: 1.06, Zone.INNER: 1.0, Zone.OUTER: 0.93}
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
        _fill(districts, outreach_columns(year, rng))
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
    seniors = [graduates[d.code, year, "senior"] for d in DISTRICTS]
    candidates = [
        round(g * rng.uniform(1.1, 1.18)) for g in seniors
    ]  # repeaters and 3+证书 sit too
    results = [ZONE_RESULTS[d.zone] * rng.uniform(0.97, 1.03) for d in DISTRICTS]
    admitted, to_higher, top_band = _city_results(year, sum(candidates), sum(seniors))
    top_weights = [c * ZONE_TOP_BAND[d.zone] for c, d in zip(candidates, DISTRICTS, strict=True)]
    columns = {
        "gaokao_candidates": candidates,
        "gaokao_admitted": allocate(admitted, _times(candidates, results), caps=candidates),
        "gaokao_top_band": allocate(top_band, top_weights),
        "senior_grads_to_higher": allocate(to_higher, _times(seniors, results), caps=seniors),
    }
    _fill(rows, columns)


def _city_results(year: int, candidates: int, seniors: int) -> tuple[int, int, int]:
    """Admitted, graduates entering higher education, top band: the seed's in 2008 and 2009."""
    index = SCHOOL_YEARS.index(year)
    province_top = PROVINCE_GAOKAO["gaokao_top_band"][index]
    if year == 2009:
        admitted = numerator_for(target.GAOKAO_PASS_RATE, candidates)
        top_band = numerator_for(target.TOP_BAND_SHARE_OF_PROVINCE, province_top)
    else:
        admitted, top_band = (
            round(candidates * PASS_RATE[index]),
            round(province_top * CITY_TOP_BAND_SHARE[index]),
        )
    to_higher = round(seniors * TO_HIGHER[index])
    if year == 2008:
        to_higher = numerator_for(target.SENIOR_TO_HIGHER, seniors)
    return admitted, to_higher, top_band


def _times(counts: list[int], factors: list[float]) -> list[float]:
    return [n * f for n, f in zip(counts, factors, strict=True)]


def _vocational(rows: list[Row], graduates: Graduates, year: int, rng: random.Random) -> None:
    finished = [graduates[d.code, year, "vocational"] for d in DISTRICTS]
    placement = [f * rng.uniform(0.97, 1.02) for f in finished]  # schools place graduates unevenly
    employed_total = round(sum(finished) * EMPLOYED[SCHOOL_YEARS.index(year)])
    employed = allocate(employed_total, placement, caps=finished)
    _fill(rows, {"vocational_grads": finished, "vocational_grads_employed": employed})


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
