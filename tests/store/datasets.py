"""A small city as an exchange-format dataset, and helpers to vary it between imports."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from dudao.ingest import Dataset, FindingReport, finding
from dudao.store import ImportResult
from tests.tables import arrow_tables

if TYPE_CHECKING:
    from dudao.store import ReturnKey

Rows = dict[str, list[dict[str, Any]]]

ORG_UNITS = [
    {"code": "440100", "name": "广州市", "level": "city"},
    {"code": "440103", "name": "荔湾区", "level": "district", "parent_code": "440100"},
    {"code": "440104", "name": "越秀区", "level": "district", "parent_code": "440100"},
]
SCHOOLS = [
    {"school_code": "4401030001", "name": "沙面小学", "org_code": "440103", "school_type": "211",
     "ownership": "public", "opened": 1950},
    {"school_code": "4401040002", "name": "𠮷祥中学", "org_code": "440104", "school_type": "311",
     "ownership": "private", "closed": 2010, "merged_into": "4401030001"},
]  # fmt: skip


def report(*, errors: bool) -> FindingReport:
    """A clean report, or one with a duplicate-key error, as dudao.ingest makes them."""
    if not errors:
        return FindingReport()
    duplicate = finding(
        "duplicate_key", file="city.zip", row=3, column="code", value="440100",
        expected=("唯一的区划代码", "a unique division code"),
    )  # fmt: skip
    return FindingReport([duplicate])


def city_rows() -> Rows:
    """Two years of school data (nulls next to zeros), registers, dates and booleans."""
    stage_rows: list[dict[str, Any]] = []
    for year in (2008, 2009):
        stage_rows += [
            {"school_code": "4401030001", "year": year, "stage": "primary",
             "enrolment": 900 + year % 10, "graduates": 0},
            {"school_code": "4401040002", "year": year, "stage": "junior",
             "enrolment": 0, "entrants": None},
        ]  # fmt: skip
    school_year: list[dict[str, Any]] = [
        {"school_code": "4401030001", "year": 2008, "land_area": 12000.5, "books": 0},
        {"school_code": "4401030001", "year": 2009, "land_area": 0.0, "sports_area": 0.1,
         "equipment_value": 1234.5678901, "broadband_mbps": 1e-7},
    ]  # fmt: skip
    students: list[dict[str, Any]] = [
        {"student_id": "S1", "year": 2009, "school_code": "4401030001",
         "birth_date": date(2001, 2, 28), "migrant": False, "special_needs": True},
        {"student_id": "S2", "year": 2009, "school_code": "4401030001", "migrant": None, "grade": 3},
    ]  # fmt: skip
    cases: list[dict[str, Any]] = [
        {"case_id": "C1", "org_code": "440103", "outcome": "pending"},
        {"case_id": "C2", "org_code": "440104", "outcome": "open_recruitment",
         "outcome_date": date(2008, 12, 31), "compensation": 0.0},
    ]  # fmt: skip
    return {
        "org_units": [dict(row) for row in ORG_UNITS],
        "schools": [dict(row) for row in SCHOOLS],
        "school_stage_year": stage_rows,
        "school_year": school_year,
        "students": students,
        "substitute_cases": cases,
    }


def dataset(rows: Mapping[str, Sequence[Mapping[str, object]]], *, errors: bool = False) -> Dataset:
    """A checked dataset whose sha256 follows its content, as the bytes of a file would."""
    tables = arrow_tables(rows)
    return Dataset(
        tables=tables, report=report(errors=errors), source="city.zip", sha256=_digest(tables)
    )


def sort_by_key(table_id: str, table: pa.Table) -> pa.Table:
    from dudao.catalogue import default_catalogue

    key = default_catalogue().tables[table_id].key
    return table.sort_by([(name, "ascending") for name in key])


def _digest(tables: dict[str, pa.Table]) -> str:
    digest = hashlib.sha256()
    for table_id in sorted(tables):
        digest.update(table_id.encode())
        digest.update(repr(tables[table_id].to_pylist()).encode())
    return digest.hexdigest()


def submit_and_approve(result: ImportResult, *, actor: str = "reviewer") -> list[ReturnKey]:
    """Send an import's returns up and approve them as their own unit (the top of the
    hierarchy reviews its own): the shortest way to approved data."""
    from dudao import store

    keys = [store.ReturnKey(version.org_code, version.year) for version in result.versions]
    unit = result.versions[0].org_code
    store.submit(keys, acting_org=unit, actor="district")
    store.approve(keys, acting_org=unit, actor=actor)
    return keys
