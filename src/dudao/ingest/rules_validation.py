"""Validation and field rules, evaluated in DuckDB over all of a table's rows at once.

A side's missing-value strategy (DHIS2) decides what an empty cell does: skip the row when
any (SKIP_IF_ANY_VALUE_MISSING) or all (SKIP_IF_ALL_VALUES_MISSING) of the side's fields are
empty, else count it as 0 ("" for text). A comparison that cannot be made (e.g. a division by
zero) passes: a rule reports what it can show is wrong.

Every validation rule of a table is one set of columns of one statement (table_validation):
a statement costs ~4-25 ms to plan whatever its size, the comparisons themselves next to
nothing. The statement's columns are evaluated on Arrow instead (rules_arrow) where its SQL
allows, with DuckDB's semantics; DuckDB evaluates the rest.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import sqlglot
from sqlglot import exp

from dudao.catalogue import FieldType, TableDef
from dudao.catalogue.rule_checks import rule_columns
from dudao.catalogue.rules import FieldRule, MissingValueStrategy, Side, ValidationRule
from dudao.ingest.findings import Finding
from dudao.ingest.rule_findings import rule_finding
from dudao.ingest.rule_frames import PART, ROW, RuleFrames
from dudao.ingest.rules_arrow import Unsupported, compare, evaluate, supported
from dudao.ingest.vectors import indices, truth

SKIPPING = (
    MissingValueStrategy.SKIP_IF_ANY_VALUE_MISSING,
    MissingValueStrategy.SKIP_IF_ALL_VALUES_MISSING,
)


@dataclass(frozen=True)
class Violation:
    """A validation rule as SQL over one row: the sides and their comparison, the conditions
    that keep a row (each boolean, never null), and the field a finding points at."""

    left: str
    operator: str
    right: str
    kept: tuple[str, ...]
    column: str

    @property
    def broken(self) -> str:
        """When the rule is broken: boolean, never null."""
        compared = f"NOT coalesce(({self.left}) {self.operator} ({self.right}), true)"
        return f"({' AND '.join([compared, *self.kept])})"

    @property
    def value(self) -> str:
        return _quoted(self.column)

    def columns(self, tag: str) -> str:
        """The select list of this rule, its columns named `<what>_<tag>`."""
        return (
            f"{self.broken} AS broken_{tag}, {self.left} AS left_{tag}, "
            f"{self.right} AS right_{tag}, {self.value} AS value_{tag}"
        )


def validation_rule(rule: ValidationRule, frames: RuleFrames) -> Iterator[Finding]:
    """One finding per row where `left operator right` does not hold."""
    yield from table_validation([rule], frames)[rule.id]


def table_validation(
    rules: Sequence[ValidationRule], frames: RuleFrames
) -> dict[str, list[Finding]]:
    """The findings of validation rules of one table, by rule id, from one statement.

    Its rows are those breaking some rule, in sheet order; each rule's findings come from its
    own columns, so they are exactly those of the rule run alone.
    """
    found: dict[str, list[Finding]] = {rule.id: [] for rule in rules}
    context = frames.context
    if not context.has_table(rules[0].table):
        return found
    table = context.catalogue.tables[rules[0].table]
    violations = [violation(rule, table) for rule in rules]
    rows = _arrow_rows(violations, frames.dataset_table(table.id))
    if rows is None:
        rows = frames.rows(_violations_sql(violations, frames.dataset(table.id)))
    for part_index, row, *cells in rows:
        place = context.parts[part_index].place
        for tag, rule in enumerate(rules):
            is_broken, left, right, value = cells[4 * tag : 4 * tag + 4]
            if is_broken:
                names = {"left": left, "right": right}
                column = violations[tag].column
                finding = rule_finding(
                    rule, place, row=row, column=column, value=value, names=names
                )
                found[rule.id].append(finding)
    return found


def _violations_sql(violations: Sequence[Violation], frame: str) -> str:
    """The rows breaking some rule: PART, ROW, then each rule's columns (Violation.columns)."""
    select = ", ".join(v.columns(str(tag)) for tag, v in enumerate(violations))
    broken = " OR ".join(f"broken_{tag}" for tag in range(len(violations)))
    return (
        f"SELECT * FROM (SELECT {PART}, {ROW}, {select} FROM {frame}) "
        f"WHERE {broken} ORDER BY {PART}, {ROW}"
    )


