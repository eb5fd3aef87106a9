"""The changed school's chain of units, and the rows of the county-level unit it lies in.

The chain is what one school's change can move: its org unit and every unit above
it. The unit at level `district` (county-level: DATA.md) is the root: its rows are
few, so its figures, and those of any unit between it and the school, are computed
again on its rows alone; the figures above it are patched from its change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

ROOT_LEVEL = "district"


class RefreshError(ValueError):
    """A refresh that cannot be made (the school is not in the data), in Chinese and English."""


@dataclass(frozen=True)
class Chain:
    school: str
    units: tuple[str, ...]  # the school's org unit, then every unit above it
    root: str  # the district (or, without one, the school's own unit)
    level: Mapping[str, str]  # level of each unit of the chain
    sponsor_level: str  # the school's sponsoring government: county, city, province, …

    @property
    def recomputed(self) -> tuple[str, ...]:
        """The root and the units between it and the school: computed on the root's rows."""
        return self.units[: self.units.index(self.root) + 1]

    @property
    def above(self) -> tuple[str, ...]:
        """The units above the root: patched from the root's change."""
        return self.units[self.units.index(self.root) + 1 :]


def chain_of(tables: Mapping[str, pa.Table], school: str) -> Chain:
    """The chain of `school`, read from the schools register and org_units."""
    schools = tables["schools"]
    row = schools.filter(pc.equal(schools["school_code"], school)).to_pylist()
    if not row:
        raise RefreshError(
            f"schools: 学校代码 {school} 不在数据中，无法刷新 / "
            f"school_code {school} is not in the data; nothing to refresh"
        )
    org_units = tables["org_units"]
    parents = _parents(org_units)
    levels = dict(zip(org_units["code"].to_pylist(), org_units["level"].to_pylist(), strict=True))
    units = _up(parents, row[0]["org_code"])
    root = next((unit for unit in units if levels.get(unit) == ROOT_LEVEL), units[0])
    return Chain(
        school=school,
        units=tuple(units),
        root=root,
        level={unit: levels.get(unit, "") for unit in units},
        sponsor_level=row[0].get("sponsor_level") or "county",
    )


def root_rows(tables: Mapping[str, pa.Table], root: str) -> dict[str, pa.Table]:
    """Every row that belongs under `root`: its units' and schools' rows, events placed in
    its units; and the org units above it, so that the hierarchy stays whole."""
    org_units = tables["org_units"]
    parents = _parents(org_units)
    own = [code for code in parents if root in _up(parents, code)]
    units = pa.array(sorted(set(own) | set(_up(parents, root))), pa.string())
    schools = tables["schools"].filter(pc.is_in(tables["schools"]["org_code"], pa.array(own, pa.string())))  # fmt: skip
    codes = schools["school_code"].combine_chunks()
    rows = {"org_units": org_units.filter(pc.is_in(org_units["code"], units)), "schools": schools}
    for table_id, table in tables.items():
        if table_id not in rows:
            rows[table_id] = _belonging(table, codes, units)
    return rows


def _belonging(table: pa.Table, schools: pa.Array, units: pa.Array) -> pa.Table:
    """Rows of one of `schools`, or of an org unit among `units` (a row naming its unit in
    `unit_code`, as designations do, by that code too); a table naming neither, whole."""
    named = {"school_code": schools, "org_code": units, "unit_code": pa.concat_arrays([schools, units])}  # fmt: skip
    tests = [pc.is_in(table[c], values) for c, values in named.items() if c in table.column_names]
    if not tests:
        return table
    keep = tests[0]
    for test in tests[1:]:
        keep = pc.or_kleene(keep, test)
    return table.filter(pc.fill_null(keep, False))


def _parents(org_units: pa.Table) -> dict[str, str | None]:
    codes, parents = org_units["code"].to_pylist(), org_units["parent_code"].to_pylist()
    return dict(zip(codes, parents, strict=True))


def _up(parents: Mapping[str, str | None], code: str | None) -> list[str]:
    """`code` and its ancestors, nearest first (bounded, so a cycle cannot hang)."""
    found: list[str] = []
    while code is not None and len(found) <= len(parents):
        found.append(code)
        code = parents.get(code)
    return found
