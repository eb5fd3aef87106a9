"""The rows behind an operand's total for one unit and year: which schools, units or events.

An operand's rows are placed in the hierarchy exactly as the engine places them
(dudao.compute.operands.operand_rows), then grouped by their contributor instead
of by org unit: a school for school tables, the reporting unit for org tables,
the unit named (a designation's holder, a project, a case) for events.
"""

from __future__ import annotations

from dataclasses import dataclass

from dudao.catalogue import Catalogue, Operand
from dudao.catalogue.views import derived_views, table_placement
from dudao.compute.engine import Engine
from dudao.compute.operands import aggregates, has_scope, operand_rows


@dataclass(frozen=True)
class Contribution:
    code: str
    name: str | None
    value: float
    share: float | None  # of the term's total, 0-1

    def to_json(self) -> dict[str, object]:
        return {"code": self.code, "name": self.name, "value": self.value, "share": self.share}


@dataclass(frozen=True)
class Term:
    """A numerator or denominator of one unit, year and scope, and its largest rows."""

    role: str  # numerator / denominator
    unit_code: str  # the unit whose rows are read (the province's, for an at_level operand)
    year: int
    scope: str | None
    operand: Operand
    total: float | None
    contributors: int
    rows: tuple[Contribution, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "role": self.role,
            "unit_code": self.unit_code,
            "year": self.year,
            "scope": self.scope,
            "operand": operand_json(self.operand),
            "total": self.total,
            "contributors": self.contributors,
            "rows": [row.to_json() for row in self.rows],
        }


def operand_json(operand: Operand) -> dict[str, object]:
    return operand.model_dump(mode="json", exclude_none=True, exclude_defaults=True) | {
        "table": operand.table,
        "expr": operand.expr,
    }


def literal(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def contributor_column(catalogue: Catalogue, operand: Operand) -> str:
    """The column naming who a row belongs to: school, reporting unit, or the event's unit."""
    view = derived_views(catalogue).get(operand.table)
    placement = view.placement if view else table_placement(catalogue, operand.table)
    if placement == "school":
        return "f.school_code"
    if placement == "org":
        return "f.org_code"
    columns = view.columns if view else tuple(f.id for f in catalogue.tables[operand.table].fields)
    if "unit_code" in columns:
        return "f.unit_code"
    base = catalogue.tables[view.reads[0] if view else operand.table]
    own_key = [key for key in base.key if key not in ("org_code", "year")]
    return f"f.{own_key[0]}" if own_key else "f.org_code"


def contribution_query(
    catalogue: Catalogue,
    operand: Operand,
    expressions: tuple[str, ...],
    *,
    unit_code: str,
    year: int,
    period: tuple[int, int],
) -> str:
    """code, name, scope, op_0… per contributor of the unit's rows of that year."""
    rows = operand_rows(catalogue, operand, period, at_schools=True)  # a school is a unit here
    view = derived_views(catalogue).get(operand.table)
    columns = view.columns if view else tuple(f.id for f in catalogue.tables[operand.table].fields)
    code = contributor_column(catalogue, operand)
    row_name = "MIN(f.name)" if "name" in columns and code != "f.org_code" else "NULL"
    scope_key = f", {rows.scope}" if has_scope(catalogue, operand) else ""
    conditions = (*rows.conditions, f"c.ancestor = {literal(unit_code)}", f"{rows.year} = {year:d}")
    inner = (
        f"SELECT {code} AS code, {row_name} AS row_name, {rows.scope} AS scope, "
        f"{aggregates(expressions)} FROM {rows.source} WHERE {' AND '.join(conditions)} "
        f"GROUP BY {code}{scope_key}"
    )
    return (
        "SELECT q.*, COALESCE(q.row_name, sn.name, un.name) AS name FROM "
        f"({inner}) AS q LEFT JOIN schools AS sn ON sn.school_code = q.code "
        "LEFT JOIN org_units AS un ON un.code = q.code"
    )


def term_query(base: str, top: int) -> str:
    """The `top` largest contributions per scope, with each scope's total and count."""
    return (
        "SELECT code, name, scope, op_0 AS value, SUM(op_0) OVER (PARTITION BY scope) AS total, "
        "COUNT(*) OVER (PARTITION BY scope) AS contributors FROM "
        f"({base}) AS b WHERE op_0 IS NOT NULL AND op_0 <> 0 "
        f"QUALIFY ROW_NUMBER() OVER (PARTITION BY scope ORDER BY ABS(op_0) DESC, code) <= {top:d} "
        "ORDER BY scope, ABS(op_0) DESC, code"
    )


def reading_unit(engine: Engine, operand: Operand, unit_code: str) -> str | None:
    """The unit whose rows the operand reads: the unit, or its ancestor at `at_level`."""
    if operand.at_level is None:
        return unit_code
    found = engine.run(
        "SELECT c.ancestor FROM org_closure AS c JOIN org_units AS u ON u.code = c.ancestor "
        f"WHERE c.descendant = {literal(unit_code)} AND u.level = {literal(operand.at_level)}"
    ).column("ancestor")
    return str(found[0]) if len(found) else None


def terms(
    engine: Engine,
    catalogue: Catalogue,
    role: str,
    operand: Operand,
    *,
    unit_code: str,
    year: int,
    period: tuple[int, int],
    top: int,
) -> list[Term]:
    """The operand's term for each scope it has at the unit and year (none when no rows)."""
    reading = reading_unit(engine, operand, unit_code)
    if reading is None:
        return []
    base = contribution_query(
        catalogue, operand, (operand.expr,), unit_code=reading, year=year, period=period
    )
    by_scope: dict[str | None, list[dict[str, object]]] = {}
    for row in engine.run(term_query(base, top)).to_pylist():
        by_scope.setdefault(row["scope"], []).append(row)
    return [
        Term(
            role=role,
            unit_code=reading,
            year=year,
            scope=scope,
            operand=operand,
            total=float(rows[0]["total"]),  # type: ignore[arg-type]
            contributors=int(rows[0]["contributors"]),  # type: ignore[call-overload]
            rows=tuple(_contribution(row) for row in rows),
        )
        for scope, rows in by_scope.items()
    ]


def _contribution(row: dict[str, object]) -> Contribution:
    value, total = float(row["value"]), float(row["total"])  # type: ignore[arg-type]
    return Contribution(
        code=str(row["code"]),
        name=None if row["name"] is None else str(row["name"]),
        value=value,
        share=value / total if total else None,
    )
