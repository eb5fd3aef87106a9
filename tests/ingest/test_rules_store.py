"""The rules across years with a real store: last year's approved returns, this year's dataset.

The store supplies its approved data through dudao.store.previous at check time (`dudao check
--store`) and at import (a dataset checked without a store is checked again against it).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dudao.cli.main import app
from dudao.ingest import Finding, read_dataset
from tests.ingest.builders import ORG_UNITS, write_folder
from tests.ingest.test_rules_validation import findings_of

SCHOOLS = [
    ["school_code", "name", "org_code", "school_type", "ownership"],
    ["4401030001", "甲小学", "440103", "211", "public"],
    ["4401030002", "乙小学", "440103", "211", "public"],
]
HEADER = ["school_code", "year", "stage", "enrolment"]


@pytest.fixture
def store_url(tmp_path: Path) -> Iterator[str]:
    """A fresh SQLite store holding the approved 2007 returns of two schools."""
    from dudao import store

    url = f"sqlite:///{tmp_path / 'store' / 'store.sqlite3'}"
    store.setup(url)
    stages = [
        HEADER,
        ["4401030001", "2007", "primary", "300"],
        ["4401030002", "2007", "primary", "200"],
    ]
    tables = {"org_units": ORG_UNITS, "schools": SCHOOLS, "school_stage_year": stages}
    result = store.import_dataset(
        read_dataset(write_folder(tmp_path / "2007", tables)), submit=True
    )
    returns = [store.ReturnKey(version.org_code, version.year) for version in result.versions]
    store.approve(returns, acting_org="440100", actor="city")  # the root approves its own
    yield url
    from django.db import connections

    connections["default"].close()


def _this_year(tmp_path: Path) -> Path:
    """2008: school 1 enrolment 300 -> 1000; school 2 has no rows and is not closed."""
    return write_folder(
        tmp_path / "2008",
        {"school_stage_year": [HEADER, ["4401030001", "2008", "primary", "1000"]]},
    )


def _expect_store_findings(findings: list[Finding], folder: Path) -> None:
    (change,) = findings_of(findings, "stage_counts_steady")
    assert (change.file, change.row, change.column, change.value) == (
        str(folder / "school_stage_year.csv"),
        2,
        "enrolment",
        "1000",
    )
    assert "2007 (300)" in change.expected_en and "2008 has 1000" in change.expected_en
    (vanished,) = findings_of(findings, "no_school_vanishes")
    assert (vanished.row, vanished.value) == (None, "4401030002")


def test_check_against_the_store_compares_with_the_last_approved_year(
    store_url: str, tmp_path: Path
) -> None:
    from dudao.store.previous import previous_tables

    folder = _this_year(tmp_path)
    assert findings_of(read_dataset(folder).report.findings, "stage_counts_steady") == []
    _expect_store_findings(read_dataset(folder, previous=previous_tables).report.findings, folder)


def test_import_checks_a_dataset_read_without_the_store_against_it(
    store_url: str, tmp_path: Path
) -> None:
    from dudao import store

    folder = _this_year(tmp_path)
    dataset = read_dataset(folder)
    store.import_dataset(dataset, org_code="440103")  # warnings only: stored
    assert dataset.checked_against_store
    _expect_store_findings(dataset.report.findings, folder)


def test_cli_check_with_store(store_url: str, tmp_path: Path) -> None:
    folder = _this_year(tmp_path)
    result = CliRunner().invoke(app, ["check", str(folder), "--store", store_url, "--json"])
    assert result.exit_code == 0, result.output
    codes = sorted(json.loads(line)["code"] for line in result.stdout.splitlines() if line.strip())
    assert codes == ["vanished_school", "year_change"]
