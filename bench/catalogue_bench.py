"""The whole catalogue at national scale, on Parquet: the engine against one scan and against pandas.

Each contender runs in its own fresh interpreter (`python -m bench.catalogue_bench
CONTENDER FOLDER`), which prints its best time and its peak resident memory as
JSON. The peak is the process's VmHWM: Linux carries getrusage's ru_maxrss across exec,
so under `make bench` every contender had reported at least its parent's 1.5 GB.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from bench import incremental, pandas_baseline, students
from bench.reads import (
    bytes_read,
    column_bytes,
    engine_columns,
    floor_sql,
    scan_connection,
    scan_sql,
    snapshot,
)
from dudao.catalogue import default_catalogue
from dudao.compute import RESULT_SCHEMA, compute_table
from dudao.compute.school_batches import school_batches

RUNS = 2


def _best(runs: int, work: Callable[[], object]) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        result = None  # the last run's result is let go first: the peak is one run's
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return min(times), result


def _columns(folder: Path) -> dict[str, list[str]]:
    """The columns the engine reads, found once by the parent (`columns`)."""
    return json.loads((folder / "columns.json").read_text())  # type: ignore[no-any-return]


def find_columns(folder: Path) -> dict[str, list[str]]:
    """Find the columns the engine's SQL reads, on one district's rows; saved as columns.json."""
    found = engine_columns(sample_district(folder))
    (folder / "columns.json").write_text(json.dumps(found))
    return found


def sample_district(folder: Path) -> dict[str, pa.Table]:
    """Every catalogue table of the first district, read with Parquet filters."""
    org_units = pq.read_table(folder / "org_units.parquet")
    district = next(c for c, lv in zip(org_units["code"].to_pylist(), org_units["level"].to_pylist(), strict=True) if lv == "district")  # fmt: skip
    schools = pq.read_table(folder / "schools.parquet", filters=[("org_code", "=", district)])
    codes = schools["school_code"].to_pylist()
    tables = {"org_units": org_units, "schools": schools}
    for path in folder.glob("*.parquet"):
        if path.stem in tables or path.stem == "students" or path.stem.startswith("results_"):
            continue
        names = pq.read_schema(path).names
        key, values = ("school_code", codes) if "school_code" in names else ("org_code", [district])
        tables[path.stem] = pq.read_table(path, filters=[(key, "in", values)])
    return incremental.district_subset(tables, district)


def scan(folder: Path) -> dict[str, object]:
    connection = scan_connection()
    wanted = _columns(folder)
    queries = scan_sql(folder, wanted)
    for table, sql in zip([t for t in wanted if (folder / f"{t}.parquet").exists()], queries, strict=True):  # fmt: skip
        _reads_the_values(connection, sql, folder / f"{table}.parquet", wanted[table])
    seconds, _ = _best(3, lambda: [connection.sql(q).fetchall() for q in queries])
    return {"seconds": seconds, "columns": sum(len(c) for c in wanted.values())}


def floor(folder: Path) -> dict[str, object]:
    """`floor_sql`'s queries, their results taken as Arrow tables: what no engine goes below."""
    connection = duckdb.connect()
    connection.execute("SET enable_progress_bar = false")
    queries = floor_sql(folder, _columns(folder))
    seconds, _ = _best(3, lambda: [connection.sql(q).to_arrow_table() for q in queries])
    return {"seconds": seconds}


def _reads_the_values(connection: duckdb.DuckDBPyConnection, sql: str, path: Path, names: list[str]) -> None:  # fmt: skip
    """A scan that reads less than its columns hold times something else (footer statistics)."""
    read, held = bytes_read(connection, sql), column_bytes(path, names)
    if read < 0.9 * held:
        raise AssertionError(f"the scan of {path.name} read {read:,} bytes of the {held:,} its columns hold")  # fmt: skip


def engine(folder: Path) -> dict[str, object]:
    """The columnar product (compute_table) on the Parquet snapshot, which the engine scans
    as it reads it (the scale path); its results are written as they are."""
    wanted = _columns(folder)
    seconds, results = _best(RUNS, lambda: compute_table(snapshot(folder, wanted)))
    pq.write_table(results, folder / "results_engine.parquet")  # type: ignore[arg-type]
    return {"seconds": seconds, "results": results.num_rows}  # type: ignore[attr-defined]


def engine_schools(folder: Path) -> dict[str, object]:
    """The schools' figures (schools as units), a batch of schools at a time, each batch
    written to Parquet as it comes: with `engine`, the catalogue at every level. One run."""
    started, results = time.perf_counter(), 0
    path = folder / "results_engine_schools.parquet"
    with pq.ParquetWriter(path, RESULT_SCHEMA) as writer:
        for batch in school_batches(snapshot(folder, _columns(folder))):
            writer.write_table(batch)
            results += batch.num_rows
    return {"seconds": time.perf_counter() - started, "results": results}


def engine_covered(folder: Path) -> dict[str, object]:
    """The engine on the indicators the pandas baseline computes: the like-for-like time."""
    wanted = _columns(folder)
    ids = [i.id for i in pandas_baseline.covered(default_catalogue())[0]]
    seconds, results = _best(RUNS, lambda: compute_table(snapshot(folder, wanted), indicator_ids=ids))  # fmt: skip
    return {"seconds": seconds, "results": results.num_rows, "indicators": len(ids)}  # type: ignore[attr-defined]


def pandas(folder: Path) -> dict[str, object]:
    wanted = _columns(folder)
    catalogue = default_catalogue()
    seconds, frame = _best(RUNS, lambda: pandas_baseline.compute(pandas_baseline.read_frames(folder, wanted), catalogue))  # fmt: skip
    frame.to_parquet(folder / "results_pandas.parquet")  # type: ignore[attr-defined]
    return {"seconds": seconds, "results": len(frame)}  # type: ignore[arg-type]


def students_scan(folder: Path) -> dict[str, object]:
    connection = scan_connection()
    sql = students.scan_sql(folder / "students.parquet")
    _reads_the_values(connection, sql, folder / "students.parquet", list(students.COLUMNS))
    seconds, _ = _best(3, lambda: connection.sql(sql).fetchall())
    return {"seconds": seconds}


def students_counts(folder: Path) -> dict[str, object]:
    connection = duckdb.connect()
    connection.execute("SET enable_progress_bar = false")
    sql = students.aggregation_sql(folder / "students.parquet")
    seconds, table = _best(RUNS, lambda: connection.sql(sql).to_arrow_table())
    return {"seconds": seconds, "results": table.num_rows}  # type: ignore[attr-defined]


CONTENDERS: dict[str, Callable[[Path], dict[str, object]]] = {
    "scan": scan,
    "floor": floor,
    "engine": engine,
    "engine_schools": engine_schools,
    "engine_covered": engine_covered,
    "pandas": pandas,
    "students_scan": students_scan,
    "students_counts": students_counts,
    "incremental": lambda folder: incremental.measure(folder, _columns(folder)),
}


def child() -> None:
    name, folder = sys.argv[1], Path(sys.argv[2])
    report = CONTENDERS[name](folder)
    status = Path("/proc/self/status").read_text()
    report["peak_mb"] = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024  # type: ignore[union-attr]
    print(json.dumps(report))


if __name__ == "__main__":
    child()
