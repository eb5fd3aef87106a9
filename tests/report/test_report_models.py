"""Report models load from the catalogue; a mistake names its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from dudao.catalogue import CatalogueError
from dudao.catalogue.reports import REPORTS_DIR, default_report_models, load_report_models


def test_the_shipped_models_load() -> None:
    models = default_report_models()
    assert set(models) == {"duty", "self"}
    duty = models["duty"]
    assert [s.id for s in duty.sections] == ["opening", "understanding", "measures", "next_steps"]
    measures = next(s for s in duty.sections if s.id == "measures")
    assert [s.area for s in measures.sections if s.area] == [
        "funding", "consolidation", "quality", "vocational", "teachers", "ict",
    ]  # fmt: skip


def test_an_unknown_indicator_is_refused_with_file_and_line(tmp_path: Path) -> None:
    text = (REPORTS_DIR / "duty.yaml").read_text(encoding="utf-8")
    broken = text.replace("indicator: schools_merged,", "indicator: schools_mergd,")
    line = next(n for n, row in enumerate(broken.splitlines(), 1) if "schools_mergd" in row)
    (tmp_path / "duty.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(CatalogueError) as raised:
        load_report_models(tmp_path)
    (problem,) = raised.value.problems
    assert problem.file.endswith("duty.yaml") and problem.line == line
    assert "schools_mergd" in problem.message


def test_a_misspelt_key_is_refused_with_file_and_line(tmp_path: Path) -> None:
    text = (REPORTS_DIR / "duty.yaml").read_text(encoding="utf-8")
    broken = text.replace("      template: funding\n", "      templat: funding\n")
    line = next(n for n, row in enumerate(broken.splitlines(), 1) if "templat:" in row)
    (tmp_path / "duty.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(CatalogueError) as raised:
        load_report_models(tmp_path)
    assert [(p.line, "templat" in p.message) for p in raised.value.problems] == [(line, True)]


def test_an_unknown_framework_is_refused_with_file_and_line(tmp_path: Path) -> None:
    text = (REPORTS_DIR / "duty.yaml").read_text(encoding="utf-8")
    broken = text.replace("assessment: gd_leaders_basic_education", "assessment: gd_leaders")
    line = next(n for n, row in enumerate(broken.splitlines(), 1) if "- id: measures" in row)
    (tmp_path / "duty.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(CatalogueError) as raised:
        load_report_models(tmp_path)
    (problem,) = raised.value.problems
    assert problem.line == line and "gd_leaders" in problem.message
