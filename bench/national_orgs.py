"""Org-level tables of the national dataset: population, org figures and fiscal figures.

Districts report every year. One city in ten also reports its own org_year row
(the own row wins over its districts', DATA.md Aggregation); cities and
provinces report their own fiscal rows, both scopes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from bench.national import STAGES, Geography, _typed

PRIMARY, JUNIOR, SENIOR, VOCATIONAL = (STAGES.index(s) for s in ("primary", "junior", "senior", "vocational"))  # fmt: skip


def write_org_tables(
    out: Path,
    rng: np.random.Generator,
    geo: Geography,
    totals: list[tuple[int, np.ndarray, np.ndarray]],
) -> None:
    population, org_year, fiscal = [], [], []
    cities = geo.codes[geo.levels == "city"]
    reporting = cities[rng.random(len(cities)) < 0.1]
    district_city = np.array([code[:4] + "00" for code in geo.districts])
    for year, enrolment, graduates in totals:
        population.append(_population(rng, geo.districts, enrolment, year))
        districts = _org_year(rng, geo.districts, graduates, year)
        org_year.append(districts)
        org_year.append(_own_rows(rng, districts, district_city, reporting))
        fiscal.append(_fiscal(rng, geo, enrolment, year))
    for table_id, parts in (("population_year", population), ("org_year", org_year), ("fiscal_year", fiscal)):  # fmt: skip
        pq.write_table(_typed(table_id, pa.concat_tables(parts)), out / f"{table_id}.parquet")


def _population(
    rng: np.random.Generator, districts: np.ndarray, enrolment: np.ndarray, year: int
) -> pa.Table:
    n = len(districts)
    columns: dict[str, object] = {"org_code": districts, "year": np.full(n, year)}
    for name, stages, low, high in (
        ("age_3_5", [0], 0.80, 1.05),
        ("age_6_11", [PRIMARY], 0.97, 1.04),
        ("age_12_14", [JUNIOR], 0.93, 1.02),
        ("age_15_17", [SENIOR, VOCATIONAL], 0.82, 0.95),
    ):
        people = np.rint(enrolment[:, stages].sum(axis=1) / rng.uniform(low, high, n) + 1)
        columns[name] = people.astype(np.int64)
        columns[f"{name}_female"] = rng.binomial(people.astype(np.int64), 0.47)
    return pa.table(columns)


def _org_year(
    rng: np.random.Generator, districts: np.ndarray, graduates: np.ndarray, year: int
) -> pa.Table:
    n = len(districts)
    seniors = graduates[:, SENIOR].astype(np.int64)
    candidates = rng.binomial(seniors, 0.97)
    vocational = graduates[:, VOCATIONAL].astype(np.int64)
    columns = {
        "org_code": districts,
        "year": np.full(n, year),
        "gaokao_candidates": candidates,
        "gaokao_admitted": rng.binomial(candidates, 0.8),
        "gaokao_top_band": rng.binomial(candidates, 0.04),
        "senior_grads_to_higher": rng.binomial(seniors, 0.78),
        "vocational_grads": vocational,
        "vocational_grads_employed": rng.binomial(vocational, 0.95),
        "rural_labour_trained": rng.integers(0, 20_000, n),
        "migrant_worker_schools": rng.integers(0, 30, n),
        "migrant_worker_trainees": rng.integers(0, 50_000, n),
        "fibre_km": rng.uniform(10, 500, n),
    }
    return _typed("org_year", pa.table(columns))


def _own_rows(
    rng: np.random.Generator, districts: pa.Table, district_city: np.ndarray, reporting: np.ndarray
) -> pa.Table:
    """Reporting cities' own rows: their districts' sums, give or take 1 %."""
    mask = np.isin(district_city, reporting)
    city = district_city[mask]
    codes, at = np.unique(city, return_inverse=True)
    columns: dict[str, object] = {"org_code": codes, "year": np.full(len(codes), districts.column("year")[0].as_py())}  # fmt: skip
    for name in districts.column_names[2:]:
        values = np.bincount(at, weights=districts.column(name).to_numpy()[mask], minlength=len(codes))  # fmt: skip
        noisy = values * rng.uniform(0.99, 1.01, len(codes))
        columns[name] = noisy if name == "fibre_km" else np.rint(noisy).astype(np.int64)
    return _typed("org_year", pa.table(columns))


def _fiscal(rng: np.random.Generator, geo: Geography, enrolment: np.ndarray, year: int) -> pa.Table:
    """Both scopes for every district, city and province: amounts in 万元 from enrolment."""
    units = geo.codes[geo.levels != "nation"]
    pupils = dict(zip(geo.districts, enrolment.sum(axis=1), strict=True))
    size = np.array([pupils.get(u, 0.0) for u in units]) + 1_000
    rows = []
    for scope, share in (("consolidated", 1.0), ("own_level", 0.3)):
        n = len(units)
        amount = size * share * rng.uniform(0.8, 1.2, n)
        columns: dict[str, object] = {"org_code": units, "year": np.full(n, year), "scope": np.full(n, scope)}  # fmt: skip
        for field, per_pupil in (("fiscal_expenditure", 8.0), ("general_budget_expenditure", 7.0), ("regular_revenue", 6.0), ("gdp", 60.0), ("edu_budget", 1.4), ("edu_fiscal_total", 1.6)):  # fmt: skip
            columns[field] = amount * per_pupil * rng.uniform(0.95, 1.05, n)
        for stage in STAGES:
            columns[f"edu_operating_{stage}"] = amount * 0.2 * rng.uniform(0.5, 1.5, n)
            columns[f"edu_public_funds_{stage}"] = amount * 0.05 * rng.uniform(0.5, 1.5, n)
        headcount = np.rint(size * share / 15).astype(np.int64) + 1
        columns |= {"teacher_pay_total": headcount * 9.0, "teacher_pay_headcount": headcount,
                    "civil_servant_pay_total": headcount * 0.3 * 9.5, "civil_servant_headcount": np.rint(headcount * 0.3).astype(np.int64)}  # fmt: skip
        rows.append(_typed("fiscal_year", pa.table(columns)))
    return pa.concat_tables(rows)
