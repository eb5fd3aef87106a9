"""The engine's SQL: time compute_indicators and each of its queries; compare results with a
saved run (every value, numerator and denominator equal within 1e-12 relative).

    python -m bench.engine_sql save BEFORE.pkl [FOLDER]     # FOLDER: a national dataset
    python -m bench.engine_sql compare BEFORE.pkl [FOLDER]  # (columns.json); default: the seed city

Times are the best of 2 runs; the per-query list is from the last run.
"""

from __future__ import annotations

import json
import math
import pickle
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa

from bench.reads import read_tables
from bench.timing import best_of
from dudao.compute import IndicatorResult, compute_indicators
from dudao.compute.engine import DuckDBEngine

Key = tuple[object, ...]
TOLERANCE = 1e-12


def load(folder: str | None) -> Mapping[str, pa.Table]:
    if folder is None:
        from dudao.demo import write_seed_city
        from dudao.ingest import read_dataset

        return read_dataset(write_seed_city(Path(tempfile.mkdtemp()))).tables
    path = Path(folder)
    return read_tables(path, json.loads((path / "columns.json").read_text()))


def timed_queries(
    tables: Mapping[str, pa.Table], school_level: bool
) -> tuple[list[IndicatorResult], list[tuple[float, float, int, str]]]:
    """One run's results, and (seconds, CPU seconds, rows out, SQL) of every query it ran."""
    seen: list[tuple[float, float, int, str]] = []
    run = DuckDBEngine.run
    materialize = getattr(DuckDBEngine, "materialize", None)  # None: a version before it

    def recording(engine: DuckDBEngine, sql: str) -> pa.Table:
        started, cpu = time.perf_counter(), time.process_time()
        table = run(engine, sql)
        seen.append((time.perf_counter() - started, time.process_time() - cpu, table.num_rows, sql))
        return table

    def kept(engine: DuckDBEngine, name: str, sql: str) -> None:
        started, cpu = time.perf_counter(), time.process_time()
        assert materialize is not None
        materialize(engine, name, sql)
        rows = engine.connection.sql(f"SELECT COUNT(*) FROM {name}").fetchall()[0][0]
        seen.append((time.perf_counter() - started, time.process_time() - cpu, rows, sql))

    DuckDBEngine.run = recording  # type: ignore[method-assign, assignment]
    if materialize is not None:
        DuckDBEngine.materialize = kept  # type: ignore[method-assign, assignment]
    try:
        results = compute_indicators(tables, school_level=school_level)
    finally:
        DuckDBEngine.run = run  # type: ignore[method-assign, assignment]
        if materialize is not None:
            DuckDBEngine.materialize = materialize  # type: ignore[method-assign, assignment]
    return results, seen


def keyed(results: list[IndicatorResult]) -> dict[Key, tuple[object, ...]]:
    return {
        (r.indicator, r.unit_code, r.scope, r.year, r.period): (
            r.value, r.numerator, r.denominator, r.notes, getattr(r, "passed", None),
        )
        for r in results
    }  # fmt: skip


def same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=TOLERANCE)
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def compare(before: dict[Key, tuple[object, ...]], after: dict[Key, tuple[object, ...]]) -> int:
    missing = before.keys() - after.keys()
    extra = after.keys() - before.keys()
    differing = [k for k in before.keys() & after.keys() if not same(before[k], after[k])]
    for shown in sorted(map(repr, missing))[:5]:
        print("  missing", shown)
    for shown in sorted(map(repr, extra))[:5]:
        print("  extra", shown)
    worst: dict[object, float] = {}
    for key in differing:
        a, b = before[key][0], after[key][0]
        gap = (
            abs(a - b) / abs(a) if isinstance(a, float) and isinstance(b, float) and a else math.inf
        )
        worst[key[0]] = max(worst.get(key[0], 0.0), gap)
    for indicator, gap in sorted(worst.items(), key=lambda item: -item[1])[:40]:
        print(f"  differs: {indicator} (value, worst relative {gap:.1e})")
    print(f"{len(before)} before, {len(after)} after: {len(missing)} missing, "
          f"{len(extra)} extra, {len(differing)} differ")  # fmt: skip
    return len(missing) + len(extra) + len(differing)


def main(action: str, path: str, folder: str | None = None, school_level: str = "") -> int:
    tables = load(folder or None)
    levels = bool(school_level)
    cpu = time.process_time()
    total = best_of(2, lambda: compute_indicators(tables, school_level=levels))
    cpu = (time.process_time() - cpu) / 2
    results, queries = timed_queries(tables, levels)
    sql = sum(seconds for seconds, _, _, _ in queries)
    sql_cpu = sum(seconds for _, seconds, _, _ in queries)
    print(f"compute_indicators best of 2: {total:.3f} s (CPU {cpu:.3f} s a run); "
          f"SQL {sql:.3f} s (CPU {sql_cpu:.3f} s) in {len(queries)} queries")  # fmt: skip
    for seconds, cpu_seconds, rows, text in sorted(queries, reverse=True)[:12]:
        print(f"  {seconds:7.3f} s {cpu_seconds:7.3f} cpu {rows:>9,} rows  {text[:100]}")
    found = keyed(results)
    if action == "save":
        Path(path).write_bytes(pickle.dumps(found))
        return 0
    return 1 if compare(pickle.loads(Path(path).read_bytes()), found) else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
