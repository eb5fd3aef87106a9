"""Mean of other indicators' values (the 2012 composite: the mean of the eight CVs).

Null, and saying which input is missing, unless every input has a value.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dudao.catalogue import Indicator
from dudao.compute.hierarchy import Units
from dudao.compute.kinds.places import Grid
from dudao.compute.results import Computed, ResultKey, notes_column, result_table


class Mean:
    name = "mean"

    def depends(self, indicator: Indicator) -> tuple[str, ...]:
        return indicator.of

    def formula(self, indicator: Indicator) -> str:
        return f"mean of {', '.join(indicator.of)}"

    def derive(
        self, indicator: Indicator, results: Mapping[ResultKey, Computed], units: Units
    ) -> pa.Table:
        grid = Grid.of(results, indicator.of)
        places = grid.places(np.ones(grid.rows.num_rows, bool))
        inputs = {name: places.value(name) for name in dict.fromkeys(indicator.of)}
        total = np.zeros(len(places))
        for column in inputs.values():
            total = total + column.value  # in order, as Python's sum adds them
        full = np.logical_and.reduce([column.present for column in inputs.values()])
        missing = [
            pc.if_else(pa.array(column.present), pa.scalar(None, pa.string()), f"missing_{name}")
            for name, column in inputs.items()
        ]
        return result_table(
            indicator,
            {
                "unit_code": places.unit_code,
                "scope": places.scope,
                "year": places.year,
                "value": pa.array(total / len(inputs), pa.float64(), mask=~full),
                "notes": notes_column(indicator.notes, len(places), *missing),
            },
        )
