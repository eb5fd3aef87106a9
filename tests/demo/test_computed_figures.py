"""Every seed figure that dudao's catalogue computes comes out of the seed city.

Data-driven: as indicators join the catalogue, their seed figures join this test.
"""

from __future__ import annotations

import pytest

from dudao.catalogue import default_catalogue
from dudao.compute import IndicatorResult, compute_indicators
from dudao.demo import write_seed_city
from dudao.demo.seed import SeedFigure, seed_figures
from dudao.ingest import read_dataset

Key = tuple[str, str, str | None, int | None]
COMPUTED = [f for f in seed_figures() if f.id in default_catalogue().indicators and f.year]


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[Key, IndicatorResult]:
    dataset = read_dataset(write_seed_city(tmp_path_factory.mktemp("seed") / "returns"))
    assert not dataset.report.has_errors
    computed = compute_indicators(dataset.tables)
    return {(r.indicator, r.unit_code, r.scope, r.year): r for r in computed}


def test_the_five_enrolment_figures_are_computed() -> None:
    assert {f.id for f in COMPUTED} >= {
        "ger_preschool", "ner_primary", "progression_primary_to_junior",
        "progression_junior_to_senior", "progression_senior_to_higher",
    }  # fmt: skip


@pytest.mark.parametrize("figure", COMPUTED, ids=lambda f: f"{f.id}-{f.unit}-{f.year}")
def test_seed_figure(results: dict[Key, IndicatorResult], figure: SeedFigure) -> None:
    result = results[(figure.id, figure.unit, figure.scope, figure.year)]
    assert figure.matches(result.value), (figure.value, result.value, result.display)


def test_primary_ner_is_capped_as_the_uis_rule_says(results: dict[Key, IndicatorResult]) -> None:
    ner = results[("ner_primary", "440100", None, 2008)]
    assert ner.value == 100.0 and "capped" in ner.notes
    assert ner.numerator is not None and ner.denominator is not None
    assert ner.numerator > ner.denominator
