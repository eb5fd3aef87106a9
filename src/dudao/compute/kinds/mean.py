"""Mean of other indicators' values (the 2012 composite: the mean of the eight CVs).

Null, and saying which input is missing, unless every input has a value.
"""

from __future__ import annotations

from collections.abc import Mapping

from dudao.catalogue import Indicator
from dudao.compute.hierarchy import Units
from dudao.compute.results import IndicatorResult, ResultKey


class Mean:
    name = "mean"

    def depends(self, indicator: Indicator) -> tuple[str, ...]:
        return indicator.of

    def formula(self, indicator: Indicator) -> str:
        return f"mean of {', '.join(indicator.of)}"

    def derive(
        self, indicator: Indicator, results: Mapping[ResultKey, IndicatorResult], units: Units
    ) -> list[IndicatorResult]:
        places = sorted(
            {(unit, scope, year) for (i, unit, scope, year) in results if i in indicator.of},
            key=lambda place: (place[0], place[1] or "", place[2] or 0),
        )
        return [self._one(indicator, results, place) for place in places]

    def _one(
        self,
        indicator: Indicator,
        results: Mapping[ResultKey, IndicatorResult],
        place: tuple[str, str | None, int | None],
    ) -> IndicatorResult:
        unit, scope, year = place
        found = {i: results.get((i, unit, scope, year)) for i in indicator.of}
        values = [r.value for r in found.values() if r is not None and r.value is not None]
        missing = tuple(f"missing_{i}" for i, r in found.items() if r is None or r.value is None)
        value = None if missing else sum(values) / len(values)
        return IndicatorResult(
            indicator=indicator.id, unit_code=unit, scope=scope, year=year, value=value,
            numerator=None, denominator=None, display=indicator.display(value),
            notes=indicator.notes + missing, kind=self.name,
        )  # fmt: skip
