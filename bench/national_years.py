"""The yearly tables of the national dataset: school stages, school conditions, org figures."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from bench.national import (
    FIRST_YEAR,
    MEDIAN_SIZE,
    STAGES,
    TEACHING_POINT_SIZE,
    TYPES,
    Geography,
    Schools,
    _typed,
)
from dudao.catalogue import arrow_schema, default_catalogue

GROWTH = np.array([1.03, 1.01, 1.01, 1.02, 0.98, 1.03])  # a year, by stage
DURATION = np.array([3, 6, 3, 3, 3, 9])
PUPILS_PER_TEACHER = np.array([14.0, 17.0, 13.0, 12.5, 19.0, 5.0])
CLASS_SIZE = np.array([30.0, 42.0, 47.0, 50.0, 42.0, 10.0])


@dataclass(frozen=True)
class StageRows:
    """One year's school × stage rows: what the student records are drawn from."""

    year: int
    school: np.ndarray  # index into Schools
    stage: np.ndarray  # index into STAGES
    enrolment: np.ndarray


def write_yearly_tables(
    out: Path, rng: np.random.Generator, geo: Geography, schools: Schools, years: int
) -> list[StageRows]:
    school, stage, base = _stage_base(rng, schools)
    stage_rows = []
    totals: list[
        tuple[int, np.ndarray, np.ndarray]
    ] = []  # per year: district × stage enrolment and graduates
    with (
        _writer(out, "school_stage_year") as stage_writer,
        _writer(out, "school_year") as year_writer,
    ):
        for offset in range(years):
            year = FIRST_YEAR + offset
            enrolment = np.maximum(1, np.rint(base * GROWTH[stage] ** offset * rng.lognormal(0, 0.05, len(base))))  # fmt: skip
            table = _stage_year(rng, schools, school, stage, enrolment.astype(np.int64), year)
            stage_writer.write_table(table)
            year_writer.write_table(_school_year(rng, schools, school, enrolment, year))
            stage_rows.append(StageRows(year, school, stage, enrolment.astype(np.int64)))
            at = schools.district[school] * len(STAGES) + stage
            sums = [np.bincount(at, weights=table.column(c).to_numpy(), minlength=len(geo.districts) * len(STAGES)).reshape(-1, len(STAGES)) for c in ("enrolment", "graduates")]  # fmt: skip
            totals.append((year, sums[0], sums[1]))
    from bench.national_orgs import write_org_tables

    write_org_tables(out, rng, geo, totals)
    return stage_rows


def _writer(out: Path, table_id: str) -> pq.ParquetWriter:
    schema = arrow_schema(default_catalogue().tables[table_id])
    return pq.ParquetWriter(out / f"{table_id}.parquet", schema)


def _stage_base(rng: np.random.Generator, schools: Schools) -> tuple[np.ndarray, ...]:
    """(school index, stage index, base-year enrolment) for every stage a school teaches."""
    stage_lists = {code: [STAGES.index(s) for s in stages] for code, (_, stages) in TYPES.items()}
    counts = np.array([len(stage_lists[t]) for t in schools.types])
    school = np.repeat(np.arange(len(schools.types)), counts)
    stage = np.concatenate([stage_lists[t] for t in schools.types]).astype(np.int64)
    median = np.array([MEDIAN_SIZE[s] for s in STAGES], dtype=float)[stage]
    median[schools.types[school] == "218"] = TEACHING_POINT_SIZE
    return school, stage, median * rng.lognormal(0, 0.7, len(stage))


def _binomial(rng: np.random.Generator, n: np.ndarray, p: float) -> np.ndarray:
    return rng.binomial(n, p)


def _stage_year(
    rng: np.random.Generator,
    schools: Schools,
    school: np.ndarray,
    stage: np.ndarray,
    enrolment: np.ndarray,
    year: int,
) -> pa.Table:
    n = len(stage)
    official = _binomial(rng, enrolment, 0.95)
    cohort = enrolment / DURATION[stage]
    classes = np.maximum(1, np.ceil(enrolment / CLASS_SIZE[stage])).astype(np.int64)
    large = _binomial(rng, classes, 0.06)
    teachers = np.maximum(1, np.rint(enrolment / PUPILS_PER_TEACHER[stage])).astype(np.int64)
    mid = _binomial(rng, teachers, 0.55)
    columns = {
        "school_code": schools.codes.take(pa.array(school)),
        "year": np.full(n, year),
        "stage": np.array(STAGES)[stage],
        "enrolment": enrolment,
        "enrolment_female": _binomial(rng, enrolment, 0.47),
        "enrolment_official_age": official,
        "enrolment_official_age_female": _binomial(rng, official, 0.47),
        "entrants": np.rint(cohort * rng.lognormal(0, 0.05, n)).astype(np.int64),
        "graduates": np.rint(cohort * rng.lognormal(0, 0.05, n)).astype(np.int64),
        "classes": classes,
        "classes_56_plus": large,
        "classes_66_plus": _binomial(rng, large, 0.3),
        "seats": np.rint(enrolment * rng.uniform(1.0, 1.2, n)).astype(np.int64),
        "teachers": teachers,
        "teachers_above_std_qual": _binomial(rng, teachers, 0.7),
        "teachers_mid_title": mid,
        "teachers_senior_title": _binomial(rng, mid, 0.3),
        "teachers_key": _binomial(rng, teachers, 0.1),
        "teachers_pe_art": _binomial(rng, teachers, 0.12),
        "migrant_enrolment": _binomial(rng, enrolment, 0.1),
        "special_needs_enrolment": _binomial(rng, enrolment, 0.004),
    }
    return _typed("school_stage_year", pa.table(columns))


def _school_year(
    rng: np.random.Generator, schools: Schools, school: np.ndarray, enrolment: np.ndarray, year: int
) -> pa.Table:
    pupils = np.bincount(school, weights=enrolment, minlength=len(schools.types))
    n = len(pupils)
    classrooms = np.maximum(1, np.rint(pupils / 40)).astype(np.int64)
    columns = {
        "school_code": schools.codes,
        "year": np.full(n, year),
        "land_area": pupils * rng.uniform(15, 30, n),
        "building_area": pupils * rng.uniform(6, 12, n),
        "teaching_room_area": pupils * rng.uniform(3, 6, n),
        "sports_area": pupils * rng.uniform(4, 10, n),
        "equipment_value": pupils * rng.uniform(0.05, 0.3, n),
        "books": np.rint(pupils * rng.uniform(15, 40, n)).astype(np.int64),
        "computers_students": np.rint(pupils * rng.uniform(0.05, 0.2, n)).astype(np.int64),
        "computers_teachers": np.rint(pupils * rng.uniform(0.03, 0.08, n)).astype(np.int64),
        "classrooms": classrooms,
        "multimedia_classrooms": rng.binomial(classrooms, 0.8),
        "broadband_mbps": rng.choice([100.0, 200.0, 500.0, 1000.0], n),
    }
    return _typed("school_year", pa.table(columns))
