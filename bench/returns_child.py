"""One returns measurement in a fresh interpreter: seconds and peak memory above the baseline.

`python -m bench.returns_child WHAT PATH WARM [STORE]` prints one JSON line; `create_store`
makes the (empty, migrated) store that `check_import` then imports into, as a district's store
exists before its imports. The baseline is the resident memory after imports and a warm-up
read of WARM, a clean return with the same tables (so the rules' SQL is compiled), and for
`check_import` the store opened first (Django set up); the peak is VmHWM after
/proc/self/clear_refs reset it to that baseline. `bench.returns` times a cold `dudao import`
as well, start-up included.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl

import dudao.store as store
from dudao.ingest import read_dataset

MB = 1024 * 1024


def parse_csv(path: Path) -> int:
    """The floor for CSV: every cell of every file through the csv module, nothing checked."""
    rows = 0
    for member in sorted(path.glob("*.csv")):
        with member.open(encoding="utf-8-sig", newline="") as text:
            rows += sum(1 for _ in csv.reader(text))
    return rows


def parse_xlsx(path: Path) -> int:
    """The floor for xlsx: every cell through openpyxl's streaming reader, nothing checked."""
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = sum(1 for sheet in workbook.worksheets for _ in sheet.iter_rows(values_only=True))
    workbook.close()
    return rows


def check(path: Path) -> int:
    return len(read_dataset(path).report.findings)


def check_and_import(path: Path, url: str) -> int:
    """As `dudao import` does it: checked with the store at hand, so its rules run once."""
    from dudao.store.previous import previous_tables

    dataset = read_dataset(path, known_codes=store.known_codes, previous=previous_tables)
    return len(store.import_dataset(dataset).versions)


def _memory(key: str) -> int:
    text = Path("/proc/self/status").read_text()
    found = re.search(key + r":\s+(\d+) kB", text)
    return int(found.group(1)) * 1024 if found else 0


def measure(work: Callable[[], object]) -> dict[str, float]:
    Path("/proc/self/clear_refs").write_text("5")  # VmHWM := VmRSS, Linux ≥ 4.0
    baseline = _memory("VmRSS")
    started, cpu = time.perf_counter(), time.process_time()
    result = work()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = (_memory("VmHWM") - baseline) / MB
    count = float(result) if isinstance(result, int) else 0.0
    return {"seconds": seconds, "cpu": cpu, "peak_mb": peak, "result": count}


def main(what: str, path: Path, warm: Path, url: str = "") -> None:
    if what == "check_import":  # the store open, as in the server or a batch of imports
        store.setup(url)
        from dudao.store.previous import previous_tables

        read_dataset(warm, known_codes=store.known_codes, previous=previous_tables)
    else:
        read_dataset(warm)  # imports, the catalogue and its rules' SQL, openpyxl
    work: dict[str, Callable[[], object]] = {
        "parse_csv": lambda: parse_csv(path),
        "parse_xlsx": lambda: parse_xlsx(path),
        "check": lambda: check(path),
        "check_import": lambda: check_and_import(path, url),
        "create_store": lambda: store.setup(url),
        "refuse": lambda: sorted({f.code for f in read_dataset(path).report.errors}),
    }
    report = measure(work[what])
    if what == "refuse":
        report["refused"] = float(bool(read_dataset(path).report.errors))
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), *sys.argv[4:])
