"""Which org values are summed from only some of a unit's children, to say so in a note.

DATA.md: an org table's value for a unit is its own row, else the sum of the rows
below it. When the unit has no own row and only some of its direct children have
a row (or rows below them) reporting the operand's fields, the sum is partial:
the result carries `reported_3_of_12_children`. Own-level fiscal rows are never
summed, so only consolidated rows are looked at.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import sqlglot
from sqlglot import exp

from dudao.catalogue import Catalogue, Indicator, Operand
from dudao.catalogue.views import derived_views, table_placement
from dudao.compute.engine import Engine

# (table, fields) -> (unit_code, year, scope) -> (children reporting, children)
Coverage = Mapping[
    tuple[str, tuple[str, ...]], Mapping[tuple[str, int, str | None], tuple[int, int]]
]


def coverage_key(catalogue: Catalogue, operand: Operand) -> tuple[str, tuple[str, ...]] | None:
    """(table, fields the operand reads) for an org operand summed from children, else None."""
    if operand.at_level is not None or operand.table in derived_views(catalogue):
        return None
    if table_placement(catalogue, operand.table) != "org":
        return None
    tree = sqlglot.parse_one(operand.expr, dialect="duckdb")
    fields = sorted({column.name for column in tree.find_all(exp.Column)})
    return operand.table, tuple(fields)


def partial_coverage(
    engine: Engine, catalogue: Catalogue, indicators: Iterable[Indicator]
) -> dict[tuple[str, tuple[str, ...]], dict[tuple[str, int, str | None], tuple[int, int]]]:
    keys = {
        key
        for indicator in indicators
        for operand in indicator.operands
        if (key := coverage_key(catalogue, operand)) is not None
    }
    found: dict[tuple[str, tuple[str, ...]], dict[tuple[str, int, str | None], tuple[int, int]]]
    found = {key: {} for key in keys}
    if not keys:
        return found
    ordered = sorted(keys)
    query = " UNION ALL ".join(_query(catalogue, n, key) for n, key in enumerate(ordered))
    for row in engine.run(query).to_pylist():
        place = (row["unit_code"], int(row["year"]), row["scope"])
        found[ordered[row["operand"]]][place] = (int(row["covered"]), int(row["children"]))
    return found


def coverage_notes(
    coverage: Coverage,
    keys: Iterable[tuple[str, tuple[str, ...]] | None],
    place: tuple[str, int, str | None],
) -> tuple[str, ...]:
    notes = []
    for key in keys:
        partial = coverage.get(key, {}).get(place) if key else None
        if partial is not None:
            notes.append(f"reported_{partial[0]}_of_{partial[1]}_children")
    return tuple(dict.fromkeys(notes))


def _query(catalogue: Catalogue, number: int, key: tuple[str, tuple[str, ...]]) -> str:
    table, fields = key
    scoped = catalogue.tables[table].has_field("scope")
    reported = " OR ".join(f"t.{field} IS NOT NULL" for field in fields) or "TRUE"
    scope = "t.scope" if scoped else "CAST(NULL AS VARCHAR)"
    summed = " AND t.scope = 'consolidated'" if scoped else ""
    same_scope = " AND t.scope = r.scope" if scoped else ""
    return (
        f"SELECT {number:d} AS operand, p.code AS unit_code, r.year, r.scope, "
        "COUNT(DISTINCT r.child) AS covered, MAX(k.children) AS children "
        "FROM org_units AS p JOIN (SELECT parent_code, COUNT(*) AS children FROM org_units "
        "GROUP BY parent_code) AS k ON k.parent_code = p.code "
        "JOIN org_units AS ch ON ch.parent_code = p.code "
        f"JOIN (SELECT c.ancestor AS child, t.year, {scope} AS scope FROM {table} AS t "
        "JOIN org_closure AS c ON c.descendant = t.org_code "
        f"WHERE ({reported}){summed}) AS r ON r.child = ch.code "
        f"WHERE NOT EXISTS (SELECT 1 FROM {table} AS t WHERE t.org_code = p.code "
        f"AND t.year = r.year AND ({reported}){same_scope}) "
        f"GROUP BY p.code, r.year, r.scope HAVING COUNT(DISTINCT r.child) < MAX(k.children)"
    )
