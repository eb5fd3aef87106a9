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


def tables_read(catalogue: Catalogue, operands: Iterable[Operand]) -> set[str]:
    """The tables and derived views the operands' rows read: their own, and those of their
    school sets (school_membership) and designation holdings (designation_status)."""
    found = set()
    for operand in operands:
        found.add(operand.table)
        if operand.school_set is not None:
            found.add("school_membership")
        if operand.holding is not None:
            found.add("designation_status")
    return found


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


@dataclass(frozen=True)
class OwnRows:
    """An operand's rows before they are placed: each row's own unit (`org_code`, and
    `school` for school rows) and conditions on the row alone; operand_rows places them."""

    source: str  # "table AS f JOIN …", without the closure
    conditions: tuple[str, ...]  # on the row alone (its school, set, designation, period)
    year: str
    scope: str  # f.scope or a NULL constant (by_scope adds the scopes when placed)
    placement: str  # school, event or org
    org_code: str  # the org unit a row belongs to
    school: str | None  # the school a row belongs to (school rows)
    by_scope: bool
    placed_conditions: tuple[str, ...] = ()  # org rows: conditions on the unit `c`

    @property
    def where(self) -> str:
        return f"WHERE {' AND '.join(self.conditions)}" if self.conditions else ""


def own_rows(catalogue: Catalogue, operand: Operand, period: tuple[int, int]) -> OwnRows:
    """The operand's rows with the unit each belongs to, not yet repeated for its ancestors."""
    view = derived_views(catalogue).get(operand.table)
    placement = str(view.placement if view else table_placement(catalogue, operand.table))
    source, conditions, placed = _SOURCES[placement](catalogue, operand)
    if operand.where is not None:
        conditions.append(qualify(operand.where, "f"))
    year = "f.year"
    if operand.period and not (view and view.over_period):
        conditions.append(f"f.year BETWEEN {period[0]:d} AND {period[1]:d}")
        year = f"{period[1]:d}"
    scope = (
        "f.scope"
        if has_scope(catalogue, operand) and not operand.by_scope
        else "CAST(NULL AS VARCHAR)"
    )
    school = "f.school_code" if placement == "school" else None
    org_code = "s.org_code" if placement == "school" else "f.org_code"
    return OwnRows(
        f"{operand.table} AS f{source}", tuple(conditions), year, scope, placement,
        org_code, school, operand.by_scope, tuple(placed),
    )  # fmt: skip


def operand_rows(
    catalogue: Catalogue, operand: Operand, period: tuple[int, int], at_schools: bool = False
) -> OperandRows:
    """The operand's rows under every unit `c.ancestor` (and each school, `at_schools`)."""
    rows = own_rows(catalogue, operand, period)
    if rows.school is not None:
        closure = "school_unit_closure" if at_schools else "school_closure"
        source = f"{rows.source} JOIN {closure} AS c ON c.descendant = {rows.school}"
    else:
        source = f"{rows.source} JOIN org_closure AS c ON c.descendant = {rows.org_code}"
    conditions = (*rows.conditions, *rows.placed_conditions)
    scope = rows.scope
    if rows.by_scope:
        source, scope = f"{source} {BY_SCOPE}", "sc.scope"
        conditions = (*conditions, SPONSORED.format(sponsor=SPONSOR))
    return OperandRows(source, conditions, rows.year, scope)


def aggregates(expressions: Iterable[str]) -> str:
    """The expressions over the rows `f`, as doubles named op_0, op_1, …"""
    return ", ".join(
        f"CAST({qualify(expression, 'f')} AS DOUBLE) AS op_{index}"
        for index, expression in enumerate(expressions)
    )


def placed_query(catalogue: Catalogue, group: OperandGroup, period: tuple[int, int]) -> str:
    """group_query in one stage: every row repeated under each of its units, then summed."""
    placed = operand_rows(catalogue, group.sample, period, group.at_schools)
    keys = ", ".join(key for key in ("c.ancestor", placed.year, placed.scope) if "." in key)
    return (
        f"SELECT c.ancestor AS unit_code, CAST({placed.year} AS BIGINT) AS year, "
        f"{placed.scope} AS scope, {aggregates(group.expressions)} "
        f"FROM {placed.source} {placed.where} GROUP BY {keys}"
    )


def _school_source(catalogue: Catalogue, operand: Operand) -> _Source:
    source = " JOIN schools AS s ON s.school_code = f.school_code"
    conditions = []
    if operand.school_set is not None:
        source += (
            " JOIN school_membership AS m ON m.school_code = f.school_code AND m.year = f.year"
        )
        conditions.append(qualify(school_set_condition(catalogue, operand.school_set), "m"))
    if operand.holding is not None:
        conditions.append(_holding_condition(operand))
    return source, conditions, []


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


def _event_source(catalogue: Catalogue, operand: Operand) -> _Source:
    return "", [], []


def _org_source(catalogue: Catalogue, operand: Operand) -> _Source:
    # A row counts for ancestor c when no other reported row of the same key
    # lies strictly between c and it: the unit's own row wins over its children.
    table = catalogue.tables[operand.table]
    same_key = " AND ".join(f"g.{key} = f.{key}" for key in table.key if key != "org_code")
    placed = [
        f"NOT EXISTS (SELECT 1 FROM {table.id} AS g "
        "JOIN org_closure AS up ON up.ancestor = g.org_code "
        "JOIN org_closure AS within ON within.descendant = g.org_code "
        "WHERE up.descendant = f.org_code AND up.depth > 0 "
        f"AND within.ancestor = c.ancestor AND {same_key})"
    ]
    if table.has_field("scope"):  # own-level rows are never summed from children
        placed.append("(f.scope <> 'own_level' OR c.depth = 0)")
    return "", [], placed


# School rows once per fiscal scope: own_level keeps the schools the unit's government sponsors.
BY_SCOPE = (
    "CROSS JOIN (SELECT 'consolidated' AS scope UNION ALL SELECT 'own_level' AS scope) AS sc "
    "JOIN org_units AS lvl ON lvl.code = c.ancestor"
)
SPONSOR = "COALESCE(s.sponsor_level, 'county')"
SPONSORED = (
    "(sc.scope = 'consolidated' OR {sponsor} = "
    "CASE lvl.level WHEN 'district' THEN 'county' ELSE lvl.level END)"
)
# A source's joins after `table AS f`, its conditions on the row, and on the unit `c`.
_Source = tuple[str, list[str], list[str]]

_SOURCES = {"school": _school_source, "event": _event_source, "org": _org_source}


def school_set_condition(catalogue: Catalogue, set_id: str) -> str:
    school_set = catalogue.school_sets[set_id]
    condition = f"({school_set.where})"
    if school_set.base:
        condition = f"{school_set_condition(catalogue, school_set.base)} AND {condition}"
    return condition
