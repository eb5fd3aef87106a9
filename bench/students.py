"""Student microdata: written in chunks from the school stage rows, and aggregated back.

The records are drawn from the latest years' enrolment (one year of the whole
country is ~200 M pupils), scaled to the number asked for. `student_id` is an
int64 here, not the exchange format's text: 200 M distinct strings would
only cost disk and generation time, and no count reads it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from bench.national_years import DURATION, StageRows
from dudao.catalogue import default_catalogue

CHUNK = 4_000_000  # records per row group
FIRST_AGE = np.array([3, 6, 12, 15, 15, 6])  # by stage index (bench.national.STAGES)
EPOCH = date(1970, 1, 1)
COLUMNS = ("school_code", "year", "stage", "grade", "sex", "birth_date", "migrant", "special_needs")  # fmt: skip
SCHEMA = pa.schema(
    [("student_id", pa.int64()), ("year", pa.int64()), ("school_code", pa.dictionary(pa.int32(), pa.string())),
     ("stage", pa.dictionary(pa.int8(), pa.string())), ("grade", pa.int64()),
     ("sex", pa.dictionary(pa.int8(), pa.string())), ("birth_date", pa.date32()),
     ("migrant", pa.bool_()), ("special_needs", pa.bool_())]
)  # fmt: skip


def write_students(
    path: Path, rng: np.random.Generator, years: list[StageRows], count: int, codes: pa.Array
) -> int:
    """Write about `count` records; return how many were written."""
    chosen, available = [], 0
    for rows in reversed(years):
        if available >= count:
            break
        chosen.append(rows)
        available += int(rows.enrolment.sum())
    factor = count / max(available, 1)
    written = 0
    with pq.ParquetWriter(path, SCHEMA) as writer:
        for rows in chosen:
            per_row = np.floor(rows.enrolment * factor + rng.random(len(rows.enrolment))).astype(np.int64)  # fmt: skip
            ends = np.cumsum(per_row)
            start = 0
            while start < len(per_row):
                stop = int(
                    np.searchsorted(ends, ends[start] - per_row[start] + CHUNK, side="right")
                )
                stop = max(stop, start + 1)
                table = _chunk(rng, rows, per_row, start, stop, codes, written)
                writer.write_table(table)
                written += table.num_rows
                start = stop
    return written


def _chunk(
    rng: np.random.Generator,
    rows: StageRows,
    per_row: np.ndarray,
    start: int,
    stop: int,
    codes: pa.Array,
    first_id: int,
) -> pa.Table:
    counts = per_row[start:stop]
    n = int(counts.sum())
    school = rows.school[start:stop]
    low, high = int(school.min()), int(school.max()) + 1
    stage = np.repeat(rows.stage[start:stop], counts)
    grade = 1 + np.floor(rng.random(n) * DURATION[stage]).astype(np.int64)
    # Age on 31 August of the school year: the official age of the grade, one in ten a year off.
    age = FIRST_AGE[stage] + grade - 1 + rng.choice([-1, 0, 0, 0, 0, 0, 0, 0, 0, 1], n)
    born = np.array([(date(rows.year - a - 1, 9, 1) - EPOCH).days for a in range(30)])
    birth = born[np.clip(age, 0, 29)] + rng.integers(0, 365, n)
    columns = [
        pa.array(np.arange(first_id, first_id + n)),
        pa.array(np.full(n, rows.year)),
        pa.DictionaryArray.from_arrays(
            pa.array(np.repeat(school - low, counts).astype(np.int32)), codes[low:high]
        ),
        pa.DictionaryArray.from_arrays(pa.array(stage.astype(np.int8)), pa.array(_stages())),
        pa.array(grade),
        pa.DictionaryArray.from_arrays(
            pa.array((rng.random(n) < 0.47).astype(np.int8)), pa.array(["male", "female"])
        ),
        pa.array(birth.astype(np.int32), pa.date32()),
        pa.array(rng.random(n) < 0.1),
        pa.array(rng.random(n) < 0.004),
    ]
    return pa.Table.from_arrays(columns, schema=SCHEMA)


def _stages() -> list[str]:
    from bench.national import STAGES

    return list(STAGES)


def aggregation_sql(path: Path) -> str:
    """The school_stage_year counts derived from the records, one row per school, year, stage."""
    official = " ".join(
        f"WHEN '{code.code}' THEN age BETWEEN {code.official_ages[0]} AND {code.official_ages[1]}"
        for code in default_catalogue().code_lists["stage"].codes
        if code.official_ages
    )
    return (
        "SELECT school_code, year, stage, COUNT(*) AS enrolment, "
        "COUNT(*) FILTER (WHERE sex = 'female') AS enrolment_female, "
        "COUNT(*) FILTER (WHERE official) AS enrolment_official_age, "
        "COUNT(*) FILTER (WHERE official AND sex = 'female') AS enrolment_official_age_female, "
        "COUNT(*) FILTER (WHERE grade = 1) AS entrants, "
        "COUNT(*) FILTER (WHERE migrant) AS migrant_enrolment, "
        "COUNT(*) FILTER (WHERE special_needs) AS special_needs_enrolment "
        f"FROM (SELECT *, COALESCE(CASE stage {official} END, FALSE) AS official FROM ("
        "SELECT school_code, year, stage, grade, sex, migrant, special_needs, "
        "year - YEAR(birth_date) - CAST(MONTH(birth_date) * 100 + DAY(birth_date) > 831 AS INTEGER) AS age "
        f"FROM read_parquet('{path}'))) GROUP BY school_code, year, stage"
    )


def scan_sql(path: Path) -> str:
    """One pass over the columns the aggregation reads."""
    touched = ", ".join(f"MIN({column})" for column in COLUMNS)
    return f"SELECT {touched} FROM read_parquet('{path}')"
