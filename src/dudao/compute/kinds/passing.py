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

from dudao.catalogue import Indicator, Measure
from dudao.compute.hierarchy import Units
from dudao.compute.results import IndicatorResult, ResultKey

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
        self, indicator: Indicator, results: Mapping[ResultKey, IndicatorResult], units: Units
    ) -> list[IndicatorResult]:
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
        return [self._one(indicator, place, tally) for place, tally in ordered]

    def _one(
        self, indicator: Indicator, place: tuple[str, str | None, int | None], tally: Tally
    ) -> IndicatorResult:
        unit, scope, year = place
        passed, judged = float(tally["passed"]), float(tally["judged"])
        if indicator.measure is Measure.COUNT:
            value: float | None = passed
        else:
            value = indicator.scale * passed / judged if judged else None
        missing = (f"not_judged_{tally['missing']}",) if tally["missing"] else ()
        return IndicatorResult(
            indicator=indicator.id, unit_code=unit, scope=scope, year=year, value=value,
            numerator=passed, denominator=judged, display=indicator.display(value),
            notes=indicator.notes + missing, kind=self.name,
        )  # fmt: skip
