"""Checks across rows and tables: keys are unique, references resolve (dataset, then store)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dudao.ingest import Dataset, dataset_checks, read_dataset
from tests.ingest.builders import (
    CITY,
    ORG_UNITS,
    SCHOOLS,
    STAGE_ROWS,
    assert_names,
    only,
    write_folder,
)

DESIGNATION_HEADER = ["unit_kind", "unit_code", "org_code", "kind", "year", "result"]


def _read(tmp_path: Path, tables: dict, **options: object) -> Dataset:
    return read_dataset(write_folder(tmp_path / "r", tables), **options)  # type: ignore[arg-type]


def test_duplicate_key_is_reported_on_the_second_occurrence(tmp_path: Path) -> None:
    stage = [
        *STAGE_ROWS,
        ["4401030002", "2009", "preschool", "310"],
        ["4401030001", "2008.0", "primary", "9"],
    ]
    dataset = _read(tmp_path, {**CITY, "school_stage_year": stage})
    found = only(dataset.report, "duplicate_key")
    file = str(tmp_path / "r" / "school_stage_year.csv")
    assert_names(
        found, file=file, row=5, column="school_code,year,stage", value="4401030001, 2008, primary"
    )
    assert "2" in found.expected_zh and "row 2" in found.expected_en


def test_reference_to_a_table_in_the_dataset_must_resolve(tmp_path: Path) -> None:
    stage = [*STAGE_ROWS, ["4401039999", "2008", "primary", "1"]]
    found = only(_read(tmp_path, {**CITY, "school_stage_year": stage}).report, "dangling_reference")
    assert found.severity == "error"
    file = str(tmp_path / "r" / "school_stage_year.csv")
    assert_names(found, file=file, row=4, column="school_code", value="4401039999")


def test_reference_outside_the_dataset_without_a_store_is_a_warning(tmp_path: Path) -> None:
    dataset = _read(tmp_path, {"school_stage_year": STAGE_ROWS})
    found = [f for f in dataset.report.findings if f.code == "dangling_reference"]
    assert [(f.row, f.value, f.severity) for f in found] == [
        (2, "4401030001", "warning"),
        (3, "4401030002", "warning"),
    ]
    assert not dataset.report.has_errors


def test_references_resolve_against_the_store(tmp_path: Path) -> None:
    asked: list[tuple[str, str]] = []

    def known_codes(table: str, field: str) -> set[str]:
        asked.append((table, field))
        return {"4401030001"}

    dataset = _read(tmp_path, {"school_stage_year": STAGE_ROWS}, known_codes=known_codes)
    found = only(dataset.report, "dangling_reference")
    assert found.severity == "error" and found.value == "4401030002"
    assert asked == [("schools", "school_code")]


def test_a_reference_found_in_the_store_but_not_the_dataset_is_fine(tmp_path: Path) -> None:
    schools = [*SCHOOLS, ["4401030003", "丙", "440199", "211", "public"]]
    dataset = _read(
        tmp_path, {"org_units": ORG_UNITS, "schools": schools}, known_codes=lambda t, f: {"440199"}
    )
    assert dataset.report.findings == []


def test_designations_resolve_by_unit_kind_and_teachers_need_an_org(tmp_path: Path) -> None:
    rows = [
        DESIGNATION_HEADER,
        ["school", "4401030001", "", "standardised_school", "2008", "awarded"],
        ["org", "440103", "", "strong_education_district", "2008", "awarded"],
        ["school", "4401030009", "", "standardised_school", "2008", "awarded"],
        ["org", "440109", "", "strong_education_district", "2008", "awarded"],
        ["teacher", "T1", "440103", "special_grade_teacher", "2008", "awarded"],
        ["teacher", "T2", "", "special_grade_teacher", "2008", "awarded"],
    ]
    dataset = _read(tmp_path, {**CITY, "designations": rows})
    file = str(tmp_path / "r" / "designations.csv")
    dangling = [f for f in dataset.report.findings if f.code == "dangling_reference"]
    assert [(f.row, f.column, f.value, f.severity) for f in dangling] == [
        (4, "unit_code", "4401030009", "error"),
        (5, "unit_code", "440109", "error"),
    ]
    assert_names(only(dataset.report, "missing_required"), file=file, row=7, column="org_code")
    assert dataset.tables["designations"].column("unit_code").to_pylist()[-1] == "T1"


def test_a_crashing_rule_becomes_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(context: object) -> list[object]:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(dataset_checks, "DATASET_CHECKS", (explode, *dataset_checks.DATASET_CHECKS))
    dataset = _read(tmp_path, CITY)
    found = only(dataset.report, "rule_failed")
    assert (
        found.severity == "error" and "boom" in found.message_en and "explode" in found.message_en
    )
    assert dataset.tables["schools"].num_rows == 2
