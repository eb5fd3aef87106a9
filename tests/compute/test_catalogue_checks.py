"""A broken indicator declaration is refused when the catalogue loads, naming file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dudao.catalogue import CatalogueError, default_catalogue, load_catalogue
from dudao.catalogue.loader import DATA_DIR


@pytest.fixture
def indicators_file(tmp_path: Path) -> Path:
    shutil.copytree(DATA_DIR, tmp_path / "data")
    return tmp_path / "data" / "indicators.yaml"


def _refused(path: Path, old: str, new: str) -> tuple[int, str]:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(path.parent)
    (problem,) = raised.value.problems
    assert problem.file == str(path)
    line = next(n for n, row in enumerate(text.replace(old, new, 1).splitlines(), 1) if new in row)
    assert problem.line == line
    return line, problem.message


def test_an_unknown_column_of_a_derived_view(indicators_file: Path) -> None:
    _, message = _refused(
        indicators_file, "unit_level = 'district' AND holds", "unit_level = 'district' AND held"
    )
    assert "held" in message


def test_an_unknown_indicator_in_a_compliance_test(indicators_file: Path) -> None:
    _, message = _refused(indicators_file, '"regular_revenue_growth"]', '"revenue_growth"]')
    assert "revenue_growth" in message


def test_an_unknown_designation_in_a_holding(indicators_file: Path) -> None:
    _, message = _refused(indicators_file, 'kind: "first_class_school"', 'kind: "first_class"')
    assert "first_class" in message


def test_an_unknown_table(indicators_file: Path) -> None:
    _, message = _refused(indicators_file, 'table: "school_closures"', 'table: "closures"')
    assert "closures" in message


def test_every_seed_section_is_covered_and_ids_are_unique() -> None:
    indicators = default_catalogue().indicators
    assert len(indicators) >= 60
    kinds = {indicator.kind for indicator in indicators.values()}
    assert kinds == {
        "ratio", "share", "amount", "count", "growth", "compliance", "adjusted_parity", "dispersion",
        "mean", "passing",
    }  # fmt: skip
    for stage in ("primary", "junior"):
        for size in (56, 66):
            assert f"large_class_share_{size}_{stage}" in indicators
    compliance = {i.id for i in indicators.values() if i.kind == "compliance"}
    assert compliance == {
        "three_growths_1", "three_growths_2", "three_growths_3", "two_rises_share",
        "two_rises_gdp", "no_decrease_budget", "no_decrease_per_student",
        *(f"balance{year}_cv_passed_{stage}" for year in (2012, 2017) for stage in ("primary", "junior")),
        "balance2017_school_standard_primary", "balance2017_school_standard_junior",
    }  # fmt: skip


def test_traditional_texts_are_the_simplified_ones_in_traditional_script() -> None:
    import opencc

    t2s = opencc.OpenCC("t2s")
    for indicator in default_catalogue().indicators.values():
        for text in (indicator.label, indicator.definition):
            assert t2s.convert(text.zh_hant) == t2s.convert(text.zh_hans), indicator.place


def test_an_unknown_level(indicators_file: Path) -> None:
    text = indicators_file.read_text(encoding="utf-8")
    indicators_file.write_text(text.replace("levels: [district]", "levels: [county]", 1), "utf-8")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(indicators_file.parent)
    (problem,) = raised.value.problems
    assert problem.file == str(indicators_file) and problem.line is not None
    assert "unknown level 'county'" in problem.message
