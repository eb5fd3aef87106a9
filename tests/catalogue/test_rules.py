"""The rule set loads into typed objects; a broken rule is a load error naming file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import opencc
import pytest

from dudao.catalogue import CatalogueError, default_catalogue, load_catalogue
from dudao.catalogue.loader import DATA_DIR
from dudao.catalogue.rules import (
    CheckName,
    CheckRule,
    FieldRule,
    MissingValueStrategy,
    Operator,
    ValidationRule,
)
from dudao.ingest.rules import CHECKS

RULES = DATA_DIR / "rules.yaml"


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


def _problem(directory: Path) -> tuple[str, int | None, str]:
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(directory)
    (problem,) = raised.value.problems
    return problem.file, problem.line, problem.message


def test_rules_load_as_typed_objects_with_file_and_line() -> None:
    rules = default_catalogue().rules
    rule = rules["enrolment_female_within_enrolment"]
    assert isinstance(rule, ValidationRule)
    assert rule.operator is Operator.LE and rule.right.expression == "enrolment"
    assert rule.left.missing_value_strategy is MissingValueStrategy.SKIP_IF_ANY_VALUE_MISSING
    assert rule.place == f"{RULES}:{_line_of(RULES, 'id: enrolment_female_within_enrolment')}"
    merged = rules["merged_school_is_closed"]
    assert isinstance(merged, ValidationRule)
    assert merged.left.missing_value_strategy is MissingValueStrategy.NEVER_SKIP
    assert isinstance(rules["enrolment_plausible"], FieldRule)
    assert {type(rule) for rule in rules.values()} == {ValidationRule, FieldRule, CheckRule}


def test_every_check_a_rule_may_name_is_implemented() -> None:
    assert set(CHECKS) == set(CheckName)
    named = {
        rule.check for rule in default_catalogue().rules.values() if isinstance(rule, CheckRule)
    }
    assert named == set(CheckName)


def test_traditional_messages_are_the_simplified_ones_in_traditional_script() -> None:
    t2s = opencc.OpenCC("t2s")
    for rule in default_catalogue().rules.values():
        assert t2s.convert(rule.message.zh_hant) == rule.message.zh_hans, rule.place


def test_unknown_table_names_file_and_line(catalogue_copy: Path) -> None:
    path = catalogue_copy / "rules.yaml"
    _edit(path, "table: school_year\n", "table: school_years\n")
    file, line, message = _problem(catalogue_copy)
    assert (file, line) == (
        str(path),
        _line_of(path, "id: multimedia_classrooms_within_classrooms"),
    )
    assert "school_years" in message


def test_unknown_field_in_a_side_names_file_and_line(catalogue_copy: Path) -> None:
    path = catalogue_copy / "rules.yaml"
    _edit(
        path,
        "left: {expression: 'multimedia_classrooms'}",
        "left: {expression: 'multimedia_rooms'}",
    )
    file, line, message = _problem(catalogue_copy)
    assert (file, line) == (str(path), _line_of(path, "multimedia_rooms"))
    assert "multimedia_rooms" in message and "multimedia_classrooms_within_classrooms" in message


def test_unknown_operator_names_file_and_line(catalogue_copy: Path) -> None:
    path = catalogue_copy / "rules.yaml"
    _edit(path, "operator: '<='", "operator: '=<'")
    file, line, message = _problem(catalogue_copy)
    assert (file, line) == (str(path), _line_of(path, "operator: '=<'"))
    assert "operator" in message


def test_unknown_missing_value_strategy_names_file_and_line(catalogue_copy: Path) -> None:
    path = catalogue_copy / "rules.yaml"
    _edit(path, "missing_value_strategy: NEVER_SKIP", "missing_value_strategy: SOMETIMES")
    file, line, _ = _problem(catalogue_copy)
    assert (file, line) == (str(path), _line_of(path, "SOMETIMES"))


def test_unknown_placeholder_names_file_and_line(catalogue_copy: Path) -> None:
    path = catalogue_copy / "rules.yaml"
    _edit(path, "en: 'female enrolment ({left})", "en: 'female enrolment ({lft})")
    file, line, message = _problem(catalogue_copy)
    assert (file, line) == (str(path), _line_of(path, "({lft})"))
    assert "{lft}" in message


def test_unknown_field_of_a_field_rule_or_check(catalogue_copy: Path) -> None:
    path = catalogue_copy / "rules.yaml"
    _edit(path, "field: broadband_mbps", "field: bandwidth")
    _edit(path, "fields: [age_3_5,", "fields: [age_3_6,")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(catalogue_copy)
    messages = sorted(problem.message for problem in raised.value.problems)
    assert any("bandwidth" in message for message in messages)
    assert any("age_3_6" in message for message in messages)


def test_yaml_syntax_error_names_file_and_line(catalogue_copy: Path) -> None:
    path = catalogue_copy / "rules.yaml"
    _edit(path, "    operator: '<='\n", "    operator: '<=\n")
    file, line, _ = _problem(catalogue_copy)
    assert file == str(path) and line is not None and line >= _line_of(path, "operator: '<=")
