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


def timed(work: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    value = work()
    return value, time.perf_counter() - started


def run(work: Path) -> None:
    tables = read_dataset(write_seed_city(work / "returns")).tables
    request = seed_request()
    single = type(request)(**{**request.__dict__, "languages": ("zh-Hans",)})
    results, compute_seconds = timed(lambda: compute_for(tables, single))
    orgs = OrgUnits.of(tables)

    def documents() -> dict:  # type: ignore[type-arg]
        return build_documents(
            results, orgs, single, passages_file=work / "passages.yaml", data_version="bench"
        )

    built, narrative = timed(documents)
    _, writers = timed(lambda: write_documents(built, single, work / "out", ("docx", "html")))
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
    for name, seconds, goal in lines:
        verdict = (
            "" if goal is None else f"  goal < {goal:.0f} s: {'PASS' if seconds < goal else 'MISS'}"
        )
        print(f"report {name:<36} {seconds:8.3f} s{verdict}", flush=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        run(Path(folder))


if __name__ == "__main__":
    main()
