"""Mean of other indicators' values (the 2012 composite: the mean of the eight CVs).

Null, and saying which input is missing, unless every input has a value.
"""

from __future__ import annotations

from collections.abc import Mapping

import pyarrow as pa

from dudao.catalogue import Indicator
from dudao.compute.hierarchy import Units
from dudao.compute.results import Computed, ResultKey, result_table


class Mean:
    name = "mean"

    def depends(self, indicator: Indicator) -> tuple[str, ...]:
        return indicator.of

    def formula(self, indicator: Indicator) -> str:
        return f"mean of {', '.join(indicator.of)}"

    def derive(
        self, indicator: Indicator, results: Mapping[ResultKey, Computed], units: Units
    ) -> pa.Table:
        places = sorted(
            {(unit, scope, year) for (i, unit, scope, year) in results if i in indicator.of},
            key=lambda place: (place[0], place[1] or "", place[2] or 0),
        )
        means = [self._one(indicator, results, place) for place in places]
        return result_table(
            indicator,
            {
                "unit_code": [unit for unit, _, _ in places],
                "scope": [scope for _, scope, _ in places],
                "year": [year for _, _, year in places],
                "value": [value for value, _ in means],
                "notes": [notes for _, notes in means],
            },
        )

    def _one(
        self,
        indicator: Indicator,
        results: Mapping[ResultKey, Computed],
        place: tuple[str, str | None, int | None],
    ) -> tuple[float | None, tuple[str, ...]]:
        """The mean and the notes (which input is missing)."""
        unit, scope, year = place
        found = {i: results.get((i, unit, scope, year)) for i in indicator.of}
        values = [r.value for r in found.values() if r is not None and r.value is not None]
        missing = tuple(f"missing_{i}" for i, r in found.items() if r is None or r.value is None)
        value = None if missing else sum(values) / len(values)
        return value, indicator.notes + missing
