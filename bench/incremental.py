"""After one school's row changes: refresh its district, city, province and nation.

With the engine's API (Arrow tables in, results out) the cheapest correct way is:
1. compute the catalogue over the district's own rows (its schools, its org rows,
   its chain of org units): the district's figures, exactly;
2. above the district, a sum-based figure changes by what the district's sums
   changed: new = old + (district new − district old), for numerator and
   denominator, then the value is formed again (ratio, share: scale × n / d,
   capped; amount, count: scale × n). Other kinds, and operands that are not
   SUM/COUNT, cannot be patched this way; they are counted as not refreshed.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import sqlglot
from sqlglot import exp

from dudao.catalogue import Catalogue, Indicator, default_catalogue
from dudao.compute import IndicatorResult, compute_indicators

Key = tuple[str, str, str | None, int | None]


def chain(org_units: pa.Table, district: str) -> list[str]:
    """The district and its ancestors, bottom up."""
    return _chain(_parents(org_units), district)


def _parents(org_units: pa.Table) -> dict[str, str | None]:
    return dict(zip(org_units["code"].to_pylist(), org_units["parent_code"].to_pylist(), strict=True))  # fmt: skip


def _chain(parents: Mapping[str, str | None], district: str) -> list[str]:
    units: list[str] = []
    unit: str | None = district
    while unit is not None:
        units.append(unit)
        unit = parents.get(unit)
    return units


def district_subset(tables: Mapping[str, pa.Table], district: str) -> dict[str, pa.Table]:
    """The rows of one district: its schools and their rows, its org rows, its chain of units."""
    org_units = tables["org_units"]
    parents = _parents(org_units)
    own = {code for code in parents if district in _chain(parents, code)}
    units = pa.array(sorted(own | set(_chain(parents, district))))
    schools = tables["schools"].filter(pc.is_in(tables["schools"]["org_code"], pa.array(sorted(own))))  # fmt: skip
    codes = schools["school_code"]
    subset = {"org_units": org_units.filter(pc.is_in(org_units["code"], units)), "schools": schools}
    for table_id, table in tables.items():
        if table_id in subset:
            continue
        if "school_code" in table.column_names:
            subset[table_id] = table.filter(pc.is_in(table["school_code"], codes))
        elif "org_code" in table.column_names:
            subset[table_id] = table.filter(
                pc.is_in(table["org_code"], units)
            )  # at_level reads ancestors
        else:
            subset[table_id] = table
    return subset


def additive(catalogue: Catalogue, indicator: Indicator) -> bool:
    """Whether a figure above the district can be patched from the district's change."""
    if indicator.kind not in ("ratio", "share", "amount", "count"):
        return False
    for operand in indicator.operands:
        tree = sqlglot.parse_one(operand.expr, dialect="duckdb")
        if isinstance(tree, exp.Filter):
            tree = tree.this
        if not isinstance(tree, exp.Sum | exp.Count) or getattr(operand, "by_scope", False):
            return False  # own-level sums follow the sponsor, not the district's chain
    return True


def refresh(
    catalogue: Catalogue | None,
    full: Mapping[Key, IndicatorResult],
    changed: Mapping[str, pa.Table],
    units: list[str],
) -> tuple[dict[Key, float | None], int]:
    """New values of the chain's figures, and how many could not be patched."""
    catalogue = catalogue or default_catalogue()
    district = units[0]
    fresh = {r.key: r for r in compute_indicators(changed, catalogue=catalogue) if r.unit_code == district}  # fmt: skip
    # An operand read at an ancestor's level (the province's row) needs more than the district.
    local = {i.id for i in catalogue.indicators.values() if not any(getattr(o, "at_level", None) for o in i.operands)}  # fmt: skip
    values: dict[Key, float | None] = {k: r.value for k, r in fresh.items() if k[0] in local}
    missed = 0
    for (indicator_id, unit, scope, year), old in full.items():
        if unit not in units[1:]:
            continue
        indicator = catalogue.indicators[indicator_id]
        before = full.get((indicator_id, district, scope, year))
        after = fresh.get((indicator_id, district, scope, year))
        if indicator_id not in local or not additive(catalogue, indicator) or None in (before, after):  # fmt: skip
            missed += before is not None or after is not None
            continue
        n = _patched(old.numerator, before.numerator, after.numerator)
        d = _patched(old.denominator, before.denominator, after.denominator)
        values[(indicator_id, unit, scope, year)] = _value(indicator, n, d)
    return values, missed


def _patched(total: float | None, before: float | None, after: float | None) -> float | None:
    if total is None and after is None:
        return None
    return (total or 0.0) - (before or 0.0) + (after or 0.0)


def _value(indicator: Indicator, n: float | None, d: float | None) -> float | None:
    if n is None:
        return None
    if indicator.kind in ("amount", "count"):
        return n * indicator.scale
    if d is None or d == 0:
        return None
    value = n * indicator.scale / d
    return indicator.cap if indicator.cap is not None and value > indicator.cap else value


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
    """Full recompute against the district refresh after one school's row changed."""
    from bench.reads import read_tables

    tables = read_tables(folder, columns)
    started = time.perf_counter()
    full = {r.key: r for r in compute_indicators(tables)}
    full_seconds = time.perf_counter() - started
    schools = tables["schools"]
    middle = schools.num_rows // 2
    school, district = schools["school_code"][middle].as_py(), schools["org_code"][middle].as_py()
    changed = change_one_school(tables, school)
    units = chain(tables["org_units"], district)
    reference = {r.key: r.value for r in compute_indicators(changed) if r.unit_code in units}
    times = []
    for _ in range(3):
        started = time.perf_counter()
        values, missed = refresh(None, full, district_subset(changed, district), units)
        times.append(time.perf_counter() - started)
    differences = [
        _relative(values[key], value) for key, value in reference.items() if key in values
    ]
    return {
        "seconds": min(times), "full_seconds": full_seconds, "figures": len(reference),
        "refreshed": sum(key in values for key in reference), "not_patched": missed,
        "max_relative_difference": max(differences, default=0.0),
    }  # fmt: skip


def _relative(a: float | None, b: float | None) -> float:
    if a is None or b is None:
        return 0.0 if a is None and b is None else float("inf")
    scale = max(abs(a), abs(b))
    return 0.0 if scale == 0 else abs(a - b) / scale
