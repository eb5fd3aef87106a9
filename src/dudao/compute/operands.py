"""Compile indicator operands (SQL aggregates over one table) into grouped queries.

Operands that read the same table with the same filters share one query, which
sums them at every org unit for every year (DATA.md, Aggregation): school rows
sum up from their school's unit; event rows from the unit they name; org tables
take a unit's own row, else the topmost reported rows below it (own-level fiscal
rows only ever the unit's own). Fiscal operands keep their `scope`.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable
from dataclasses import dataclass

import sqlglot
from sqlglot import exp

from dudao.catalogue import Catalogue, Operand
from dudao.catalogue.views import derived_views, table_placement


@dataclass(frozen=True)
class OperandGroup:
    sample: Operand  # the group's table and filters; its expression is one of `expressions`
    expressions: tuple[str, ...]
    at_schools: bool = False  # also summed for each school as a unit of its own


def group_operands(
    operands: Iterable[Operand], school_keys: Collection[tuple[object, ...]] = ()
) -> list[OperandGroup]:
    """Operands of one table and filters share a query; those needed per school apart."""
    grouped: dict[tuple[object, ...], tuple[Operand, list[str]]] = {}
    for operand in operands:
        key = (*operand.key[:-1], operand.key in school_keys)
        _, expressions = grouped.setdefault(key, (operand, []))
        if operand.expr not in expressions:
            expressions.append(operand.expr)
    return [
        OperandGroup(sample, tuple(exprs), bool(key[-1]))
        for key, (sample, exprs) in grouped.items()
    ]


@functools.lru_cache(maxsize=4096)
def qualify(sql: str, alias: str) -> str:
    """Prefix every column of an expression with a table alias (cached: sqlglot's parsing
    is the costly part of compiling, and the same expressions recur)."""
    tree = sqlglot.parse_one(sql, dialect="duckdb")
    for column in tree.find_all(exp.Column):
        column.set("table", exp.to_identifier(alias))
    return tree.sql(dialect="duckdb")


def has_scope(catalogue: Catalogue, operand: Operand) -> bool:
    """Whether the operand's values differ by fiscal scope (consolidated / own_level)."""
    definition = catalogue.tables.get(operand.table)
    return operand.by_scope or (definition is not None and definition.has_field("scope"))


@dataclass(frozen=True)
class OperandRows:
    """The FROM … WHERE of an operand's rows, placed in the hierarchy: `c.ancestor` is the unit."""

    source: str  # "table AS f JOIN …"
    conditions: tuple[str, ...]
    year: str  # the result year of a row: f.year, or the period's last year
    scope: str  # the fiscal scope of a row, or a NULL constant

    @property
    def where(self) -> str:
        return f"WHERE {' AND '.join(self.conditions)}" if self.conditions else ""


def operand_rows(
    catalogue: Catalogue, operand: Operand, period: tuple[int, int], at_schools: bool = False
) -> OperandRows:
    """The operand's rows under every unit `c.ancestor` (and each school, `at_schools`)."""
    view = derived_views(catalogue).get(operand.table)
    placement = view.placement if view else table_placement(catalogue, operand.table)
    source, conditions = _SOURCES[str(placement)](catalogue, operand)
    if at_schools:
        source = source.replace("JOIN school_closure AS c", "JOIN school_unit_closure AS c")
    if operand.where is not None:
        conditions.append(qualify(operand.where, "f"))
    year = "f.year"
    if operand.period and not (view and view.over_period):
        conditions.append(f"f.year BETWEEN {period[0]:d} AND {period[1]:d}")
        year = f"{period[1]:d}"
    scope = "f.scope" if has_scope(catalogue, operand) else "CAST(NULL AS VARCHAR)"
    if operand.by_scope:
        source, scope = f"{source} {_BY_SCOPE}", "sc.scope"
        conditions.append(_SPONSORED)
    return OperandRows(f"{operand.table} AS f {source}", tuple(conditions), year, scope)


