"""Every figure the seed report states comes out of the seed city by its definition.

Each figure is computed by its hand-written reference query (reference_sql.py)
from the generated CSV files, and compared by the seed's matching rule.
"""

from __future__ import annotations

import duckdb
import pytest

from dudao.demo.seed import FIGURES_FILE, SeedFigure, seed_figures

from .figures import checks, name, shared_figures_file
from .reference_sql import QUERIES, compute

FIGURES = seed_figures()


def test_every_figure_has_a_reference_query() -> None:
    assert {figure.id for figure in FIGURES} <= set(QUERIES)


def test_the_figures_are_the_shared_ones() -> None:
    shared = shared_figures_file()
    if shared is None:
        pytest.skip("shared/seed/figures.yaml is not beside this checkout")
    assert FIGURES_FILE.read_bytes() == shared.read_bytes()


@pytest.mark.parametrize("figure", FIGURES, ids=name)
def test_figure(figure: SeedFigure, reference: duckdb.DuckDBPyConnection) -> None:
    for parameters in checks(figure):
        computed = compute(reference, figure.id, **parameters)
        assert figure.matches(computed), (
            f"{name(figure)} in {parameters['year']}: computed {computed}, "
            f"the seed prints {figure.qualifier or ''}{figure.value} {figure.measure}"
        )
