"""Passing: how many units of a level below a unit pass a test (districts, schools).

DATA.md: a CV exists for districts only; a city or province shows how many of its
districts pass. The same shape counts a district's schools meeting a per-school
standard. The numerator is the units passing, the denominator the units judged;
units whose test has a missing input are left out and counted in a note. The value
is the count (measure `count`) or scale × passing ÷ judged (a share).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

import pyarrow as pa

from dudao.catalogue import Indicator, Measure
from dudao.compute.hierarchy import Units
from dudao.compute.results import Computed, ResultKey, result_table

Tally = dict[str, int]  # passed, judged, missing


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
        tallies: dict[tuple[str, str | None, int | None], Tally] = defaultdict(
            lambda: {"passed": 0, "judged": 0, "missing": 0}
        )
        for (tested, unit, scope, year), verdict in results.items():
            if tested not in indicator.of or units.level.get(unit) != indicator.among:
                continue
            for above in units.ancestors(unit):
                if units.level.get(above) in indicator.levels:
                    tally = tallies[(above, scope, year)]
                    tally["judged" if verdict.passed is not None else "missing"] += 1
                    tally["passed"] += verdict.passed is True
        ordered = sorted(
            tallies.items(), key=lambda item: (item[0][0], item[0][1] or "", item[0][2] or 0)
        )
        counted = [self._one(indicator, tally) for _, tally in ordered]
        return result_table(
            indicator,
            {
                "unit_code": [unit for (unit, _, _), _ in ordered],
                "scope": [scope for (_, scope, _), _ in ordered],
                "year": [year for (_, _, year), _ in ordered],
                "value": [value for value, _, _, _ in counted],
                "numerator": [passed for _, passed, _, _ in counted],
                "denominator": [judged for _, _, judged, _ in counted],
                "notes": [notes for _, _, _, notes in counted],
            },
        )

    def _one(
        self, indicator: Indicator, tally: Tally
    ) -> tuple[float | None, float, float, tuple[str, ...]]:
        """Value, numerator (passing), denominator (judged) and notes of one unit."""
        passed, judged = float(tally["passed"]), float(tally["judged"])
        if indicator.measure is Measure.COUNT:
            value: float | None = passed
        else:
            value = indicator.scale * passed / judged if judged else None
        missing = (f"not_judged_{tally['missing']}",) if tally["missing"] else ()
        return value, passed, judged, indicator.notes + missing
