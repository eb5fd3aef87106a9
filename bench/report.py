"""The city duty report: narrative + docx + HTML against 5 s, the PDF against 30 s, with the
time to compute the figures it draws on beside them (the goals of the report issue).

Run alone with `python -m bench.report`, or as part of `make bench`.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from dudao.demo import write_seed_city
from dudao.ingest import read_dataset
from dudao.report import build_documents, compute_for, write_documents
from dudao.report.results import OrgUnits
from dudao.report.seed import seed_request
from dudao.report.writers.pdf import office

T = TypeVar("T")
GOALS = {"docx + html": 5.0, "pdf": 30.0}


CPU: dict[str, float] = {}  # the same steps in this process's CPU seconds (a shared machine)


def timed(work: Callable[[], T], name: str = "") -> tuple[T, float]:
    started, cpu = time.perf_counter(), time.process_time()
    value = work()
    CPU[name] = time.process_time() - cpu
    return value, time.perf_counter() - started


def run(work: Path) -> None:
    tables = read_dataset(write_seed_city(work / "returns")).tables
    request = seed_request()
    single = type(request)(**{**request.__dict__, "languages": ("zh-Hans",)})
    results, compute_seconds = timed(lambda: compute_for(tables, single), "compute")
    orgs = OrgUnits.of(tables)

    def documents() -> dict:  # type: ignore[type-arg]
        return build_documents(
            results, orgs, single, passages_file=work / "passages.yaml", data_version="bench"
        )

    built, narrative = timed(documents, "narrative")
    _, writers = timed(
        lambda: write_documents(built, single, work / "out", ("docx", "html")), "writers"
    )
    lines = [
        ("compute (the report's indicators)", compute_seconds, None),
        ("narrative, findings, charts", narrative, None),
        ("docx + html writers", writers, None),
        ("docx + html", narrative + writers, GOALS["docx + html"]),
    ]
    if office() is not None:
        _, pdf = timed(lambda: write_documents(built, single, work / "pdf", ("pdf",)))
        lines.append(("pdf (docx, then LibreOffice)", pdf, GOALS["pdf"]))
    else:
        print("report: LibreOffice not installed (scripts/ensure-office); no PDF timing")
    CPU["both"] = CPU["narrative"] + CPU["writers"]
    cpu = [CPU["compute"], CPU["narrative"], CPU["writers"], CPU["both"]]
    for name, seconds, goal in lines:
        verdict = (
            "" if goal is None else f"  goal < {goal:.0f} s: {'PASS' if seconds < goal else 'MISS'}"
        )
        own = f" (cpu {cpu.pop(0):.3f} s)" if cpu else ""
        print(f"report {name:<36} {seconds:8.3f} s{own}{verdict}", flush=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        run(Path(folder))


if __name__ == "__main__":
    main()
