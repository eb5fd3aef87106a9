"""The catalogue loads, and a broken catalogue names file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import opencc
import pytest

from dudao.catalogue import CatalogueError, FieldType, default_catalogue, load_catalogue
from dudao.catalogue.loader import DATA_DIR


@pytest.fixture
def catalogue_copy(tmp_path: Path) -> Path:
    shutil.copytree(DATA_DIR, tmp_path / "data")
    return tmp_path / "data"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def test_every_table_of_the_exchange_format_is_declared() -> None:
    catalogue = default_catalogue()
    assert set(catalogue.tables) == {
        "org_units", "schools", "school_stage_year", "school_year", "population_year",
        "fiscal_year", "org_year", "projects", "programmes", "designations", "teachers",
        "students", "substitute_cases",
    }  # fmt: skip
    fiscal = catalogue.tables["fiscal_year"]
    assert fiscal.key == ("org_code", "year", "scope")
    assert fiscal.field("edu_operating_junior").unit == "万元"
    assert catalogue.tables["population_year"].has_field("age_17_female")
    assert catalogue.tables["schools"].field("school_type").type is FieldType.CODE


def test_declarations_remember_file_and_line() -> None:
    field = default_catalogue().tables["schools"].field("school_type")
    path = DATA_DIR / "tables.yaml"
    assert field.place == f"{path}:{_line_of(path, '{id: school_type')}"


def test_traditional_labels_are_the_simplified_ones_in_traditional_script() -> None:
    t2s = opencc.OpenCC("t2s")
    for table in default_catalogue().tables.values():
        for field in table.fields:
            assert t2s.convert(field.label.zh_hant) == field.label.zh_hans, field.place


def test_school_types_map_to_stages() -> None:
    school_types = default_catalogue().code_lists["school_type"]
    assert school_types.get("312").stages == ("primary", "junior")
    assert school_types.get("345").stages == ("primary", "junior", "senior")
    assert school_types.lookup("公办") is None
    assert default_catalogue().code_lists["ownership"].lookup("公办") == "public"


def test_broken_yaml_names_file_and_line(catalogue_copy: Path) -> None:
    path = catalogue_copy / "codes.yaml"
    _edit(path, "  - id: stage\n", "  - id: stage\n    label: [unclosed\n")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(catalogue_copy)
    (problem,) = raised.value.problems
    assert problem.file == str(path)
    assert problem.line is not None and problem.line >= _line_of(path, "[unclosed")


def test_wrong_type_names_file_and_line(catalogue_copy: Path) -> None:
    path = catalogue_copy / "tables.yaml"
    _edit(path, "type: count, unit: 册", "type: tally, unit: 册")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(catalogue_copy)
    (problem,) = raised.value.problems
    assert (problem.file, problem.line) == (str(path), _line_of(path, "type: tally"))
    assert "type" in problem.message


def test_unknown_field_in_a_formula_names_file_and_line(catalogue_copy: Path) -> None:
    path = catalogue_copy / "indicators.yaml"
    _edit(path, "SUM(age_3_5)", "SUM(age_3_6)")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(catalogue_copy)
    (problem,) = raised.value.problems
    assert (problem.file, problem.line) == (str(path), _line_of(path, "SUM(age_3_6)"))
    assert "age_3_6" in problem.message


def test_dangling_reference_and_duplicate_are_all_reported_at_once(catalogue_copy: Path) -> None:
    path = catalogue_copy / "tables.yaml"
    _edit(path, "references: schools.school_code}", "references: schools.code}")
    _edit(path, "codes: org_level", "codes: org_levels")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(catalogue_copy)
    messages = [problem.message for problem in raised.value.problems]
    assert any("schools.code" in message for message in messages)
    assert any("org_levels" in message for message in messages)
