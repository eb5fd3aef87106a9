"""What a change to some tables can move: the indicators that read them, and how.

An operand reads its table, or the tables a derived view is built from; a school
set is decided on the stage rows and the register, and school rows are placed
through the register. An indicator is affected when one of its operands reads a
changed table, or when it judges or counts an affected indicator.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Mapping

import sqlglot
from sqlglot import exp

from dudao.catalogue import Catalogue, Operand
from dudao.catalogue.views import derived_views, table_placement
from dudao.compute.kinds import DerivedKind, IndicatorKind

SET_TABLES = frozenset({"school_stage_year", "schools"})  # school_membership's sources
HOLDING_TABLES = frozenset({"designations", "schools", "org_units"})  # designation_status's


class Reads:
    """Which tables each operand reads, and whether it is a sum of rows, for one catalogue."""

    def __init__(self, catalogue: Catalogue, changed: Collection[str]) -> None:
        self.catalogue = catalogue
        self.changed = frozenset(changed)
        self.views = derived_views(catalogue)
        self._placements: dict[str, str | None] = {}

    def placement(self, operand: Operand) -> str | None:
        if operand.table not in self._placements:
            view = self.views.get(operand.table)
            found = view.placement if view else table_placement(self.catalogue, operand.table)
            self._placements[operand.table] = found
        return self._placements[operand.table]

    def tables(self, operand: Operand) -> frozenset[str]:
        view = self.views.get(operand.table)
        read = set(view.reads if view else (operand.table,))
        if self.placement(operand) == "school":
            read.add("schools")
        if operand.school_set is not None:
            read |= SET_TABLES
        if operand.holding is not None:
            read |= HOLDING_TABLES
        return frozenset(read)

    def changes(self, operand: Operand) -> bool:
        """Whether the operand reads a changed table."""
        return not self.tables(operand).isdisjoint(self.changed)

    def decomposable(self, operand: Operand) -> bool:
        """Whether a unit's total is the sum of its parts' totals: a SUM or COUNT (a FILTER
        allowed) of rows summed into every unit above theirs. Org rows are not (a unit's own
        row replaces its children's), nor an ancestor's row read `at_level`."""
        if operand.at_level is not None or self.placement(operand) not in ("school", "event"):
            return False
        return _sum_of_rows(operand.expr)

    def affected(self, registry: Mapping[str, IndicatorKind]) -> set[str]:
        """Ids of the indicators whose values the change can move."""
        indicators = self.catalogue.indicators.values()
        found = {i.id for i in indicators if any(self.changes(op) for op in i.operands)}
        growing = True
        while growing:  # a test of an affected indicator, a count of such tests, …
            more = {
                indicator.id
                for indicator in indicators
                if indicator.id not in found
                and isinstance(kind := registry.get(indicator.kind), DerivedKind)
                and not found.isdisjoint(kind.depends(indicator))
            }
            found |= more
            growing = bool(more)
        return found


@functools.lru_cache(maxsize=1024)
def _sum_of_rows(expression: str) -> bool:
    tree = sqlglot.parse_one(expression, dialect="duckdb")
    if isinstance(tree, exp.Filter):
        tree = tree.this
    if isinstance(tree, exp.Count):
        return not isinstance(tree.this, exp.Distinct)
    return isinstance(tree, exp.Sum)
