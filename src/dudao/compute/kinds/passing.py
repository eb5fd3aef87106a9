"""Passing: how many units of a level below a unit pass a test (districts, schools).

DATA.md: a CV exists for districts only; a city or province shows how many of its
districts pass. The same shape counts a district's schools meeting a per-school
standard. The numerator is the units passing, the denominator the units judged;
units whose test has a missing input are left out and counted in a note. The value
is the count (measure `count`) or scale × passing ÷ judged (a share).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dudao.catalogue import Indicator, Measure
from dudao.compute.hierarchy import Units
from dudao.compute.kinds.places import Grid, sorted_distinct
from dudao.compute.results import Computed, ResultKey, notes_column, result_table

NULL = pa.scalar(None, pa.string())


class Passing:
    name = "passing"

    def depends(self, indicator: Indicator) -> tuple[str, ...]:
        return indicator.of

    def formula(self, indicator: Indicator) -> str:
        counted = f"{indicator.among} units below passing {', '.join(indicator.of)}"
        if indicator.measure is Measure.COUNT:
            return f"number of {counted}"
        return f"{indicator.scale:g} × {counted} ÷ those judged"

    def derive(
        self, indicator: Indicator, results: Mapping[ResultKey, Computed], units: Units
    ) -> pa.Table:
        grid = Grid.of(results, indicator.of)
        rows, above, above_units = _counted(indicator, grid, units)
        rest = grid.keys[rows] % grid.per_unit  # scope and year
        keys, place = np.unique(above * grid.per_unit + rest, return_inverse=True)
        verdict = grid.rows["passed"].take(pa.array(rows, pa.int64()))
        judged = verdict.is_valid().to_numpy(zero_copy_only=False)
        passing = verdict.fill_null(False).to_numpy(zero_copy_only=False)
        passed = np.bincount(place, passing, len(keys))
        judged_count = np.bincount(place, judged, len(keys))
        missing = np.bincount(place, ~judged, len(keys)).astype(np.int64)
        if indicator.measure is Measure.COUNT:
            value = pa.array(passed, pa.float64())
        else:
            share = indicator.scale * passed / np.where(judged_count > 0, judged_count, 1)
            value = pa.array(share, pa.float64(), mask=judged_count == 0)
        unit_code, scope, year = grid.decode(keys, above_units)
        not_judged = pc.binary_join_element_wise("not_judged_", pc.cast(missing, pa.string()), "")
        return result_table(
            indicator,
            {
                "unit_code": unit_code,
                "scope": scope,
                "year": year,
                "value": value,
                "numerator": pa.array(passed, pa.float64()),
                "denominator": pa.array(judged_count, pa.float64()),
                "notes": notes_column(
                    indicator.notes, len(keys), pc.if_else(pa.array(missing > 0), not_judged, NULL)
                ),
            },
        )


def _counted(
    indicator: Indicator, grid: Grid, units: Units
) -> tuple[np.ndarray, np.ndarray, pa.Array]:
    """Each input row of a unit at the counted level, once for each unit above it at the
    indicator's levels: the rows, and the rank of the unit above among the third (codes)."""
    pairs = [
        (at, above)
        for at, code in enumerate(grid.units.to_pylist())
        if units.level.get(code) == indicator.among
        for above in units.ancestors(code)
        if units.level.get(above) in indicator.levels
    ]
    counted = sorted_distinct(pa.array([above for _, above in pairs], pa.string()))
    above = pa.table(
        {
            "unit": pa.array([at for at, _ in pairs], pa.int64()),
            "above": pc.index_in(pa.array([a for _, a in pairs], pa.string()), value_set=counted),
        }
    )
    rows = pa.table({"unit": grid.keys // grid.per_unit, "row": np.arange(len(grid.keys))})
    found = rows.join(above, "unit")
    return found["row"].to_numpy(), found["above"].to_numpy().astype(np.int64), counted
