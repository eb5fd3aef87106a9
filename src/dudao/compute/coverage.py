"""Which org values are summed from only some of a unit's children, to say so in a note.

DATA.md: an org table's value for a unit is its own row, else the sum of the rows
below it. When the unit has no own row and only some of its direct children have
a row (or rows below them) reporting the operand's fields, the sum is partial:
the result carries `reported_3_of_12_children`. Own-level fiscal rows are never
summed, so only consolidated rows are looked at.
"""

from __future__ import annotations

import functools
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
    return operand.table, _fields(operand.expr)


@functools.lru_cache(maxsize=4096)
def _fields(expression: str) -> tuple[str, ...]:
    """The columns an expression reads, sorted (cached: parsing is the costly part)."""
    tree = sqlglot.parse_one(expression, dialect="duckdb")
    return tuple(sorted({column.name for column in tree.find_all(exp.Column)}))


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
    query = coverage_query(catalogue, ordered)
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


def coverage_query(catalogue: Catalogue, keys: list[tuple[str, tuple[str, ...]]]) -> str:
    """(operand, unit_code, year, scope, covered, children) where a unit without its own row
    has rows below only some of its children: one pass over every key's reported rows.

    `reported` holds each key's rows (consolidated only: own-level rows are never summed);
    `below` the children each reported row lies under (the closure); a unit whose own row
    is reported is left out by an anti-join, the rest compare the children covered with
    the children there are.
    """
    reported = " UNION ALL ".join(_reported(catalogue, n, key) for n, key in enumerate(keys))
    return (
        f"WITH reported AS ({reported}), below AS (SELECT DISTINCT r.operand, "
        "c.ancestor AS child, r.year, r.scope FROM reported AS r "
        "JOIN org_closure AS c ON c.descendant = r.org_code) "
        "SELECT b.operand, p.code AS unit_code, b.year, b.scope, COUNT(*) AS covered, "
        "MAX(k.children) AS children FROM below AS b JOIN org_units AS ch ON ch.code = b.child "
        "JOIN org_units AS p ON p.code = ch.parent_code "
        "JOIN (SELECT parent_code, COUNT(*) AS children FROM org_units GROUP BY parent_code) "
        "AS k ON k.parent_code = p.code "
        "LEFT JOIN reported AS own ON own.operand = b.operand AND own.org_code = p.code "
        "AND own.year = b.year AND COALESCE(own.scope, '') = COALESCE(b.scope, '') "
        "WHERE own.org_code IS NULL GROUP BY b.operand, p.code, b.year, b.scope "
        "HAVING COUNT(*) < MAX(k.children)"
    )


def _reported(catalogue: Catalogue, number: int, key: tuple[str, tuple[str, ...]]) -> str:
    """The key's rows that report one of its fields, as (operand, org_code, year, scope)."""
    table, fields = key
    scoped = catalogue.tables[table].has_field("scope")
    reported = " OR ".join(f"t.{field} IS NOT NULL" for field in fields) or "TRUE"
    scope = "t.scope" if scoped else "CAST(NULL AS VARCHAR)"
    summed = " AND t.scope = 'consolidated'" if scoped else ""
    return (
        f"SELECT {number:d} AS operand, t.org_code, t.year, {scope} AS scope FROM {table} AS t "
        f"WHERE ({reported}){summed}"
    )
