"""Cross-checks of the rule set: every table, field, finding type and placeholder a rule names exists."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from string import Formatter

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError

from dudao.catalogue.errors import CatalogueProblem
from dudao.catalogue.loader import Catalogue
from dudao.catalogue.models import Declared, TableDef
from dudao.catalogue.rules import CheckRule, FieldRule, Rule, ValidationRule, placeholders


def check_rules(catalogue: Catalogue) -> Iterator[CatalogueProblem]:
    for rule in catalogue.rules.values():
        table = catalogue.tables.get(rule.table)
        if table is None:
            yield rule.problem(f"{rule.id}: unknown table {rule.table!r}")
            continue
        if rule.finding not in catalogue.findings:
            yield rule.problem(f"{rule.id}: unknown finding type {rule.finding!r}")
        yield from _placeholders(rule)
        if isinstance(rule, ValidationRule):
            yield from _validation(rule, table)
        elif isinstance(rule, FieldRule):
            yield from _field(rule, table)
        else:
            yield from _check(rule, table)


@cache
def rule_columns(sql: str) -> tuple[str, ...]:
    """The field names an expression reads, in order of appearance (parsed once per text)."""
    tree = sqlglot.parse_one(sql, dialect="duckdb")
    return tuple(dict.fromkeys(column.name for column in tree.find_all(exp.Column)))


def _validation(rule: ValidationRule, table: TableDef) -> Iterator[CatalogueProblem]:
    fields = {field.id for field in table.fields}
    sides: list[tuple[Declared, str]] = [(rule.left, rule.left.expression)]
    sides.append((rule.right, rule.right.expression))
    if rule.where is not None:
        sides.append((rule, rule.where))
    for item, sql in sides:
        try:
            columns = rule_columns(sql)
        except ParseError as error:
            yield (_at(item, rule)).problem(f"{rule.id}: cannot parse {sql!r}: {error}")
            continue
        for column in columns:
            if column not in fields:
                yield _at(item, rule).problem(f"{rule.id}: unknown field {column!r} of {table.id}")
    if rule.column is not None and rule.column not in fields:
        yield rule.problem(f"{rule.id}: unknown field {rule.column!r} of {table.id}")
    elif rule.column is None and not _reads_a_field(rule):
        yield rule.problem(f"{rule.id}: reads no field; name the `column` its findings point at")


def _reads_a_field(rule: ValidationRule) -> bool:
    try:
        return bool(rule_columns(rule.left.expression) or rule_columns(rule.right.expression))
    except ParseError:
        return True  # reported as unparseable above


def _field(rule: FieldRule, table: TableDef) -> Iterator[CatalogueProblem]:
    if not table.has_field(rule.field):
        yield rule.problem(f"{rule.id}: unknown field {rule.field!r} of {table.id}")
    elif not table.field(rule.field).is_numeric:
        yield rule.problem(f"{rule.id}: {table.id}.{rule.field} is not a number")
    if rule.min is None and rule.max is None:
        yield rule.problem(f"{rule.id}: needs min, max or both")


def _check(rule: CheckRule, table: TableDef) -> Iterator[CatalogueProblem]:
    for field_id in rule.fields:
        if not table.has_field(field_id):
            yield rule.problem(f"{rule.id}: unknown field {field_id!r} of {table.id}")


def _placeholders(rule: Rule) -> Iterator[CatalogueProblem]:
    allowed = placeholders(rule)
    for text in (rule.message.zh_hans, rule.message.zh_hant, rule.message.en):
        try:
            names = {name for _, name, _, _ in Formatter().parse(text) if name is not None}
        except ValueError as error:
            yield rule.message.problem(f"{rule.id}: message {text!r}: {error}")
            continue
        for name in sorted(names - allowed):
            yield rule.message.problem(
                f"{rule.id}: unknown placeholder {{{name}}}; allowed: {sorted(allowed)}"
            )


def _at(item: Declared, rule: Rule) -> Declared:
    """A side written as a mapping has its own line; else the rule's."""
    return item if item.declared_at is not None else rule
