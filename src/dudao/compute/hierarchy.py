"""The org hierarchy as closure tables, so that SQL can sum any unit's descendants."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import pyarrow as pa

CLOSURE_SCHEMA = pa.schema(
    [("ancestor", pa.string()), ("descendant", pa.string()), ("depth", pa.int64())]
)


def org_closure(org_units: pa.Table) -> pa.Table:
    """Every (ancestor, descendant, depth) pair, each unit its own ancestor at depth 0."""
    parents = dict(
        zip(
            org_units.column("code").to_pylist(),
            org_units.column("parent_code").to_pylist(),
            strict=True,
        )
    )
    rows: list[tuple[str, str, int]] = []
    for unit in parents:
        ancestor: str | None = unit
        depth = 0
        while ancestor is not None and depth <= len(parents):  # bound guards against cycles
            rows.append((ancestor, unit, depth))
            ancestor = parents.get(ancestor)
            depth += 1
    return pa.Table.from_pylist(
        [{"ancestor": a, "descendant": d, "depth": n} for a, d, n in rows], schema=CLOSURE_SCHEMA
    )


def org_attribute(tables: Mapping[str, pa.Table], column: str) -> dict[str, str]:
    """code -> `column` (name, level, …) of every org unit in a dataset."""
    if "org_units" not in tables:
        return {}
    rows = tables["org_units"].select(["code", column]).to_pylist()
    return {row["code"]: row[column] for row in rows}


def unit_attribute(tables: Mapping[str, pa.Table], column: str) -> dict[str, str]:
    """code -> name or level of every unit results can be for: org units and schools."""
    found = org_attribute(tables, column)
    if "schools" in tables and column in ("name", "level"):
        schools = tables["schools"].select(["school_code", "name"]).to_pylist()
        found.update(
            (row["school_code"], row["name"] if column == "name" else "school") for row in schools
        )
    return found


@dataclass(frozen=True)
class Units:
    """Every unit's level and parent (org units, and schools under their org unit)."""

    level: Mapping[str, str]
    parent: Mapping[str, str | None]

    @classmethod
    def from_table(cls, units: pa.Table) -> Units:
        """From the `units` view: code, level, parent."""
        codes = units.column("code").to_pylist()
        return cls(
            dict(zip(codes, units.column("level").to_pylist(), strict=True)),
            dict(zip(codes, units.column("parent").to_pylist(), strict=True)),
        )

    def ancestors(self, code: str) -> Iterator[str]:
        """The units above `code`, nearest first (bounded, so a cycle cannot hang)."""
        above = self.parent.get(code)
        for _ in range(len(self.parent)):
            if above is None:
                return
            yield above
            above = self.parent.get(above)
