"""One district of the seed city in a store, approved up to 2008: what a 2009 template starts from."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pyarrow as pa

from dudao.demo import build_tables
from dudao.demo.writer import write_tables
from dudao.ingest import read_dataset
from dudao.ingest.template_rows import subtree
from tests.store.datasets import submit_and_approve

DISTRICT = "440116"  # 萝岗区, the seed city's smallest district
YEAR = 2009
Rows = dict[str, list[dict[str, object]]]
STORED = (
    "org_units", "schools", "school_stage_year", "school_year", "population_year", "fiscal_year",
    "org_year", "substitute_cases",
)  # fmt: skip


@cache
def district_rows() -> Rows:
    """The district's rows of the seed city, every year, with the org units above it (read only)."""
    tables = build_tables(2009)
    parents = {str(r["code"]): r["parent_code"] for r in tables["org_units"]}
    units = subtree(DISTRICT, parents)  # type: ignore[arg-type]
    above = {"440100", "440000"}
    schools = {r["school_code"] for r in tables["schools"] if r["org_code"] in units}

    def ours(table_id: str, row: dict[str, object]) -> bool:
        if table_id == "org_units":
            return row["code"] in units | above
        if "school_code" in row:
            return row["school_code"] in schools
        return row.get("org_code") in units

    return {
        table_id: [row for row in tables[table_id] if ours(table_id, row)] for table_id in STORED
    }


def stored_district(folder: Path, url: str) -> dict[str, pa.Table]:
    """Import the district's data up to YEAR - 1 into the store at `url`, approve it; snapshot."""
    from dudao import store

    rows = district_rows()
    before = {
        t: [r for r in rs if r.get("year") is None or r["year"] < YEAR] for t, rs in rows.items()
    }  # type: ignore[operator]
    write_tables(folder, before)
    dataset = read_dataset(folder)
    assert not dataset.report.has_errors, dataset.report.errors[:3]
    store.setup(url)
    imported = store.import_dataset(dataset, actor="test")
    submit_and_approve(imported, actor="test")
    return store.snapshot(data="approved")
