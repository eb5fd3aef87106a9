"""The demo run once per test session (once across xdist workers, under a file lock), and
its duty report's files; the report documents built once from its results."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from dudao.catalogue import Language
from dudao.demo import SEED_CITY_CODE
from dudao.ingest import read_dataset
from dudao.report import ReportRequest, build_documents, compute_for
from dudao.report.document import Document
from dudao.report.results import OrgUnits
from dudao.report.seed import seed_request

DEMO_FILE_STEM = "duty_440100_2006-2009"


@pytest.fixture(scope="session")
def demo_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`dudao demo --out DIR` in a fresh interpreter, as a user runs it (one run shared
    by the xdist workers: the first one makes it, the others wait on the lock)."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    out = shared / "report-demo"
    with (shared / "report-demo.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (out / "done").exists():
            command = [sys.executable, "-m", "dudao", "demo", "--out", str(out)]
            run = subprocess.run(command, capture_output=True, text=True, timeout=600)
            assert run.returncode == 0, run.stdout + run.stderr
            (out / "done").write_text(run.stdout, encoding="utf-8")
    return out


@pytest.fixture(scope="session")
def demo_docx(demo_output: Path) -> Path:
    return demo_output / f"{DEMO_FILE_STEM}.zh-Hans.docx"


@pytest.fixture(scope="session")
def seed_tables(demo_output: Path) -> dict[str, object]:
    return dict(read_dataset(demo_output / "returns").tables)


@pytest.fixture(scope="session")
def seed_documents(
    seed_tables: dict[str, object], tmp_path_factory: pytest.TempPathFactory
) -> dict[Language, Document]:
    request = seed_request()
    results = compute_for(seed_tables, request)  # type: ignore[arg-type]
    passages = tmp_path_factory.mktemp("passages") / "passages.yaml"
    return build_documents(
        results,
        OrgUnits.of(seed_tables),
        request,
        passages_file=passages,
        data_version="test",  # type: ignore[arg-type]
    )


@pytest.fixture(scope="session")
def seed_results(seed_tables: dict[str, object]) -> Iterator[list[object]]:
    yield list(compute_for(seed_tables, seed_request()))  # type: ignore[arg-type]


__all__ = ["SEED_CITY_CODE", "ReportRequest"]
