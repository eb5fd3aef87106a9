"""Where a derived kind judges, and its inputs' values there, as columns.

A derived kind reads a few indicators' results by key. Judged one place at a time in
Python, a national run spent seconds on ~60,000 places; here each (unit, scope, year)
is one integer key — unit rank, then scope rank (no scope first), then year — so
that sorting keys sorts places by (unit, scope or "", year or 0), and an input's
value at every place (in year t or t−1) is one sorted-array lookup.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter, itemgetter
from typing import NamedTuple

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dudao.compute.hierarchy import Units
from dudao.compute.results import Computed, ResultKey


class Column(NamedTuple):
    """An input's values at the places, which of them are there (an absent result or a
    null value is not), and the input's row at each (where there)."""

    value: np.ndarray
    present: np.ndarray
    rows: np.ndarray
    grid: Grid

    @property
    def shown(self) -> pa.Array:
        """Each value as JSON text, "null" where not there."""
        if not self.present.any():
            return pa.array(["null"] * len(self.present), pa.string())
        found = self.grid.shown.take(pa.array(self.rows))
        return pc.if_else(pa.array(self.present), found, "null")


KEY_SCHEMA = (
    ("indicator", pa.string()),
    ("unit_code", pa.string()),
    ("scope", pa.string()),
    ("year", pa.int64()),
)
NO_YEAR, FIRST_YEAR = 0, 2  # year slots: t−1 of the first year is slot 1, never a result's


def input_table(results: Mapping[ResultKey, Computed], names: Collection[str]) -> pa.Table:
    """The results of the indicators `names` as columns: indicator, unit_code, scope,
    year, value, passed (one row per result)."""
    keys = {
        name: pa.array(list(map(itemgetter(at), results)), kind)
        for at, (name, kind) in enumerate(KEY_SCHEMA)
    }  # one column at a time: zip(*results) makes one iterator per result
    table = pa.table(
        {
            **keys,
            "value": pa.array(list(map(attrgetter("value"), results.values())), pa.float64()),
            "passed": pa.array(list(map(attrgetter("passed"), results.values())), pa.bool_()),
        }
    )
    return table.filter(pc.is_in(table["indicator"], value_set=pa.array(list(names), pa.string())))


@dataclass(frozen=True)
class Grid:
    """The inputs, each row with its place key."""

    rows: pa.Table  # input_table
    keys: np.ndarray  # each row's place key
    units: pa.Array  # distinct unit codes, sorted: a key's unit is units[key // (scopes × span)]
    scopes: pa.Array  # distinct scopes, sorted, "" for none
    first_year: int  # of slot FIRST_YEAR
    span: int  # year slots per (unit, scope)
    _sorted: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)

    @classmethod
    def of(cls, results: Mapping[ResultKey, Computed], names: Collection[str]) -> Grid:
        rows = input_table(results, names)
        scope = pc.fill_null(rows["scope"], "")
        units, scopes = sorted_distinct(rows["unit_code"]), sorted_distinct(scope)
        known = rows["year"].is_valid().to_numpy(zero_copy_only=False)
        years = rows["year"].fill_null(0).to_numpy()
        first = int(years[known].min()) if known.any() else 0
        span = int(years[known].max()) - first + FIRST_YEAR + 1 if known.any() else FIRST_YEAR
        slot = np.where(known, years - first + FIRST_YEAR, NO_YEAR)
        unit_rank = pc.index_in(rows["unit_code"], value_set=units).to_numpy().astype(np.int64)
        scope_rank = pc.index_in(scope, value_set=scopes).to_numpy().astype(np.int64)
        keys = (unit_rank * len(scopes) + scope_rank) * span + slot
        return cls(rows, keys, units, scopes, first, span)

    def at_levels(self, units: Units, levels: Collection[str]) -> np.ndarray:
        """Whether each row's unit is at one of `levels` (a unit not in `units` is not)."""
        found = [units.level.get(code) in levels for code in self.units.to_pylist()]
        return np.array(found, bool)[self.keys // self.per_unit]

    def places(self, rows: np.ndarray) -> Places:
        """The distinct places of the rows chosen (a boolean mask), sorted."""
        keys = np.unique(self.keys[rows])
        return Places(self, keys, *self.decode(keys, self.units))

    @property
    def per_unit(self) -> int:
        """Keys per unit: a key is unit rank × per_unit + scope rank × span + year slot."""
        return len(self.scopes) * self.span

    def decode(self, keys: np.ndarray, units: pa.Array) -> tuple[pa.Array, pa.Array, pa.Array]:
        """Unit code, scope and year of each key, its unit a rank in `units`."""
        slot = keys % self.span
        scope = self.scopes.take(pa.array(keys // self.span % len(self.scopes)))
        return (
            units.take(pa.array(keys // self.per_unit)),
            pc.if_else(pc.equal(scope, ""), pa.scalar(None, pa.string()), scope),
            pa.array(slot - FIRST_YEAR + self.first_year, pa.int64(), mask=slot == NO_YEAR),
        )

    def by_indicator(self, indicator: str) -> tuple[np.ndarray, np.ndarray]:
        """The indicator's rows' keys, sorted, and the rows (indices) in that order."""
        if indicator not in self._sorted:
            rows = np.flatnonzero(pc.equal(self.rows["indicator"], indicator).to_numpy(False))
            order = np.argsort(self.keys[rows])
            self._sorted[indicator] = (self.keys[rows][order], rows[order])
        return self._sorted[indicator]

    @cached_property
    def value(self) -> np.ndarray:
        return self.rows["value"].fill_null(0.0).to_numpy()  # type: ignore[no-any-return]

    @cached_property
    def present(self) -> np.ndarray:
        return self.rows["value"].is_valid().to_numpy(zero_copy_only=False)  # type: ignore[no-any-return]

    @cached_property
    def shown(self) -> pa.Array:
        """Each row's value as json writes a float (Python's repr; NaN, Infinity), once
        per row: a value is shown at its year and, as t−1, at the next."""
        shown = pa.array(list(map(float.__repr__, self.value.tolist())), pa.string())
        for special, where in (
            ("NaN", np.isnan(self.value)),
            ("Infinity", np.isposinf(self.value)),
            ("-Infinity", np.isneginf(self.value)),
        ):
            if where.any():
                shown = pc.if_else(pa.array(where), special, shown)
        return shown


@dataclass(frozen=True)
class Places:
    """Sorted distinct places and the inputs' values there."""

    grid: Grid
    keys: np.ndarray
    unit_code: pa.Array
    scope: pa.Array
    year: pa.Array

    def __len__(self) -> int:
        return len(self.keys)

    def year_text(self, back: int) -> pa.Array:
        """The year, less `back`, as text (the keys of a test's values at t and t−1)."""
        return pc.cast(pc.subtract(self.year, back), pa.string())

    def value(self, indicator: str, back: int = 0) -> Column:
        """The indicator's value at each place in its year (`back` = 1: the year before)."""
        grid = self.grid
        keys, rows = grid.by_indicator(indicator)
        wanted = self.keys - back
        if not len(keys):
            nowhere = np.zeros(len(wanted), bool)
            return Column(np.zeros(len(wanted)), nowhere, np.zeros(len(wanted), np.int64), grid)
        at = rows[np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)]
        present = (grid.keys[at] == wanted) & grid.present[at]
        return Column(np.where(present, grid.value[at], 0.0), present, at, grid)


def sorted_distinct(column: pa.ChunkedArray | pa.Array) -> pa.Array:
    distinct = pc.unique(column)
    return distinct.take(pc.array_sort_indices(distinct))
