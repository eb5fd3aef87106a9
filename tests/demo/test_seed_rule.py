"""The seed's matching rule (seed_figures.yaml header): convert, round half-up, qualifiers."""

from __future__ import annotations

import pytest

from dudao.demo.seed import SeedFigure, seed_figures


def _figure(value: str, measure: str = "%", qualifier: str | None = None) -> SeedFigure:
    return SeedFigure(
        id="x", text="x", value=value, measure=measure, unit="440100", qualifier=qualifier
    )


@pytest.mark.parametrize(
    ("figure", "computed", "matches"),
    [
        (_figure("108.88"), 108.875, True),  # half-up, not half-to-even
        (_figure("108.88"), 108.885, False),
        (_figure("21.0"), 20.95, True),
        (_figure("21.0"), 21.05, False),
        (_figure("86.72", "億元"), 867_249.0, True),  # 万元 -> 亿元
        (_figure("86.72", "億元"), 867_250.0, False),
        (_figure("8.49:1", "ratio"), 8.494, True),
        (_figure("5.4:4.6", "ratio"), 5.36, True),
        (_figure("50", "億元", "近"), 480_000.0, True),  # at most 5 % below
        (_figure("50", "億元", "近"), 470_000.0, False),
        (_figure("50", "億元", "近"), 500_100.0, False),  # never above
        (_figure("96", "%", "以上"), 96.0, True),
        (_figure("96", "%", "以上"), 95.99, False),
        (_figure("100"), None, False),
    ],
)
def test_matching_rule(figure: SeedFigure, computed: float | None, matches: bool) -> None:
    assert figure.matches(computed) is matches


def test_every_seed_figure_is_read_with_its_time() -> None:
    figures = seed_figures()
    assert len(figures) == 52
    assert all(f.year or f.years or f.each_year for f in figures)
    own_level = [f for f in figures if f.id == "edu_share_of_general_budget"]
    assert [(f.year, f.value, f.scope) for f in own_level] == [
        (2006, "21.0", "own_level"),
        (2007, "19.4", "own_level"),
        (2008, "19.6", "own_level"),
    ]