def _arrow_rows(violations: Sequence[Violation], frame: pa.Table) -> list[tuple[Any, ...]] | None:
    """What _violations_sql's statement returns, evaluated on Arrow (rules_arrow); None when
    some rule's SQL is outside its subset or the evaluation raises: DuckDB then decides."""
    if not all(supported(sql) for v in violations for sql in (v.left, v.right, *v.kept)):
        return None
    try:
        broken = np.zeros(frame.num_rows, bool)
        for v in violations:
            broken |= truth(_whole(_broken(v, frame), frame.num_rows)).to_numpy(False)
        if not broken.any():
            return []  # a clean table: no side is evaluated for a finding
        rows = frame.take(pa.array(np.flatnonzero(broken)))  # each cell is of its own row
        columns = [rows.column(PART), rows.column(ROW)]
        for v in violations:
            cells = (_broken(v, rows), evaluate(v.left, rows), evaluate(v.right, rows))
            columns += [*(_whole(cell, rows.num_rows) for cell in cells), rows.column(v.column)]
    except (pa.ArrowException, Unsupported):
        return None
    return list(zip(*(column.to_pylist() for column in columns), strict=True))


def _broken(v: Violation, frame: pa.Table) -> pa.Array | pa.Scalar:
    """Violation.broken on Arrow, from its parts: each part's SQL is parsed once, and short."""
    compared = compare(v.operator, evaluate(v.left, frame), evaluate(v.right, frame))
    broken = pc.invert(pc.coalesce(compared, True))
    for condition in v.kept:
        broken = pc.and_kleene(broken, evaluate(condition, frame))
    return broken


def _whole(value: pa.Array | pa.Scalar, rows: int) -> pa.Array:
    """A constant as a column (a side may be a number alone)."""
    if isinstance(value, pa.Scalar):
        return pa.repeat(value, rows)
    return value


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


def violation(rule: ValidationRule, table: TableDef) -> Violation:
    """The rule's SQL: skipped rows (missing values, `where`) never count as broken."""
    left, left_skip = _side(rule.left, table)
    right, right_skip = _side(rule.right, table)
    kept = [skip for skip in (left_skip, right_skip) if skip]
    if rule.where is not None:
        kept.append(f"coalesce(({_sql(rule.where)}), false)")
    column = rule.column or _first_column(rule)
    return Violation(left, rule.operator.sql, right, tuple(kept), column)


def _side(side: Side, table: TableDef) -> tuple[str, str | None]:
    """The side's SQL with its strategy applied, and the condition that keeps a row."""
    strategy = side.missing_value_strategy
    texts: frozenset[str] = frozenset()
    if strategy is not MissingValueStrategy.SKIP_IF_ANY_VALUE_MISSING:  # empty reads as 0 or ""
        texts = frozenset(name for name in rule_columns(side.expression) if _is_text(table, name))
    return _strategy_sql(side.expression, strategy, texts)


@cache
def _strategy_sql(
    expression: str, strategy: MissingValueStrategy, texts: frozenset[str]
) -> tuple[str, str | None]:
    """Parsed once per expression: sqlglot costs ~0.3 ms a parse, a check run has ~300."""
    columns = rule_columns(expression)
    keep = None
    if columns and strategy in SKIPPING:
        valid = [f"{_quoted(name)} IS NOT NULL" for name in columns]
        joiner = " AND " if strategy is MissingValueStrategy.SKIP_IF_ANY_VALUE_MISSING else " OR "
        keep = f"({joiner.join(valid)})"
    if strategy is MissingValueStrategy.SKIP_IF_ANY_VALUE_MISSING:
        return _sql(expression), keep
    tree = sqlglot.parse_one(expression, dialect="duckdb")
    zeroed = tree.transform(lambda node: _zero(node, texts))
    return zeroed.sql(dialect="duckdb"), keep


def _zero(node: exp.Expression, texts: frozenset[str]) -> exp.Expression:
    """A field read as 0 (or "" for text) when empty."""
    if not isinstance(node, exp.Column):
        return node
    empty = exp.Literal.string("") if node.name in texts else exp.Literal.number(0)
    return exp.Coalesce(this=node.copy(), expressions=[empty])


def _is_text(table: TableDef, name: str) -> bool:
    return table.field(name).type in (FieldType.TEXT, FieldType.CODE)


@cache
def _sql(expression: str) -> str:
    return sqlglot.parse_one(expression, dialect="duckdb").sql(dialect="duckdb")


def _quoted(name: str) -> str:
    return exp.to_identifier(name, quoted=True).sql(dialect="duckdb")


def _first_column(rule: ValidationRule) -> str:
    columns = rule_columns(rule.left.expression) or rule_columns(rule.right.expression)
    return columns[0]
