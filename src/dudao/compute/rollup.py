"""Two-stage aggregation: sum an operand group's rows once per org unit, then up the hierarchy.

Placed through the closure, every school row is repeated for each of its ~5 ancestors
before it is summed. When every aggregate of the group is decomposable (SUM, COUNT
without DISTINCT, MIN, MAX, each maybe with FILTER), the rows are first summed per
(org unit, year, scope) they belong to (per school too when schools are units), and
those partials, a few per unit, are rolled up through org_closure: the same sums in
another order. Other groups (COUNT DISTINCT, …) keep the one-stage query.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import sqlglot
from sqlglot import exp

from dudao.catalogue import Catalogue
from dudao.compute.operands import (
    BY_SCOPE,
    SPONSOR,
    SPONSORED,
    OperandGroup,
    OwnRows,
    own_rows,
    placed_query,
    qualify,
)

# The aggregate that combines partials of each decomposable aggregate.
ROLLUP: dict[type[exp.AggFunc], type[exp.AggFunc]] = {
    exp.Sum: exp.Sum,
    exp.Count: exp.Sum,
    exp.Min: exp.Min,
    exp.Max: exp.Max,
}


@dataclass(frozen=True)
class Decomposed:
    """Expressions over the rows `f` split into partial aggregates and their roll-up."""

    partials: tuple[str, ...]  # aggregates over the rows `f`, named p_0, p_1, … in `q`
    finals: tuple[str, ...]  # each expression, over the partials `q.p_i`


def decompose(expressions: tuple[str, ...]) -> Decomposed | None:
    """The expressions (qualified with `f`) as partials and roll-ups; None when one is not
    decomposable (COUNT DISTINCT, an unknown function, a column outside an aggregate …)."""
    partials: dict[str, str] = {}
    finals = []
    for expression in expressions:
        final = _decompose_one(expression, partials)
        if final is None:
            return None
        finals.append(final)
    return Decomposed(tuple(partials), tuple(finals))


@functools.lru_cache(maxsize=4096)
def _parts(expression: str) -> tuple[tuple[str, ...], str] | None:
    """(the expression's partial aggregates, itself with __partial_0__, … for their roll-ups)."""
    tree = sqlglot.parse_one(expression, dialect="duckdb")
    if tree.find(exp.Anonymous, exp.Window, exp.Distinct, exp.Subquery, exp.Select):
        return None
    units = []
    for aggregate in tree.find_all(exp.AggFunc):
        if type(aggregate) not in ROLLUP or aggregate.find_ancestor(exp.AggFunc):
            return None
        units.append(aggregate.parent if isinstance(aggregate.parent, exp.Filter) else aggregate)
    if not units:
        return None
    found = []
    for number, unit in enumerate(units):
        found.append(unit.sql(dialect="duckdb"))
        aggregate = unit.this if isinstance(unit, exp.Filter) else unit
        rollup = ROLLUP[type(aggregate)](this=exp.column(f"__partial_{number}__"))
        tree = rollup if unit is tree else tree
        unit.replace(rollup)
    if any(column.table != "" for column in tree.find_all(exp.Column)):
        return None  # a row column outside every aggregate
    return tuple(found), tree.sql(dialect="duckdb")


def _decompose_one(expression: str, partials: dict[str, str]) -> str | None:
    parts = _parts(expression)
    if parts is None:
        return None
    found, template = parts
    names = [partials.setdefault(sql, f"p_{len(partials)}") for sql in found]
    final = template
    for number, name in enumerate(names):
        final = final.replace(f"__partial_{number}__", f"q.{name}")
    return final


def group_query(catalogue: Catalogue, group: OperandGroup, period: tuple[int, int]) -> str:
    """One row per (unit_code, year, scope) with the group's aggregates as op_0, op_1, …"""
    rows = own_rows(catalogue, group.sample, period)
    decomposed = decompose(tuple(qualify(e, "f") for e in group.expressions))
    if decomposed is not None and rows.placement != "org":
        return rollup_query(rows, decomposed, group.at_schools)
    return placed_query(catalogue, group, period)


def rollup_query(rows: OwnRows, decomposed: Decomposed, at_schools: bool) -> str:
    """Two stages: partials `q` per unit a row belongs to, then summed per ancestor."""
    keys = {"org_code": rows.org_code, "year": f"CAST({rows.year} AS BIGINT)", "scope": rows.scope}
    if rows.school is not None and at_schools:
        keys["school_code"] = rows.school
    if rows.by_scope:
        keys["sponsor"] = SPONSOR
    partials = ", ".join(f"{sql} AS p_{number}" for number, sql in enumerate(decomposed.partials))
    grouped = ", ".join(key for key in keys.values() if "." in key)
    stage = (
        f"SELECT {', '.join(f'{key} AS {name}' for name, key in keys.items())}, {partials} "
        f"FROM {rows.source} {rows.where} GROUP BY {grouped}"
    )
    finals = ", ".join(
        f"CAST({sql} AS DOUBLE) AS op_{n}" for n, sql in enumerate(decomposed.finals)
    )
    scope, source, where = "q.scope", "q JOIN org_closure AS c ON c.descendant = q.org_code", ""
    if rows.by_scope:
        scope, source = "sc.scope", f"{source} {BY_SCOPE}"
        where = f"WHERE {SPONSORED.format(sponsor='q.sponsor')}"
    query = (
        f"WITH q AS ({stage}) SELECT c.ancestor AS unit_code, q.year, {scope} AS scope, {finals} "
        f"FROM {source} {where} GROUP BY c.ancestor, q.year, {scope}"
    )
    if "school_code" in keys and not rows.by_scope:  # by_scope has no school units (lvl)
        query += (
            f" UNION ALL SELECT q.school_code AS unit_code, q.year, q.scope, {finals} "
            "FROM q GROUP BY q.school_code, q.year, q.scope"
        )
    return query
