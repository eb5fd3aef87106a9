"""DATA.md: every row of a submission belongs to the submitting unit or a unit below it."""

from __future__ import annotations

from pathlib import Path

from dudao.ingest import read_dataset, rows_outside
from tests.compute.test_enrolment import ORG_UNITS, POPULATION, SCHOOLS, STAGE_ROWS
from tests.tables import arrow_tables, write_csv_folder

PARENTS = {row["code"]: row.get("parent_code") for row in ORG_UNITS}
SCHOOL_ORGS = {row["school_code"]: row["org_code"] for row in SCHOOLS}


def _district_return(folder: Path) -> Path:
    """荔湾区 (440103) sends its rows, one school row and one population row of 越秀区 among them."""
    stage_rows = [
        {"school_code": code, "stage": stage, "year": 2008, **counts}
        for code, stage, counts in STAGE_ROWS
        if code in ("4401030001", "4401030002", "4401040003")
    ]
    population = [{**row, "year": 2008} for row in POPULATION if row["org_code"] != "440100"]
    return write_csv_folder(
        arrow_tables({"school_stage_year": stage_rows, "population_year": population}), folder
    )


def test_rows_of_another_district_are_named(tmp_path: Path) -> None:
    dataset = read_dataset(_district_return(tmp_path / "liwan"))
    findings = rows_outside(dataset.parts, "440103", PARENTS, SCHOOL_ORGS)
    placed = sorted((f.file.rsplit("/", 1)[-1], f.row, f.column, f.value) for f in findings)
    assert placed == [
        ("population_year.csv", 3, "org_code", "440104001"),
        ("population_year.csv", 4, "org_code", "440104002"),
        ("school_stage_year.csv", 4, "school_code", "4401040003"),
    ]
    assert all(f.code == "outside_submitter" and f.severity == "error" for f in findings)
    assert "440103" in findings[0].message_zh and "440103" in findings[0].message_en


def test_the_city_may_send_every_row_below_it(tmp_path: Path) -> None:
    dataset = read_dataset(_district_return(tmp_path / "city"))
    assert rows_outside(dataset.parts, "440100", PARENTS, SCHOOL_ORGS) == []


def test_designations_are_placed_by_the_unit_they_name(tmp_path: Path) -> None:
    """A school's or a division's designation lies where that unit lies; a teacher's, where
    its org_code says (a teacher code is no unit of the hierarchy)."""
    row = {"kind": "model_kindergarten", "year": 2008, "result": "applied"}
    designations = [
        {**row, "unit_kind": "school", "unit_code": "4401030002"},
        {**row, "unit_kind": "school", "unit_code": "4401040003"},
        {**row, "unit_kind": "org", "unit_code": "440103001"},
        {**row, "unit_kind": "org", "unit_code": "440104"},
        {**row, "unit_kind": "teacher", "unit_code": "T0001", "org_code": "440103"},
        {**row, "unit_kind": "teacher", "unit_code": "T0002", "org_code": "440104001"},
    ]
    folder = write_csv_folder(arrow_tables({"designations": designations}), tmp_path / "d")
    findings = rows_outside(read_dataset(folder).parts, "440103", PARENTS, SCHOOL_ORGS)
    placed = sorted((f.row, f.column, f.value) for f in findings)
    assert placed == [(3, "unit_code", "4401040003"), (5, "unit_code", "440104"), (7, "org_code", "440104001")]  # fmt: skip
