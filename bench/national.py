"""A synthetic national dataset in the exchange format, written as Parquet.

`python -m bench.national --out DIR [--schools N] [--students M] [--years Y]`.
Defaults are the national scale (500,000 schools in ~2,800 districts, 10 years,
200 M student records) times BENCH_SCALE (an environment variable, default 1).
Every table is generated with numpy in chunks: memory stays bounded at any size.
"""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dudao.catalogue import arrow_schema, default_catalogue

SCHOOLS, STUDENTS, DISTRICTS, CITIES, PROVINCES, YEARS = 500_000, 200_000_000, 2_800, 355, 31, 10
FIRST_YEAR = 2015
NATION = "100000"
# School types with their share of China's schools and their stages (codes.yaml).
TYPES = {
    "111": (0.45, ("preschool",)),
    "211": (0.27, ("primary",)),
    "218": (0.10, ("primary",)),
    "311": (0.07, ("junior",)),
    "312": (0.03, ("primary", "junior")),
    "341": (0.012, ("junior", "senior")),
    "342": (0.015, ("senior",)),
    "345": (0.005, ("primary", "junior", "senior")),
    "361": (0.013, ("vocational",)),
    "511": (0.005, ("special",)),
}
STAGES = ("preschool", "primary", "junior", "senior", "vocational", "special")
# Median enrolment of a stage in a school, and that of a teaching point's primary stage.
MEDIAN_SIZE = {"preschool": 160, "primary": 600, "junior": 800, "senior": 1600, "vocational": 1300, "special": 120}  # fmt: skip
TEACHING_POINT_SIZE = 35


def scale() -> float:
    return float(os.environ.get("BENCH_SCALE", "1"))


@dataclass(frozen=True)
class Geography:
    codes: np.ndarray  # every org unit's code, nation first
    parents: np.ndarray
    levels: np.ndarray
    districts: np.ndarray  # district codes


@dataclass(frozen=True)
class Schools:
    codes: pa.Array
    district: np.ndarray  # index into Geography.districts
    types: np.ndarray
    table: pa.Table


def geography(rng: np.random.Generator, districts: int, cities: int) -> Geography:
    provinces = min(PROVINCES, cities)
    city_province = np.sort(np.concatenate([np.arange(provinces), rng.integers(0, provinces, cities - provinces)]))  # fmt: skip
    district_city = np.sort(np.concatenate([np.arange(cities), rng.integers(0, cities, districts - cities)]))  # fmt: skip
    province_codes = np.array([f"{11 + p}0000" for p in range(provinces)])
    city_codes = _children(province_codes, city_province, 2, 4)
    district_codes = _children(city_codes, district_city, 4, 6)
    codes = np.concatenate([[NATION], province_codes, city_codes, district_codes])
    parents = np.concatenate([[None], np.full(provinces, NATION), province_codes[city_province], city_codes[district_city]])  # fmt: skip
    levels = np.repeat(
        ["nation", "province", "city", "district"], [1, provinces, cities, districts]
    )
    return Geography(codes, parents, levels, district_codes)


def _children(parents: np.ndarray, parent_of: np.ndarray, start: int, end: int) -> np.ndarray:
    """Codes numbered 01, 02, … within each parent, in digits [start, end) of the parent's."""
    number = np.arange(len(parent_of)) - np.searchsorted(parent_of, parent_of) + 1
    return np.array([p[:start] + f"{n:02d}" + p[end:] for p, n in zip(parents[parent_of], number, strict=True)])  # fmt: skip


def schools(rng: np.random.Generator, geo: Geography, count: int) -> Schools:
    weights = rng.lognormal(0, 0.6, len(geo.districts))
    per_district = rng.multinomial(count - len(geo.districts), weights / weights.sum()) + 1
    district = np.repeat(np.arange(len(geo.districts)), per_district)
    number = np.arange(count) - np.repeat(np.cumsum(per_district) - per_district, per_district)
    codes = pc.binary_join_element_wise(
        pa.array(geo.districts[district]), pc.utf8_lpad(pa.array(number.astype(str)), 4, "0"), ""
    )
    shares = np.array([share for share, _ in TYPES.values()])
    types = np.array(list(TYPES))[rng.choice(len(TYPES), count, p=shares / shares.sum())]
    private = rng.random(count) < np.where(types == "111", 0.55, 0.08)
    senior = np.isin(types, ["342", "341", "361"])
    sponsor = np.where(senior & (rng.random(count) < 0.2), "city", "county")
    table = pa.table(
        {
            "school_code": codes,
            "name": pc.binary_join_element_wise("学校", codes, ""),
            "org_code": geo.districts[district],
            "school_type": types,
            "ownership": np.where(private, "private", "public"),
            "sponsor_level": sponsor,
            "urban_rural": rng.choice(["111", "121", "210", "220"], count),
            "opened": rng.integers(1950, FIRST_YEAR, count),
        }
    )
    return Schools(codes, district, types, _typed("schools", table))


def org_units(geo: Geography) -> pa.Table:
    table = pa.table(
        {"code": geo.codes, "name": [f"区划{c}" for c in geo.codes], "level": geo.levels,
         "parent_code": pa.array(geo.parents, pa.string())}
    )  # fmt: skip
    return _typed("org_units", table)


def _typed(table_id: str, table: pa.Table) -> pa.Table:
    """The catalogue's schema for the table: its columns in order, absent ones null."""
    schema = arrow_schema(default_catalogue().tables[table_id])
    columns = [
        table.column(f.name).cast(f.type)
        if f.name in table.column_names
        else pa.nulls(table.num_rows, f.type)
        for f in schema
    ]
    return pa.Table.from_arrays(columns, schema=schema)


def write(out: Path, schools_count: int, students_count: int, years: int, seed: int = 7) -> Path:
    """Write every table under `out` as `<table>.parquet`; return `out`."""
    from bench.national_years import write_yearly_tables
    from bench.students import write_students

    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    ratio = schools_count / SCHOOLS
    districts = max(1, min(round(DISTRICTS * ratio), schools_count))
    geo = geography(rng, districts, max(1, min(round(CITIES * ratio), districts)))
    school = schools(rng, geo, schools_count)
    pq.write_table(org_units(geo), out / "org_units.parquet")
    pq.write_table(school.table, out / "schools.parquet")
    stage_rows = write_yearly_tables(out, rng, geo, school, years)
    write_students(out / "students.parquet", rng, stage_rows, students_count, school.codes)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--schools", type=int, default=round(SCHOOLS * scale()))
    parser.add_argument("--students", type=int, default=round(STUDENTS * scale()))
    parser.add_argument("--years", type=int, default=YEARS)
    arguments = parser.parse_args()
    write(arguments.out, arguments.schools, arguments.students, arguments.years)


if __name__ == "__main__":
    main()
