"""Headers (DATA.md "Files"): field id or Chinese label in either script, order free."""

from __future__ import annotations

from pathlib import Path

import pytest

from dudao.ingest import Dataset, read_dataset
from tests.ingest.builders import assert_names, csv_bytes, only

STAGE = ["4401030001", "2008", "preschool", "300"]


def _read_stage(tmp_path: Path, header: list[str], row: list[str] = STAGE) -> Dataset:
    path = tmp_path / "school_stage_year.csv"
    path.write_bytes(csv_bytes([header, row]))
    return read_dataset(tmp_path)


@pytest.mark.parametrize(
    "header",
    [
        ["学校标识码", "学年", "学段", "在校生数"],
        ["學校標識碼", "學年", "學段", "在校生數"],
        [" 学校标识码 ", "学年（年）", "学段 (preschool / primary …)", "在校生数(人)"],
        ["学校标识码", "year", "stage", "在园幼儿数"],  # a label alias from the catalogue
        ["School_Code", "YEAR", "stage", "enrolment"],
    ],
    ids=["zh-Hans", "zh-Hant", "suffixes", "alias", "ids"],
)
def test_headers_match_ids_and_labels(tmp_path: Path, header: list[str]) -> None:
    dataset = _read_stage(tmp_path, header)
    assert [f.code for f in dataset.report.findings] == ["dangling_reference"]
    table = dataset.tables["school_stage_year"]
    assert table.to_pylist()[0]["enrolment"] == 300


def test_labels_with_parentheses_match_their_own_field(tmp_path: Path) -> None:
    header = [
        "区划代码",
        "年份",
        "学前三年适龄人口",
        "学前三年适龄人口（女）",
        "学前三年适龄人口(女)(人)",
    ]
    path = tmp_path / "population_year.csv"
    path.write_bytes(csv_bytes([header[:4], ["440103", "2008", "900", "430"]]))
    table = read_dataset(tmp_path).tables["population_year"]
    assert (table["age_3_5"][0].as_py(), table["age_3_5_female"][0].as_py()) == (900, 430)
    path.write_bytes(csv_bytes([[*header[:3], header[4]], ["440103", "2008", "900", "430"]]))
    assert read_dataset(tmp_path).tables["population_year"]["age_3_5_female"][0].as_py() == 430


def test_unknown_column_is_a_warning_and_ignored(tmp_path: Path) -> None:
    dataset = _read_stage(tmp_path, ["school_code", "year", "stage", "备注"], [*STAGE[:3], "x"])
    found = only(dataset.report, "unknown_column")
    assert found.severity == "warning"
    assert_names(
        found, file=str(tmp_path / "school_stage_year.csv"), row=1, column="备注", value="备注"
    )


def test_duplicate_column_is_an_error(tmp_path: Path) -> None:
    header = ["school_code", "year", "stage", "在校生数"]
    path = tmp_path / "school_stage_year.csv"
    path.write_bytes(csv_bytes([[*header, "enrolment"], [*STAGE, "301"]]))
    dataset = read_dataset(tmp_path)
    found = only(dataset.report, "duplicate_column")
    assert found.severity == "error"
    assert_names(found, file=str(path), row=1, column="enrolment", value="enrolment")


def test_missing_key_or_required_column_is_an_error(tmp_path: Path) -> None:
    dataset = _read_stage(
        tmp_path, ["school_code", "stage", "enrolment"], ["4401030001", "preschool", "1"]
    )
    found = only(dataset.report, "missing_column")
    assert_names(found, file=str(tmp_path / "school_stage_year.csv"), row=1, column="year")
    assert "year" in found.message_en and "学年" in found.message_zh
    assert "school_stage_year" not in dataset.tables
