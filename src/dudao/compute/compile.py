"""Compile the indicators of SQL kinds to one query over the wide table operand_wide.

operand_wide has one row per (unit_code, year, scope), the unit's level and one column
per operand (scope is null for operands that do not differ by fiscal scope). An indicator's
rows are those of operand_wide where one of its operands has a value; a kind
combines the operands' columns `n`, `d` (and `pn`, `pd`, the year before).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from dudao.catalogue import Catalogue, Indicator, Operand
from dudao.compute.engine import Engine
from dudao.compute.kinds import SqlKind
from dudao.compute.operands import group_operands, has_scope
from dudao.compute.rollup import group_query

OperandIds = Mapping[tuple[object, ...], str]
# The SQL names of a kind's operands, in order (SqlKind: n, d, then the kind's own).
ALIASES = ("n", "d", "s", "c", "e", "f")
SAME_SCOPE = "COALESCE({0}.scope, '') = COALESCE(k.scope, '')"


def wide_query(groups: Mapping[str, list[tuple[str, str]]]) -> str:
    """operand_wide from the operand groups' tables: {table: [(op_i column, operand id)]}."""
    keys = " UNION ".join(f"SELECT unit_code, year, scope FROM {table}" for table in groups)
    columns = ", ".join(
        f"{table}.{column} AS {operand_id}"
        for table, pairs in groups.items()
        for column, operand_id in pairs
    )
    joins = " ".join(
        f"LEFT JOIN {table} ON {table}.unit_code = k.unit_code AND {table}.year = k.year "
        f"AND COALESCE({table}.scope, '') = COALESCE(k.scope, '')"
        for table in groups
    )
    # The unit's level rides along: each indicator's query then reads one table, no join.
    return (
        f"SELECT k.unit_code, k.year, k.scope, o.level AS unit_level, {columns} "
        f"FROM ({keys}) AS k LEFT JOIN units AS o ON o.code = k.unit_code {joins}"
    )


def indicator_query(
    catalogue: Catalogue,
    indicator: Indicator,
    kind: SqlKind,
    operand_ids: OperandIds,
    at_schools: bool = False,
) -> str:
    """The indicator's rows at its levels (schools only `at_schools`)."""
    operands = kind.operands(indicator)
    scoped = any(has_scope(catalogue, operand) for operand in operands)
    columns: dict[str, str] = {}
    joins: dict[str, str] = {}
    for alias, operand in zip(ALIASES, operands, strict=False):
        column = operand_ids[operand.key]
        table = _table(catalogue, operand, scoped, alias)
        columns[alias] = f"{table}.{column}"
        joins.update(_joins(table, operand, scoped, back=0))
        if kind.previous:
            columns[f"p{alias}"] = f"p{table}.{column}"
            joins.update(_joins(f"p{table}", operand, scoped, back=1))
    present = " OR ".join(f"{columns[a]} IS NOT NULL" for a in ("n", "d") if a in columns)
    levels = ", ".join(
        f"'{level}'" for level in indicator.levels if at_schools or level != "school"
    )
    return (
        f"SELECT '{indicator.id}' AS indicator, k.unit_code, k.year, k.scope, "
        f"{kind.select(indicator, columns)} FROM operand_wide AS k {' '.join(joins.values())} "
        f"WHERE k.scope IS {'NOT ' if scoped else ''}NULL AND ({present}) "
        f"AND k.unit_level IN ({levels})"
    )


def batch_query(parts: list[str]) -> str:
    """Every indicator's query in one statement: the engine plans and runs them together."""
    return " UNION ALL ".join(parts) + " ORDER BY indicator, unit_code, year, scope"


def _table(catalogue: Catalogue, operand: Operand, scoped: bool, alias: str) -> str:
    """Which copy of operand_wide holds the operand for the frame row k."""
    if operand.at_level is not None:
        return f"a{alias}"
    return "u" if scoped and not has_scope(catalogue, operand) else "k"


def _joins(table: str, operand: Operand, scoped: bool, back: int) -> dict[str, str]:
    if table == "k":
        return {}
    year = f"k.year - {back}" if back else "k.year"
    if table.lstrip("p").startswith("a"):  # the unit's ancestor at a level (the province)
        source = (
            "(SELECT c.descendant, w.* FROM operand_wide AS w JOIN org_units AS u "
            "ON u.code = w.unit_code JOIN org_closure AS c ON c.ancestor = w.unit_code "
            f"WHERE u.level = '{operand.at_level}')"
        )
        on = f"{table}.descendant = k.unit_code AND {table}.year = {year} AND " + SAME_SCOPE.format(
            table
        )
    elif table.lstrip("p") == "u":  # an operand without scope beside scoped ones
        source, on = (
            "operand_wide",
            f"{table}.unit_code = k.unit_code AND {table}.year = {year} AND {table}.scope IS NULL",
        )
    else:  # the same row, the year before
        source, on = (
            "operand_wide",
            f"{table}.unit_code = k.unit_code AND {table}.year = {year} AND "
            + SAME_SCOPE.format(table),
        )
    return {table: f"LEFT JOIN {source} AS {table} ON {on}"}


def register_operands(
    engine: Engine,
    catalogue: Catalogue,
    operands: list[Operand],
    period: tuple[int, int],
    school_keys: Collection[tuple[object, ...]] = (),
) -> dict[tuple[object, ...], str]:
    """Register operand_wide (unit_code, year, scope, one column per operand); return their ids.

    Operands whose key is in `school_keys` are summed for each school too."""
    operand_ids: dict[tuple[object, ...], str] = {}
    groups: dict[str, list[tuple[str, str]]] = {}
    for number, group in enumerate(group_operands(operands, school_keys)):
        table = f"operand_group_{number}"
        engine.materialize(table, group_query(catalogue, group, period))
        for index, expression in enumerate(group.expressions):
            operand_ids[(*group.sample.key[:-1], expression)] = f"g{number}_{index}"
            groups.setdefault(table, []).append((f"op_{index}", f"g{number}_{index}"))
    if groups:
        engine.materialize("operand_wide", wide_query(groups))
    return operand_ids
