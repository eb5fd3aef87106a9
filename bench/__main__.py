"""`make bench`: each stage of the pipeline timed against a baseline measured in the same run.

Ratios, not absolute times, are what to compare between machines and runs.
"""

from __future__ import annotations

import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
from pyarrow import csv

from bench import national_report, rules_bench
from bench import report as report_bench
from bench import workflow as workflow_bench
from bench.assess import run as run_assess
from bench.returns import run as run_returns
from bench.scale import replicate
from bench.timing import Measurement, best_of
from dudao import store
from dudao.compute import compute_indicators
from dudao.demo import write_seed_city
from dudao.ingest import read_dataset

COPIES = 20  # cities for the compute benchmark: about a province


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        # First, while this process is small: a child's peak memory counts what it forked from.
        print(_demo(work).line(), flush=True)
        returns = write_seed_city(work / "returns")
        dataset = read_dataset(returns)
        rows = sum(table.num_rows for table in dataset.tables.values())
        for measurement in (
            _read(returns, rows),
            _import(dataset, work, rows),
            _compute(dataset.tables),
        ):
            print(measurement.line(), flush=True)
        report_bench.run(work / "report_section")  # the city duty report: docx, html, pdf
        print(rules_bench.load().line(), flush=True)  # issue 3: < 0.2 s more than without
        print(
            rules_bench.run(
                dataset, "read_dataset", best_of(1, lambda: read_dataset(returns))
            ).line()
        )
        run_assess(dataset.tables)  # scoring every framework vs computing what it reads
        run_returns(work / "returns_section")  # refusals; check and import against parse
        workflow_bench.run(work)  # kill -9 and approve/edit races at 10x the tests' size
        national_report.run(work)  # the whole catalogue at national scale (BENCH_SCALE)


def _read(returns: Path, rows: int) -> Measurement:
    seconds = best_of(3, lambda: read_dataset(returns))
    baseline = best_of(3, lambda: [csv.read_csv(path) for path in returns.glob("*.csv")])
    return Measurement("read CSV folder (checked, typed)", rows, seconds, "pyarrow.csv", baseline)


def _import(dataset: object, work: Path, rows: int) -> Measurement:
    store.setup(f"sqlite:///{work / 'store.sqlite3'}")
    seconds = best_of(1, lambda: store.import_dataset(dataset))  # type: ignore[arg-type]
    tables = dataset.tables  # type: ignore[attr-defined]
    records = [
        (table_id, index, str(row))
        for table_id, table in tables.items()
        for index, row in enumerate(table.to_pylist())
    ]

    def raw_insert() -> None:
        with sqlite3.connect(work / "raw.sqlite3") as connection:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=FULL")
            connection.execute("CREATE TABLE IF NOT EXISTS r (t TEXT, n INTEGER, v TEXT)")
            connection.executemany("INSERT INTO r VALUES (?, ?, ?)", records)

    baseline = best_of(1, raw_insert)
    return Measurement(
        "import into the store (SQLite)", rows, seconds, "sqlite3 executemany", baseline
    )


def _compute(tables: dict) -> Measurement:  # type: ignore[type-arg]
    province = replicate(tables, COPIES)
    rows = province["school_stage_year"].num_rows
    seconds = best_of(3, lambda: compute_indicators(province))

    def raw_sums() -> None:
        connection = duckdb.connect()
        connection.register("y", province["school_stage_year"])
        connection.sql(
            "SELECT year, stage, SUM(enrolment), SUM(entrants), SUM(graduates) "
            "FROM y GROUP BY year, stage"
        ).fetchall()

    baseline = best_of(3, raw_sums)
    return Measurement(
        f"compute enrolment, {COPIES} cities", rows, seconds, "DuckDB GROUP BY", baseline
    )


def _demo(work: Path) -> Measurement:
    """The whole `dudao demo`, against starting the command line alone."""
    startup = _run([sys.executable, "-m", "dudao", "--help"])  # first: peaks only grow
    demo = _run([sys.executable, "-m", "dudao", "demo", "--out", str(work / "demo")])
    print(f"{'dudao demo peak memory':<34} {demo[1]:>9,.0f} MB ({startup[1]:.0f} MB to start)")
    return Measurement("dudao demo, end to end", 0, demo[0], "dudao --help", startup[0])


def _run(command: list[str]) -> tuple[float, float]:
    """Seconds and peak resident memory (MB) of a command run in a child process."""
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(command, check=True, capture_output=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return time.perf_counter() - started, max(peak, before) / 1024


if __name__ == "__main__":
    main()
