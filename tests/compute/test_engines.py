"""One definition, any engine: the whole catalogue on the seed city, DuckDB against Spark.

Spark runs in local mode, started by this module (about 15 s to start); the
comparison is one test so that under pytest-xdist only one worker starts it.
"""

from __future__ import annotations

import math
import shutil
import time
from collections.abc import Mapping

import pyarrow as pa
import pytest

from dudao.catalogue import default_catalogue
from dudao.compute import IndicatorResult, compute_indicators
from dudao.compute.engine import DuckDBEngine, open_engine
from dudao.compute.spark_sql import to_spark_sql
from dudao.demo import write_seed_city
from dudao.ingest import read_dataset

TOLERANCE = 1e-9
Key = tuple[str, str, str | None, int | None, tuple[int, int] | None]
java_missing = pytest.mark.skipif(
    shutil.which("java") is None, reason="Spark needs Java 17 (scripts/ensure-java installs it)"
)


@pytest.fixture(scope="module")
def seed_tables(tmp_path_factory: pytest.TempPathFactory) -> Mapping[str, pa.Table]:
    return read_dataset(write_seed_city(tmp_path_factory.mktemp("seed_city"))).tables


def by_key(results: list[IndicatorResult]) -> dict[Key, IndicatorResult]:
    keyed: dict[Key, IndicatorResult] = {
        (r.indicator, r.unit_code, r.scope, r.year, r.period): r for r in results
    }
    assert len(keyed) == len(results), "two results share one key"
    return keyed


def differences(duckdb: IndicatorResult, spark: IndicatorResult) -> list[str]:
    found = []
    for field in ("value", "numerator", "denominator"):
        a, b = getattr(duckdb, field), getattr(spark, field)
        same = (a is None and b is None) or (
            a is not None and b is not None and math.isclose(a, b, rel_tol=TOLERANCE, abs_tol=0)
        )
        if not same:
            found.append(f"{field}: duckdb {a!r}, spark {b!r}")
    return found


@java_missing
def test_the_whole_catalogue_is_equal_on_duckdb_and_spark(
    seed_tables: Mapping[str, pa.Table],
) -> None:
    started = time.perf_counter()
    on_duckdb = by_key(compute_indicators(seed_tables))
    duckdb_seconds = time.perf_counter() - started
    started = time.perf_counter()
    on_spark = by_key(compute_indicators(seed_tables, engine_name="spark"))
    spark_seconds = time.perf_counter() - started

    assert len(default_catalogue().indicators) > 0 and on_duckdb
    assert sorted(on_spark.keys() - on_duckdb.keys(), key=str) == []
    assert sorted(on_duckdb.keys() - on_spark.keys(), key=str) == []
    unequal = {
        key: found for key, r in on_duckdb.items() if (found := differences(r, on_spark[key]))
    }
    assert unequal == {}
    print(
        f"\nwhole catalogue on the seed city: DuckDB {duckdb_seconds:.2f} s, Spark {spark_seconds:.2f} s"
    )
    # Schools as units (a thousand times more results: three indicators, not all fifty)
    at_schools = {"school_level": True, "indicator_ids": SCHOOL_LEVEL}
    schools_duckdb = by_key(compute_indicators(seed_tables, **at_schools))  # type: ignore[arg-type]
    schools_spark = by_key(compute_indicators(seed_tables, engine_name="spark", **at_schools))  # type: ignore[arg-type]
    assert schools_spark.keys() == schools_duckdb.keys()
    assert len(schools_duckdb) > 5000
    assert {
        k: f for k, r in schools_duckdb.items() if (f := differences(r, schools_spark[k]))
    } == {}


SCHOOL_LEVEL = [
    "student_teacher_ratio_primary",
    "teaching_room_area_per_student",
    "balance2017_key_teachers_per_100_junior",
]


def test_open_engine_names_the_engine(seed_tables: Mapping[str, pa.Table]) -> None:
    with open_engine("duckdb", default_catalogue(), seed_tables) as engine:
        assert isinstance(engine, DuckDBEngine)
        assert engine.run("SELECT COUNT(*) AS n FROM schools").column("n")[0].as_py() > 0
    with pytest.raises(ValueError, match="unknown engine 'oracle'"):
        open_engine("oracle", default_catalogue(), seed_tables)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("duckdb_sql", "spark_sql"),
    [
        (
            "SELECT GROUPING(a, b) AS g, GROUPING(a) AS h FROM t GROUP BY ROLLUP (a, b)",
            "SELECT GROUPING_ID(a, b) AS g, GROUPING(a) AS h FROM t GROUP BY ROLLUP (a, b)",
        ),
        ("SELECT QUANTILE_CONT(x, 0.25) AS q FROM t", "SELECT PERCENTILE(x, 0.25) AS q FROM t"),
        (
            "SELECT QUANTILE_DISC(x, 0.5) AS q FROM t",
            "SELECT PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY x NULLS LAST) AS q FROM t",
        ),
        ("SELECT x / NULLIF(y, 0) AS r FROM t", "SELECT x / NULLIF(y, 0) AS r FROM t"),
    ],
)
def test_spark_sql_rewrites_what_spark_refuses(duckdb_sql: str, spark_sql: str) -> None:
    assert to_spark_sql(duckdb_sql) == spark_sql