def aggregates(expressions: Iterable[str]) -> str:
    """The expressions over the rows `f`, as doubles named op_0, op_1, …"""
    return ", ".join(
        f"CAST({qualify(expression, 'f')} AS DOUBLE) AS op_{index}"
        for index, expression in enumerate(expressions)
    )


def group_query(catalogue: Catalogue, group: OperandGroup, period: tuple[int, int]) -> str:
    """One row per (unit_code, year, scope) with the group's aggregates as op_0, op_1, …"""
    rows = operand_rows(catalogue, group.sample, period, group.at_schools)
    keys = ", ".join(key for key in ("c.ancestor", rows.year, rows.scope) if "." in key)
    return (
        f"SELECT c.ancestor AS unit_code, CAST({rows.year} AS BIGINT) AS year, "
        f"{rows.scope} AS scope, {aggregates(group.expressions)} "
        f"FROM {rows.source} {rows.where} GROUP BY {keys}"
    )


def _school_source(catalogue: Catalogue, operand: Operand) -> tuple[str, list[str]]:
    source = (
        "JOIN schools AS s ON s.school_code = f.school_code "
        "JOIN school_closure AS c ON c.descendant = f.school_code"
    )
    conditions = []
    if operand.school_set is not None:
        source += (
            " JOIN school_membership AS m ON m.school_code = f.school_code AND m.year = f.year"
        )
        conditions.append(qualify(school_set_condition(catalogue, operand.school_set), "m"))
    if operand.holding is not None:
        conditions.append(_holding_condition(operand))
    return source, conditions


def _holding_condition(operand: Operand) -> str:
    holding = operand.holding
    assert holding is not None
    codes = {"level": holding.levels, "result": holding.results}
    filters = "".join(
        f" AND h.{column} IN ({', '.join(repr(code) for code in values)})"
        for column, values in codes.items()
        if values
    )
    return (
        "EXISTS (SELECT 1 FROM designation_status AS h WHERE h.unit_kind = 'school' "
        f"AND h.unit_code = f.school_code AND h.year = f.year AND h.kind = '{holding.kind}'{filters})"
    )


def _event_source(catalogue: Catalogue, operand: Operand) -> tuple[str, list[str]]:
    return "JOIN org_closure AS c ON c.descendant = f.org_code", []


def _org_source(catalogue: Catalogue, operand: Operand) -> tuple[str, list[str]]:
    # A row counts for ancestor c when no other reported row of the same key
    # lies strictly between c and it: the unit's own row wins over its children.
    table = catalogue.tables[operand.table]
    same_key = " AND ".join(f"g.{key} = f.{key}" for key in table.key if key != "org_code")
    conditions = [
        f"NOT EXISTS (SELECT 1 FROM {table.id} AS g "
        "JOIN org_closure AS up ON up.ancestor = g.org_code "
        "JOIN org_closure AS within ON within.descendant = g.org_code "
        "WHERE up.descendant = f.org_code AND up.depth > 0 "
        f"AND within.ancestor = c.ancestor AND {same_key})"
    ]
    if table.has_field("scope"):  # own-level rows are never summed from children
        conditions.append("(f.scope <> 'own_level' OR c.depth = 0)")
    return "JOIN org_closure AS c ON c.descendant = f.org_code", conditions


# School rows once per fiscal scope: own_level keeps the schools the unit's government sponsors.
_BY_SCOPE = (
    "CROSS JOIN (SELECT 'consolidated' AS scope UNION ALL SELECT 'own_level' AS scope) AS sc "
    "JOIN org_units AS lvl ON lvl.code = c.ancestor"
)
_SPONSORED = (
    "(sc.scope = 'consolidated' OR COALESCE(s.sponsor_level, 'county') = "
    "CASE lvl.level WHEN 'district' THEN 'county' ELSE lvl.level END)"
)

_SOURCES = {"school": _school_source, "event": _event_source, "org": _org_source}


def school_set_condition(catalogue: Catalogue, set_id: str) -> str:
    school_set = catalogue.school_sets[set_id]
    condition = f"({school_set.where})"
    if school_set.base:
        condition = f"{school_set_condition(catalogue, school_set.base)} AND {condition}"
    return condition
