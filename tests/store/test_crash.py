"""kill -9 at 50 random points leaves each import fully stored or absent (SECURITY.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from dudao import store
from tests.store.datasets import city_rows, dataset

KILLS = 50
ROOT = Path(__file__).resolve().parents[2]


def kill_imports(url: str, seed: int, kills: int = KILLS) -> list[int]:
    """Run the crash rounds in a fresh interpreter; the acknowledged submissions' ids."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    finished = subprocess.run(
        [sys.executable, "-m", "tests.store.crash", url, str(kills), str(seed)],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=60 + kills, check=True,
    )  # fmt: skip
    outcome = json.loads(finished.stdout.splitlines()[-1])
    assert outcome["killed_inside_an_import"] >= kills // 5  # the kills hit imports, not idling
    return list(outcome["acknowledged"])


def check_all_or_nothing(url: str, acknowledged: list[int]) -> None:
    store.setup(url)
    from dudao.store.models import Submission, SubmissionVersion, VersionTable

    rows_per_version = {
        version.year: sum(version.row_counts.values())
        for version in store.import_dataset(dataset(city_rows()), actor="reference").versions
    }
    stored = set(Submission.objects.values_list("id", flat=True))
    assert set(acknowledged) <= stored  # every acknowledged import survived
    versions = SubmissionVersion.objects.values_list("id", "submission_id", "year")
    by_submission: dict[int, dict[int | None, int]] = {}
    for version_id, submission_id, year in versions:
        by_submission.setdefault(submission_id, {})[year] = version_id
    assert set(by_submission) == stored  # no submission without its versions, and none astray
    rows: dict[int, int] = {}
    for version_id, count in VersionTable.objects.values_list("version_id", "rows"):
        rows[version_id] = rows.get(version_id, 0) + count
    for submission_id, years in by_submission.items():
        assert years.keys() == rows_per_version.keys(), submission_id
        for year, version_id in years.items():
            assert rows.get(version_id) == rows_per_version[year], (submission_id, year)
            assert all(store.version_tables(version_id).values())  # every stream decodes
    assert store.verify_chain().intact


def test_kill_9_during_imports_on_sqlite(store_url: str) -> None:
    acknowledged = kill_imports(store_url, seed=1)
    check_all_or_nothing(store_url, acknowledged)


def test_kill_9_during_imports_on_postgresql(postgres_url: str) -> None:
    acknowledged = kill_imports(postgres_url, seed=2)
    check_all_or_nothing(postgres_url, acknowledged)
