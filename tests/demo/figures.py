"""The seed's figures as checks: one set of query parameters per year, or one per period.

The figures and their matching rule come from dudao.demo.seed (a copy of
shared/seed/figures.yaml); test_seed_figures checks that the copy is current.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from dudao.demo.seed import SeedFigure


def name(figure: SeedFigure) -> str:
    span = figure.years or figure.each_year
    when = f"{span[0]}-{span[1]}" if span else str(figure.year)
    return "/".join(filter(None, (figure.id, figure.unit, when, figure.scope)))


def checks(figure: SeedFigure) -> list[dict[str, Any]]:
    """Query parameters: `year` one check, `each_year` one per year, `years` one for the period."""
    common: dict[str, Any] = {"unit": figure.unit}
    if figure.scope:
        common["scope"] = figure.scope
    if figure.as_of:
        common["as_of"] = date.fromisoformat(figure.as_of)
    if figure.years:
        first, last = figure.years
        return [common | {"first": first, "last": last, "year": last}]
    if figure.each_year:
        first, last = figure.each_year
        return [common | {"year": year} for year in range(first, last + 1)]
    return [common | {"year": figure.year}]


def shared_figures_file() -> Path | None:
    """shared/seed/figures.yaml beside the repository, when this checkout has it."""
    for folder in Path(__file__).resolve().parents:
        candidate = folder / "shared" / "seed" / "figures.yaml"
        if candidate.is_file():
            return candidate
    return None
