"""An operand's total at a unit, read back from computed results.

A ratio's or share's result carries Σnumerator and Σdenominator, an amount's or
count's its one sum: so the total of an operand at a unit is in the result of any
indicator that has that operand as its numerator or denominator, at a level that
indicator is computed for. Its scope must be read the same way: an operand without
fiscal scope has its rows under scope null only in an indicator without scope.
A missing result means every operand of it was null there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from dudao.catalogue import Catalogue, Operand
from dudao.compute.operands import has_scope
from dudao.compute.results import IndicatorResult, ResultKey

CARRIERS = ("ratio", "share", "amount", "count")  # kinds whose n and d are the operands' totals
Results = Mapping[ResultKey, IndicatorResult]


@dataclass(frozen=True)
class Carrier:
    indicator: str
    field: str  # numerator or denominator
    levels: frozenset[str]


class Sums:
    """Where each operand's totals can be read, by (operand key, has fiscal scope)."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.carriers: dict[tuple[object, ...], list[Carrier]] = {}
        for indicator in catalogue.indicators.values():
            if indicator.kind not in CARRIERS or any(op.at_level for op in indicator.operands):
                continue  # a figure reading an ancestor's row is not refreshed on the district's
            scoped = any(has_scope(catalogue, op) for op in indicator.operands)
            own = (indicator.numerator, None if indicator.kind in ("amount", "count") else indicator.denominator)  # fmt: skip
            for field, operand in zip(("numerator", "denominator"), own, strict=True):
                if operand is not None and has_scope(catalogue, operand) == scoped:
                    carrier = Carrier(indicator.id, field, frozenset(indicator.levels))
                    self.carriers.setdefault(self.key(operand), []).append(carrier)

    def key(self, operand: Operand) -> tuple[object, ...]:
        return (*operand.key, operand.at_level, has_scope(self.catalogue, operand))

    def carrier(self, operand: Operand, levels: tuple[str, ...]) -> Carrier | None:
        """An indicator carrying the operand's totals at every one of `levels`."""
        return next(
            (c for c in self.carriers.get(self.key(operand), ()) if c.levels.issuperset(levels)),
            None,
        )


def total(
    results: Results, carrier: Carrier, unit: str, scope: str | None, year: int | None
) -> float | None:
    result = results.get((carrier.indicator, unit, scope, year))
    return None if result is None else getattr(result, carrier.field)  # type: ignore[no-any-return]


def patched(before: float | None, root_before: float | None, root_after: float | None) -> tuple[bool, float | None]:  # fmt: skip
    """A unit's new total when only the root's part moved: (exact, total).

    A sum of nothing is null: a total that was null gets the root's new part; a root
    part that becomes null leaves the rest, which is null only if it was all the root's,
    and so cannot be told from a rest summing to 0 (not exact).
    """
    if before is None:
        return True, root_after
    rest = before - (root_before or 0.0)
    if root_after is not None:
        return True, rest + root_after
    if root_before is None:
        return True, before
    return rest != 0.0, rest
