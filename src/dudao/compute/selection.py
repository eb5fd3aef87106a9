"""The indicators a run computes: those selected, after the ones their tests read."""

from __future__ import annotations

from collections.abc import Mapping

from dudao.catalogue import Catalogue, CatalogueError, Indicator
from dudao.compute.kinds import DerivedKind, IndicatorKind


def with_dependencies(
    catalogue: Catalogue, selected: list[str], registry: Mapping[str, IndicatorKind]
) -> list[Indicator]:
    """The selected indicators after those their compliance tests read; unknown kinds refused."""
    ordered: dict[str, Indicator] = {}

    def visit(indicator_id: str) -> None:
        indicator = catalogue.indicators[indicator_id]
        kind = registry.get(indicator.kind)
        if isinstance(kind, DerivedKind):
            for other in kind.depends(indicator):
                visit(other)
        ordered.setdefault(indicator_id, indicator)

    for indicator_id in selected:
        visit(indicator_id)
    problems = [
        indicator.problem(
            f"{indicator.id}: unknown kind {indicator.kind!r}; known: {sorted(registry)}"
        )
        for indicator in ordered.values()
        if indicator.kind not in registry
    ]
    if problems:
        raise CatalogueError(problems)
    return list(ordered.values())
