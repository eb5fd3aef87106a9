"""Compile one indicator of a SQL kind to a query over the long table operand_values.

operand_values (unit_code, year, scope, operand, value) holds every operand at
every unit, year and fiscal scope. An indicator's frame `k` is each (unit, year,
scope) where one of its operands has a value; its operands are joined to it as
`n` and `d` (and `pn`, `pd` of the year before, for kinds that compare years).
"""

from __future__ import annotations

from collections.abc import Mapping

from dudao.catalogue import Catalogue, Indicator, Operand
from dudao.compute.kinds import SqlKind
from dudao.compute.operands import has_scope

OperandIds = Mapping[tuple[object, ...], str]


def indicator_query(
    catalogue: Catalogue, indicator: Indicator, kind: SqlKind, operand_ids: OperandIds
) -> str:
    operands = kind.operands(indicator)
    scoped = any(has_scope(catalogue, operand) for operand in operands)
    wanted = ", ".join(f"'{operand_ids[operand.key]}'" for operand in operands)
    frame = (
        "SELECT DISTINCT unit_code, year, scope FROM operand_values "
        f"WHERE operand IN ({wanted}){' AND scope IS NOT NULL' if scoped else ''}"
    )
    joins = []
    for alias, operand in zip(("n", "d"), operands, strict=False):
        join = _join(catalogue, alias, operand, operand_ids[operand.key], back=0)
        joins.append(join)
        if kind.previous:
            joins.append(_join(catalogue, f"p{alias}", operand, operand_ids[operand.key], back=1))
    levels = ", ".join(f"'{level}'" for level in indicator.levels)
    return (
        f"SELECT k.unit_code, k.year, k.scope, {kind.select(indicator)} FROM ({frame}) AS k "
        f"JOIN org_units AS o ON o.code = k.unit_code {' '.join(joins)} "
        f"WHERE o.level IN ({levels}) ORDER BY k.unit_code, k.year, k.scope"
    )


def _join(catalogue: Catalogue, alias: str, operand: Operand, operand_id: str, back: int) -> str:
    if operand.at_level is None:
        source = f"SELECT unit_code, year, scope, value FROM operand_values WHERE operand = '{operand_id}'"
    else:  # the value of the unit's ancestor at that level, for every unit below it
        source = (
            "SELECT c.descendant AS unit_code, v.year, v.scope, v.value FROM operand_values AS v "
            "JOIN org_units AS u ON u.code = v.unit_code "
            "JOIN org_closure AS c ON c.ancestor = v.unit_code "
            f"WHERE v.operand = '{operand_id}' AND u.level = '{operand.at_level}'"
        )
    year = f"k.year - {back}" if back else "k.year"
    scope = f" AND {alias}.scope = k.scope" if has_scope(catalogue, operand) else ""
    return (
        f"LEFT JOIN ({source}) AS {alias} "
        f"ON {alias}.unit_code = k.unit_code AND {alias}.year = {year}{scope}"
    )
