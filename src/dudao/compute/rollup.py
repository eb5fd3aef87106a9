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


@dataclass(frozen=True)
class Flagged:
    """Partials whose FILTERs become flags the rows are also grouped by: each distinct
    aggregate is computed once per row (the flags are few), each partial is then its
    roll-up over the flagged groups. A national school_stage_year group: 48 partials
    over 7 stage filters become 18 aggregates, in half the time (measured)."""

    bases: tuple[str, ...]  # aggregates over the rows `f`, named b_0, b_1, …
    flags: tuple[str, ...]  # the FILTER conditions, named c_0, c_1, …
    partials: tuple[str, ...]  # each partial, over the bases and flags


# Flags whose combinations stay few: conditions on one column (a row has one stage), or
# this many conditions at most.
FEW_FLAGS = 3


def flag_filters(partials: tuple[str, ...]) -> Flagged | None:
    """The partials as Flagged; None when none has a FILTER, or a condition reads more
    than the row (a subquery) or the combinations of the conditions could be many."""
    bases: dict[str, str] = {}
    flags: dict[str, str] = {}
    found = []
    for partial in partials:
        split = _split(partial)
        if split is None:
            return None
        rollup, base, flag, counts = split
        name = bases.setdefault(base, f"b_{len(bases)}")
        if flag is None:
            found.append(f"{rollup}({name})")
            continue
        number = flags.setdefault(flag, f"c_{len(flags)}")
        value = f"{rollup}({name}) FILTER (WHERE {number})"
        # A count over no flagged rows is 0, as COUNT … FILTER over none; a sum is null.
        found.append(f"COALESCE({value}, 0)" if counts else value)
    columns = {column for flag in flags for column in _columns(flag)}
    if not flags or (len(flags) > FEW_FLAGS and len(columns) > 1):
        return None
    return Flagged(tuple(bases), tuple(flags), tuple(found))


@functools.lru_cache(maxsize=4096)
def _split(partial: str) -> tuple[str, str, str | None, bool] | None:
    """(the roll-up's function, the aggregate without its FILTER, the FILTER's condition,
    whether it counts)."""
    tree = sqlglot.parse_one(partial, dialect="duckdb")
    condition = None
    if isinstance(tree, exp.Filter):
        where = tree.expression.this
        if where.find(exp.Subquery, exp.Exists, exp.Select) or any(
            column.table != "f" for column in where.find_all(exp.Column)
        ):
            return None
        condition, tree = where.sql(dialect="duckdb"), tree.this
    if not isinstance(tree, exp.AggFunc) or type(tree) not in ROLLUP:
        return None
    rollup = ROLLUP[type(tree)].__name__.upper()
    return rollup, tree.sql(dialect="duckdb"), condition, isinstance(tree, exp.Count)


@functools.lru_cache(maxsize=4096)
def _columns(condition: str) -> frozenset[str]:
    return frozenset(
        c.name for c in sqlglot.parse_one(condition, dialect="duckdb").find_all(exp.Column)
    )


def rollup_query(rows: OwnRows, decomposed: Decomposed, at_schools: bool) -> str:
    """Two stages: partials `q` per unit a row belongs to, then summed per ancestor."""
    keys = {"org_code": rows.org_code, "year": f"CAST({rows.year} AS BIGINT)", "scope": rows.scope}
    if rows.school is not None and at_schools:
        keys["school_code"] = rows.school
    if rows.by_scope:
        keys["sponsor"] = SPONSOR
    grouped = ", ".join(key for key in keys.values() if "." in key)
    selected = ", ".join(f"{key} AS {name}" for name, key in keys.items())
    flagged = flag_filters(decomposed.partials)
    if flagged is None:
        partials = ", ".join(f"{sql} AS p_{n}" for n, sql in enumerate(decomposed.partials))
        stage = f"SELECT {selected}, {partials} FROM {rows.source} {rows.where} GROUP BY {grouped}"
    else:
        flags = ", ".join(f"COALESCE({sql}, FALSE) AS c_{n}" for n, sql in enumerate(flagged.flags))
        bases = ", ".join(f"{sql} AS b_{n}" for n, sql in enumerate(flagged.bases))
        partials = ", ".join(f"{sql} AS p_{n}" for n, sql in enumerate(flagged.partials))
        names = ", ".join(keys)
        stage = (
            f"SELECT {names}, {partials} FROM (SELECT {selected}, {flags}, {bases} "
            f"FROM {rows.source} {rows.where} GROUP BY {grouped}, "
            f"{', '.join(f'c_{n}' for n in range(len(flagged.flags)))}) AS q1 GROUP BY {names}"
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
