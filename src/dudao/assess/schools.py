"""Per-school verdicts for all-schools rules, read from compute's school-level standard.

The 2017 standard (each school ≥ 6 of 7, the rest ≥ 85 %) is declared once, in the
catalogue (`balance2017_school_standard_<stage>`, a compliance test with its
thresholds), and judged by compute for each school with its evidence. An assessment
only groups those verdicts under the unit assessed, so a framework and an indicator
can never disagree on a school.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pyarrow as pa
import pyarrow.compute as pc

from dudao.compute import IndicatorResult, compute_indicators, org_attribute


class SchoolVerdicts:
    """unit -> year -> standard indicator -> school -> its verdict (passed None: not judged)."""

    def __init__(self, results: Iterable[IndicatorResult], unit_of: Mapping[str, str]) -> None:
        self._tree: dict[str, dict[int, dict[str, dict[str, IndicatorResult]]]] = {}
        for result in results:
            unit = unit_of.get(result.unit_code)
            if unit is None or result.year is None:
                continue
            by_year = self._tree.setdefault(unit, {}).setdefault(result.year, {})
            by_year.setdefault(result.indicator, {})[result.unit_code] = result

    def schools(self, unit_code: str, year: int, indicator: str) -> dict[str, IndicatorResult]:
        """Each school of `unit_code` judged on `indicator` in `year`, by school code."""
        found = self._tree.get(unit_code, {}).get(year, {}).get(indicator, {})
        return dict(sorted(found.items()))


def school_verdicts(
    tables: Mapping[str, pa.Table],
    indicator_ids: Sequence[str],
    *,
    level: str,
    years: Sequence[int],
) -> SchoolVerdicts:
    """The school-level standard indicators computed for every school (compute's public API),
    grouped under their unit of `level`, in `years`."""
    if not indicator_ids:
        return SchoolVerdicts((), {})
    results = compute_indicators(
        _of_years(tables, years),
        indicator_ids=indicator_ids,
        school_level=True,
        period=(min(years), max(years)),
    )
    wanted = set(years)
    return SchoolVerdicts((r for r in results if r.year in wanted), schools_under(tables, level))


def _of_years(tables: Mapping[str, pa.Table], years: Sequence[int]) -> dict[str, pa.Table]:
    """The yearly tables cut to `years`: the per-school standards read only their own year's
    rows, and judging every school of every other year too tripled the time on the seed
    (a standard that read earlier years would need them kept: none does)."""
    wanted = pa.array(sorted(set(years)), pa.int64())
    return {
        name: table.filter(pc.is_in(pc.cast(table["year"], pa.int64()), wanted))
        if "year" in table.column_names
        else table
        for name, table in tables.items()
    }


def schools_under(tables: Mapping[str, pa.Table], level: str) -> dict[str, str]:
    """school code -> the org unit of `level` above it (schools with none are left out)."""
    if "schools" not in tables:
        return {}
    parents, levels = org_attribute(tables, "parent_code"), org_attribute(tables, "level")
    found = {}
    for row in tables["schools"].select(["school_code", "org_code"]).to_pylist():
        unit: str | None = row["org_code"]
        for _ in range(len(parents) + 1):  # bounded, so a cycle cannot hang
            if unit is None or levels.get(unit) == level:
                break
            unit = parents.get(unit)
        if unit is not None and levels.get(unit) == level:
            found[row["school_code"]] = unit
    return found
