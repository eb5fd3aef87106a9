"""Cross-checks of a loaded catalogue: one rule per function, registered in CHECKS."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError

from dudao.catalogue.errors import CatalogueProblem
from dudao.catalogue.loader import Catalogue
from dudao.catalogue.models import Declared, FieldType

# Columns of the per-school, per-year view that school-set conditions read.
MEMBERSHIP_COLUMNS = (
    "school_code",
    "year",
    "school_type",
    "ownership",
    "sponsor_level",
    "enrolment",
)


def check_fields(catalogue: Catalogue) -> Iterator[CatalogueProblem]:
    for table in catalogue.tables.values():
        seen: set[str] = set()
        for field in table.fields:
            if field.id in seen:
                yield field.problem(f"{table.id}.{field.id} declared twice")
            seen.add(field.id)
            if field.type is FieldType.CODE and field.codes not in catalogue.code_lists:
                yield field.problem(f"{table.id}.{field.id}: unknown code list {field.codes!r}")
            reference = field.reference
            if reference and not _field_exists(catalogue, *reference):
                yield field.problem(f"{table.id}.{field.id}: unknown reference {field.references}")
        for key in table.key:
            if key not in seen:
                yield table.problem(f"{table.id}: key field {key!r} is not declared")


def check_school_types(catalogue: Catalogue) -> Iterator[CatalogueProblem]:
    stages = {code.code for code in catalogue.code_lists["stage"].codes}
    for code in catalogue.code_lists["school_type"].codes:
        for stage in code.stages:
            if stage not in stages:
                yield code.problem(f"school type {code.code}: unknown stage {stage!r}")


def check_school_sets(catalogue: Catalogue) -> Iterator[CatalogueProblem]:
    stages = [code.code for code in catalogue.code_lists["stage"].codes]
    allowed = set(MEMBERSHIP_COLUMNS) | {f"has_{stage}" for stage in stages}
    for school_set in catalogue.school_sets.values():
        if school_set.base and school_set.base not in catalogue.school_sets:
            yield school_set.problem(f"{school_set.id}: unknown base set {school_set.base!r}")
        yield from _check_sql(school_set, school_set.where, allowed, school_set.id)


def check_indicators(catalogue: Catalogue) -> Iterator[CatalogueProblem]:
    for indicator in catalogue.indicators.values():
        for operand in (indicator.numerator, indicator.denominator):
            if operand is None:
                continue
            table = catalogue.tables.get(operand.table)
            if table is None:
                yield operand.problem(f"{indicator.id}: unknown table {operand.table!r}")
                continue
            if operand.school_set and operand.school_set not in catalogue.school_sets:
                yield operand.problem(f"{indicator.id}: unknown school set {operand.school_set!r}")
            fields = {field.id for field in table.fields}
            yield from _check_sql(operand, operand.expr, fields, indicator.id)


def _check_sql(
    item: Declared, sql: str, allowed: set[str], owner: str
) -> Iterator[CatalogueProblem]:
    try:
        tree = sqlglot.parse_one(sql, dialect="duckdb")
    except ParseError as error:
        yield item.problem(f"{owner}: cannot parse {sql!r}: {error}")
        return
    for column in tree.find_all(exp.Column):
        if column.name not in allowed:
            yield item.problem(f"{owner}: unknown field {column.name!r} in {sql!r}")


def _field_exists(catalogue: Catalogue, table_id: str, field_id: str) -> bool:
    table = catalogue.tables.get(table_id)
    return table is not None and table.has_field(field_id)


CHECKS: tuple[Callable[[Catalogue], Iterator[CatalogueProblem]], ...] = (
    check_fields,
    check_school_types,
    check_school_sets,
    check_indicators,
)


def check_catalogue(catalogue: Catalogue) -> Iterator[CatalogueProblem]:
    for check in CHECKS:
        yield from check(catalogue)
