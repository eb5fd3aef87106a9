"""Compile indicator operands (SQL aggregates over one table) into grouped queries.

Operands that read the same table within the same school set share one query,
which sums them at every org unit for every year (DATA.md, Aggregation):
school tables sum their schools up the hierarchy; org tables take a unit's
own row, else the topmost reported rows below it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import sqlglot
from sqlglot import exp

from dudao.catalogue import Catalogue, Operand, TableDef, TableKind


@dataclass(frozen=True)
class OperandGroup:
    table: TableDef
    school_set: str | None
    expressions: tuple[str, ...]


def group_operands(catalogue: Catalogue, operands: Iterable[Operand]) -> list[OperandGroup]:
    grouped: dict[tuple[str, str | None], list[str]] = {}
    for operand in operands:
        expressions = grouped.setdefault((operand.table, operand.school_set), [])
        if operand.expr not in expressions:
            expressions.append(operand.expr)
    return [
        OperandGroup(catalogue.tables[table], school_set, tuple(expressions))
        for (table, school_set), expressions in grouped.items()
    ]


def operand_key(operand: Operand) -> tuple[str, str | None, str]:
    return operand.table, operand.school_set, operand.expr


def qualify(sql: str, alias: str) -> str:
    """Prefix every column of an expression with a table alias."""
    tree = sqlglot.parse_one(sql, dialect="duckdb")
    for column in tree.find_all(exp.Column):
        column.set("table", exp.to_identifier(alias))
    return tree.sql(dialect="duckdb")


def group_query(catalogue: Catalogue, group: OperandGroup) -> str:
    """One row per (unit_code, year) with the group's aggregates as op_0, op_1, …"""
    aggregates = ", ".join(
        f"CAST({qualify(expression, 'f')} AS DOUBLE) AS op_{index}"
        for index, expression in enumerate(group.expressions)
    )
    if group.table.kind is TableKind.SCHOOL:
        source = _school_source(catalogue, group)
    elif group.table.kind is TableKind.ORG:
        source = _org_source(group.table)
    else:
        raise ValueError(f"operands over {group.table.kind} tables are not supported yet")
    return f"SELECT c.ancestor AS unit_code, f.year AS year, {aggregates} {source} GROUP BY c.ancestor, f.year"


def _school_source(catalogue: Catalogue, group: OperandGroup) -> str:
    source = (
        f"FROM {group.table.id} AS f "
        "JOIN schools AS s ON s.school_code = f.school_code "
        "JOIN org_closure AS c ON c.descendant = s.org_code"
    )
    if group.school_set is None:
        return source
    condition = qualify(school_set_condition(catalogue, group.school_set), "m")
    return (
        f"{source} JOIN school_membership AS m "
        f"ON m.school_code = f.school_code AND m.year = f.year WHERE {condition}"
    )


def _org_source(table: TableDef) -> str:
    # A row counts for ancestor c when no other reported row of the same key
    # lies strictly between c and it: the unit's own row wins over its children.
    same_key = " AND ".join(f"g.{key} = f.{key}" for key in table.key if key != "org_code")
    return (
        f"FROM {table.id} AS f JOIN org_closure AS c ON c.descendant = f.org_code "
        f"WHERE NOT EXISTS (SELECT 1 FROM {table.id} AS g "
        "JOIN org_closure AS up ON up.ancestor = g.org_code "
        "JOIN org_closure AS within ON within.descendant = g.org_code "
        "WHERE up.descendant = f.org_code AND up.depth > 0 "
        f"AND within.ancestor = c.ancestor AND {same_key})"
    )


def school_set_condition(catalogue: Catalogue, set_id: str) -> str:
    school_set = catalogue.school_sets[set_id]
    condition = f"({school_set.where})"
    if school_set.base:
        condition = f"{school_set_condition(catalogue, school_set.base)} AND {condition}"
    return condition
