"""Validation and field rules, evaluated in DuckDB over all of a table's rows at once.

A side's missing-value strategy (DHIS2) decides what an empty cell does: skip the row when
any (SKIP_IF_ANY_VALUE_MISSING) or all (SKIP_IF_ALL_VALUES_MISSING) of the side's fields are
empty, else count it as 0 ("" for text). A comparison that cannot be made (e.g. a division by
zero) passes: a rule reports what it can show is wrong.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow.compute as pc
import sqlglot
from sqlglot import exp

from dudao.catalogue import FieldType, TableDef
from dudao.catalogue.rule_checks import rule_columns
from dudao.catalogue.rules import FieldRule, MissingValueStrategy, Side, ValidationRule
from dudao.ingest.findings import Finding
from dudao.ingest.rule_findings import rule_finding
from dudao.ingest.rule_frames import PART, ROW, RuleFrames
from dudao.ingest.vectors import indices

SKIPPING = (
    MissingValueStrategy.SKIP_IF_ANY_VALUE_MISSING,
    MissingValueStrategy.SKIP_IF_ALL_VALUES_MISSING,
)


def validation_rule(rule: ValidationRule, frames: RuleFrames) -> Iterator[Finding]:
    """One finding per row where `left operator right` does not hold."""
    context = frames.context
    if not context.has_table(rule.table):
        return
    table = context.catalogue.tables[rule.table]
    column = rule.column or _first_column(rule)
    rows = frames.rows(_violations_sql(rule, table, column, frames.dataset(rule.table)))
    for part_index, row, left, right, value in rows:
        place = context.parts[part_index].place
        names = {"left": left, "right": right}
        yield rule_finding(rule, place, row=row, column=column, value=value, names=names)


def field_rule(rule: FieldRule, frames: RuleFrames) -> Iterator[Finding]:
    """One finding per cell outside [min, max]; empty cells are not reported values."""
    names = {"min": rule.min, "max": rule.max}
    for part in frames.context.parts_of(rule.table):
        values = part.data.column(rule.field)
        outside = pc.or_(
            pc.less(values, rule.min) if rule.min is not None else pc.is_null(values),
            pc.greater(values, rule.max) if rule.max is not None else pc.is_null(values),
        )
        for index in indices(pc.and_(pc.is_valid(values), outside).combine_chunks()):
            yield rule_finding(
                rule,
                part.place,
                row=part.rows[index],
                column=rule.field,
                value=values[index].as_py(),
                names=names,
            )


def _violations_sql(rule: ValidationRule, table: TableDef, column: str, frame: str) -> str:
    left, left_skip = _side(rule.left, table)
    right, right_skip = _side(rule.right, table)
    conditions = [f"NOT coalesce(({left}) {rule.operator.sql} ({right}), true)"]
    conditions += [skip for skip in (left_skip, right_skip) if skip]
    if rule.where is not None:
        conditions.append(f"coalesce(({_sql(rule.where)}), false)")
    return (
        f"SELECT {PART}, {ROW}, {left}, {right}, {_quoted(column)} FROM {frame} "
        f"WHERE {' AND '.join(conditions)} ORDER BY {PART}, {ROW}"
    )


def _side(side: Side, table: TableDef) -> tuple[str, str | None]:
    """The side's SQL with its strategy applied, and the condition that keeps a row."""
    columns = rule_columns(side.expression)
    strategy = side.missing_value_strategy
    keep = None
    if columns and strategy in SKIPPING:
        valid = [f"{_quoted(name)} IS NOT NULL" for name in columns]
        joiner = " AND " if strategy is MissingValueStrategy.SKIP_IF_ANY_VALUE_MISSING else " OR "
        keep = f"({joiner.join(valid)})"
    if strategy is MissingValueStrategy.SKIP_IF_ANY_VALUE_MISSING:
        return _sql(side.expression), keep
    tree = sqlglot.parse_one(side.expression, dialect="duckdb")
    zeroed = tree.transform(lambda node: _zero(node, table))
    return zeroed.sql(dialect="duckdb"), keep


def _zero(node: exp.Expression, table: TableDef) -> exp.Expression:
    """A field read as 0 (or "" for text) when empty."""
    if not isinstance(node, exp.Column):
        return node
    text = table.field(node.name).type in (FieldType.TEXT, FieldType.CODE)
    empty = exp.Literal.string("") if text else exp.Literal.number(0)
    return exp.Coalesce(this=node.copy(), expressions=[empty])


def _sql(expression: str) -> str:
    return sqlglot.parse_one(expression, dialect="duckdb").sql(dialect="duckdb")


def _quoted(name: str) -> str:
    return exp.to_identifier(name, quoted=True).sql(dialect="duckdb")


def _first_column(rule: ValidationRule) -> str:
    columns = rule_columns(rule.left.expression) or rule_columns(rule.right.expression)
    return columns[0]
