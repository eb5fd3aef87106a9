"""A broken framework file is refused with every problem's file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from dudao.assess import load, shipped_frameworks
from dudao.catalogue import CatalogueError

from .frameworks import SMALL, write


def _line(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def _problems(path: Path) -> list[str]:
    with pytest.raises(CatalogueError) as raised:
        load(path)
    return [str(problem) for problem in raised.value.problems]


def test_unknown_indicator_names_file_and_line(tmp_path: Path) -> None:
    text = SMALL.replace("indicator: ner_primary", "indicator: ner_primry")
    path = write(tmp_path, text)
    (problem,) = _problems(path)
    line = _line(text, "ner_primry")
    assert problem.startswith(f"{path}:{line}:") and "unknown indicator 'ner_primry'" in problem


def test_unknown_rule_kind_and_bad_parameter_are_all_reported(tmp_path: Path) -> None:
    text = SMALL.replace("rule: {kind: evidence}", "rule: {kind: evidense}").replace(
        "scale: percent", "scale: percentage"
    )
    path = write(tmp_path, text)
    problems = _problems(path)
    assert len(problems) == 2
    assert (
        problems[0].startswith(f"{path}:{_line(text, 'evidense')}:")
        and "unknown kind" in problems[0]
    )
    assert problems[1].startswith(f"{path}:{_line(text, 'percentage')}:") and "scale" in problems[1]


def test_a_bad_nested_parameter_points_at_its_own_line(tmp_path: Path) -> None:
    text = SMALL.replace(
        "rule: {kind: threshold, indicator: ner_primary, at_least: 99}",
        "rule:\n            kind: deduction\n            per_failure: 2\n            elements:\n"
        "              - {indicator: ner_primary, at_least: 99}\n"
        "              - {indicator: ger_preschool, at_least: 80, at_most: 90}",
    )
    path = write(tmp_path, text)
    (problem,) = _problems(path)
    assert problem.startswith(f"{path}:{_line(text, 'at_most: 90')}:")


def test_tree_shape_problems(tmp_path: Path) -> None:
    text = SMALL.replace("          points: 40\n", "").replace("id: poll", "id: plan")
    path = write(tmp_path, text)
    problems = _problems(path)
    assert any("points or weight" in p and f":{_line(text, 'id: plan')}:" in p for p in problems)
    assert any("`plan` declared twice" in p for p in problems)


def test_yaml_syntax_and_schema_errors_name_the_line(tmp_path: Path) -> None:
    text = SMALL.replace("  level: district\n", "  level: district\n  levle: city\n")
    path = write(tmp_path, text)
    (problem,) = _problems(path)
    assert problem.startswith(f"{path}:{_line(text, 'levle')}:") and "levle" in problem
    broken = write(
        tmp_path, SMALL.replace("items:\n    - id: work", "items:\n  - id: work\n   bad")
    )
    assert _problems(broken)[0].startswith(f"{broken}:")


def test_the_four_shipped_frameworks_load_and_cite_their_source() -> None:
    frameworks = shipped_frameworks()
    assert set(frameworks) == {
        "balance2012", "balance2017", "gd_leaders_basic_education", "strong_education_district",
    }  # fmt: skip
    assert frameworks["gd_leaders_basic_education"].status == "reconstructed"
    assert frameworks["strong_education_district"].status == "adapted"
    for framework in frameworks.values():
        assert "REFERENCES.md" in framework.source and framework.provenance.zh
    district = frameworks["strong_education_district"]
    second = {item.id: item.points for item in district.items for item in item.items}
    assert second == {
        "planning": 11,
        "funding": 23,
        "workforce": 16,
        "balance": 21,
        "equipment_ict": 14,
        "outcomes": 15,
    }
    gd = frameworks["gd_leaders_basic_education"]
    areas = gd.item("indicators").items
    assert len(areas) == 3 and sum(len(area.items) for area in areas) == 9
    assert len(gd.item("veto").items) == 5 and gd.item("opinion_poll").weight == 0.5
    b2017 = frameworks["balance2017"]
    assert len(b2017.item("government").items) == 15 and len(b2017.item("quality").items) == 9
