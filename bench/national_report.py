"""`make bench`, national section: generate (or reuse) the national Parquet data, run every
contender in a fresh interpreter, print times, peaks and each goal of issue 4 as PASS/MISS.

BENCH_SCALE shrinks the data (0.1 = 50,000 schools, 20 M student records);
BENCH_NATIONAL=DIR reuses data written by `python -m bench.national --out DIR`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from bench import national, pandas_baseline
from bench.catalogue_bench import find_columns
from dudao.catalogue import default_catalogue
from dudao.compute import compute_table

GB = 1024


def run(work: Path) -> None:
    _self_check(work / "check")
    folder = Path(os.environ.get("BENCH_NATIONAL", work / "national"))
    if not (folder / "students.parquet").exists():
        started = time.perf_counter()
        national.write(folder, round(national.SCHOOLS * national.scale()), round(national.STUDENTS * national.scale()), national.YEARS)  # fmt: skip
        print(f"{'generate national data':<34} {time.perf_counter() - started:8.1f} s  {folder}")
    rows = {p.stem: pq.ParquetFile(p).metadata.num_rows for p in folder.glob("*.parquet") if not p.stem.startswith("results_")}  # fmt: skip
    print("national data: " + ", ".join(f"{t} {n:,}" for t, n in sorted(rows.items())), flush=True)
    find_columns(folder)
    got = {name: _child(name, folder) for name in ("scan", "floor", "engine", "engine_schools", "engine_covered", "pandas", "students_scan", "students_counts", "incremental")}  # fmt: skip
    _print(got, rows)
    print(
        f"{'engine and pandas at this scale':<34} max relative difference {_difference(folder):.2e}"
    )


def _child(name: str, folder: Path) -> dict[str, float]:
    root = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", "")}
    command = [sys.executable, "-m", "bench.catalogue_bench", name, str(folder)]
    done = subprocess.run(command, check=True, capture_output=True, text=True, env=env, cwd=root)
    report: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"  {name:<32} {report['seconds']:8.3f} s  peak {report['peak_mb']:7,.0f} MB  {_extra(report)}", flush=True)  # fmt: skip
    return report


def _extra(report: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.4g}" for k, v in report.items() if k not in ("seconds", "peak_mb"))


def _print(got: dict[str, dict[str, float]], rows: dict[str, int]) -> None:
    scan, engine, pandas = got["scan"], got["engine"], got["pandas"]
    covered = got["engine_covered"]
    inc, counts = got["incremental"], got["students_counts"]
    schools = got["engine_schools"]
    print(f"catalogue: {len(default_catalogue().indicators)} indicators, {engine['results']:,.0f} results for org units and {schools['results']:,.0f} for schools; pandas computes {covered['indicators']:.0f} of them for org units ({pandas['results']:,.0f} results)")  # fmt: skip
    every_level = engine["seconds"] + schools["seconds"]
    floor = got["floor"]["seconds"]
    print(f"  (org units alone: {engine['seconds'] / scan['seconds']:.0f} × one scan; the floor, sums at every level and the schools' rows, no figure made: {floor / scan['seconds']:.1f} × one scan, the engine {every_level / floor:.0f} × the floor)")  # fmt: skip
    _goal("engine, every level ≤ 3 × one scan", every_level / scan["seconds"], 3)
    _goal("engine ≥ 5 × faster than pandas", pandas["seconds"] / covered["seconds"], 5, higher=True)  # fmt: skip
    _goal("engine peak ≤ 4 GB", max(engine["peak_mb"], schools["peak_mb"]) / GB, 4, unit="GB")
    _goal("students → school counts ≤ 5 × scan", counts["seconds"] / got["students_scan"]["seconds"], 5)  # fmt: skip
    _goal("students peak ≤ 2 GB", counts["peak_mb"] / GB, 2, unit="GB")
    _goal("one school changed ≤ 0.1 × full", inc["seconds"] / inc["full_seconds"], 0.1)
    print(f"  (pandas peak {pandas['peak_mb'] / GB:.2f} GB; refresh of {inc['figures']:.0f} chain figures: {inc['recomputed']:.0f} recomputed on the district, {inc['patched']:.0f} patched above it, {inc['stale']:.0f} stale; max relative difference {inc['max_relative_difference']:.1e})")  # fmt: skip


def _goal(name: str, got: float, goal: float, *, higher: bool = False, unit: str = "×") -> None:
    passed = got >= goal if higher else got <= goal
    sign = "≥" if higher else "≤"
    print(f"GOAL {name:<38} {got:8.2f} {unit} (goal {sign} {goal:g}) {'PASS' if passed else 'MISS'}")  # fmt: skip


def _difference(folder: Path) -> float:
    """Largest relative difference of the values both computed; a value only one has counts inf."""
    engine = pd.read_parquet(folder / "results_engine.parquet")
    pandas = pd.read_parquet(folder / "results_pandas.parquet")
    return _compare(engine, pandas)


def _compare(engine: pd.DataFrame, pandas: pd.DataFrame) -> float:
    keys = ["indicator", "unit_code", "scope", "year"]
    engine = engine[engine["indicator"].isin(set(pandas["indicator"]))]
    both = engine.merge(pandas, on=keys, how="outer", suffixes=("_e", "_p"))
    a, b = both["value_e"].astype(float), both["value_p"].astype(float)
    if (a.isna() != b.isna()).any():
        return float("inf")
    scale = np.maximum(a.abs(), b.abs())
    return float(((a - b).abs() / scale.where(scale > 0)).max(skipna=True) if len(a) else 0.0)


def _self_check(folder: Path) -> None:
    """On 2,000 schools: pandas and the engine agree within 1e-9."""
    national.write(folder, 2_000, 10_000, national.YEARS)
    frames = {p.stem: pd.read_parquet(p) for p in folder.glob("*.parquet") if p.stem != "students"}  # fmt: skip
    tables = {p.stem: pq.read_table(p) for p in folder.glob("*.parquet") if p.stem != "students"}  # fmt: skip
    engine = (
        compute_table(tables)
        .select(["indicator", "unit_code", "scope", "year", "value"])
        .to_pandas()
    )
    difference = _compare(engine, pandas_baseline.compute(frames))
    verdict = "PASS" if difference <= 1e-9 else "MISS"
    print(f"{'self-check pandas = engine':<34} max relative difference {difference:.2e} (≤ 1e-9) {verdict}", flush=True)  # fmt: skip


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        run(Path(folder))


if __name__ == "__main__":
    main()
