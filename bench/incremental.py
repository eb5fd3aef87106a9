"""After one school's row changes: refresh its district, city, province and nation.

The product's refresh (`dudao.compute.refresh.refresh_results`) against a full
recompute, in the same run: the full catalogue is computed once by `compute_table`
(timed: the product's fastest full run), whose table the refresh takes; one
school's latest stage row changes, the refresh runs (best of 3), and every figure
of the school's chain is compared with a full recompute of the changed data.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dudao.catalogue import default_catalogue
from dudao.compute import IndicatorResult, compute_table
from dudao.compute.refresh import Refresh, chain_results, refresh_results, root_rows
from dudao.compute.results import ResultKey

CHANGED = ("school_stage_year",)


def district_subset(tables: Mapping[str, pa.Table], district: str) -> dict[str, pa.Table]:
    """The rows of one district: its schools and their rows, its org rows, its chain of units."""
    return root_rows(tables, district)


def change_one_school(tables: Mapping[str, pa.Table], school_code: str) -> dict[str, pa.Table]:
    """The school's latest primary-or-other stage row with enrolment +37, entrants +5, graduates −3."""
    table = tables["school_stage_year"]
    row = int(np.flatnonzero(pc.equal(table["school_code"], school_code).combine_chunks())[-1])
    changed = dict(tables)
    for name, delta in (("enrolment", 37), ("entrants", 5), ("graduates", -3)):
        if name in table.column_names:
            values = table[name].combine_chunks().to_numpy(zero_copy_only=False).copy()
            values[row] += delta
            table = table.set_column(table.schema.get_field_index(name), name, pa.array(values))
    changed["school_stage_year"] = table
    return changed


def measure(folder: Path, columns: dict[str, list[str]]) -> dict[str, object]:
    """Full recompute against the refresh after one school's row changed."""
    from bench.reads import read_tables

    tables = read_tables(folder, columns)
    started = time.perf_counter()
    before = compute_table(tables)
    full_seconds = time.perf_counter() - started
    schools = tables["schools"]
    school = schools["school_code"][schools.num_rows // 2].as_py()
    changed = change_one_school(tables, school)
    times, refresh = [], None
    for _ in range(3):
        started = time.perf_counter()
        refresh = refresh_results(before, changed, school, changed=CHANGED)
        times.append(time.perf_counter() - started)
    assert refresh is not None
    catalogue = default_catalogue()
    after = chain_results(compute_table(changed), refresh.chain, catalogue)
    previous = chain_results(before, refresh.chain, catalogue)
    return {
        "seconds": min(times), "full_seconds": full_seconds, "figures": len(after),
        "refreshed": len(refresh.results), "recomputed": refresh.recomputed,
        "patched": refresh.patched, "stale": len(refresh.stale),
        "max_relative_difference": difference(refresh, previous, after),
    }  # fmt: skip


def difference(
    refresh: Refresh,
    before: Mapping[ResultKey, IndicatorResult],
    after: Mapping[ResultKey, IndicatorResult],
) -> float:
    """Largest relative difference of a chain figure's value, refreshed against recomputed;
    a figure only one of them has counts inf. Stale figures are left out (not refreshed)."""
    refreshed = refresh.applied(before)
    chain = set(refresh.chain.units)
    keys = {k for k in after.keys() | refreshed.keys() if k[1] in chain and k not in refresh.stale}
    return max(
        (_relative(_value(refreshed.get(k)), _value(after.get(k)), k in refreshed and k in after) for k in keys),
        default=0.0,
    )  # fmt: skip


def _value(result: IndicatorResult | None) -> float | None:
    return None if result is None else result.value


def _relative(a: float | None, b: float | None, both: bool) -> float:
    if not both:
        return float("inf")
    if a is None or b is None:
        return 0.0 if a is None and b is None else float("inf")
    scale = max(abs(a), abs(b))
    return 0.0 if scale == 0 else abs(a - b) / scale
