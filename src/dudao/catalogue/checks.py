"""Cross-checks of a loaded catalogue: one rule per function, registered in CHECKS."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError

from dudao.catalogue.errors import CatalogueProblem
from dudao.catalogue.indicators import Holding, Operand
from dudao.catalogue.loader import Catalogue
from dudao.catalogue.models import Declared, FieldType
from dudao.catalogue.rule_checks import check_rules
from dudao.catalogue.views import DerivedView, derived_views, table_placement


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
    allowed = set(derived_views(catalogue)["school_membership"].columns)
    for school_set in catalogue.school_sets.values():
        if school_set.base and school_set.base not in catalogue.school_sets:
            yield school_set.problem(f"{school_set.id}: unknown base set {school_set.base!r}")
        yield from _check_sql(school_set, school_set.where, allowed, school_set.id)


def check_indicators(catalogue: Catalogue) -> Iterator[CatalogueProblem]:
    views = derived_views(catalogue)
    for indicator in catalogue.indicators.values():
        for operand in indicator.operands:
            yield from _check_operand(catalogue, views, indicator.id, operand)
        if indicator.test is not None:
            for other in indicator.test.indicators:
                if other not in catalogue.indicators:
                    yield indicator.test.problem(f"{indicator.id}: unknown indicator {other!r}")
        for other in indicator.of:
            if other not in catalogue.indicators:
                yield indicator.problem(f"{indicator.id}: unknown indicator {other!r} in `of`")
        if not (indicator.operands or indicator.test or indicator.of):
            yield indicator.problem(f"{indicator.id}: needs a numerator, a test or `of`")
        known = {code.code for code in catalogue.code_lists["org_level"].codes} | {"school"}
        for level in sorted(set(indicator.levels) - known):
            yield indicator.problem(
                f"{indicator.id}: unknown level {level!r}; known: {sorted(known)}"
            )


def _check_operand(
    catalogue: Catalogue, views: dict[str, DerivedView], owner: str, operand: Operand
) -> Iterator[CatalogueProblem]:
    if operand.table in views:
        fields = set(views[operand.table].columns)
    elif operand.table in catalogue.tables and table_placement(catalogue, operand.table):
        fields = {field.id for field in catalogue.tables[operand.table].fields}
    else:
        yield operand.problem(f"{owner}: unknown table or view {operand.table!r}")
        return
    if operand.school_set and operand.school_set not in catalogue.school_sets:
        yield operand.problem(f"{owner}: unknown school set {operand.school_set!r}")
    if (operand.school_set or operand.holding) and "school_code" not in fields:
        yield operand.problem(f"{owner}: {operand.table} has no schools to filter")
    if operand.holding:
        yield from _check_codes(catalogue, operand.holding, owner)
    levels = {code.code for code in catalogue.code_lists["org_level"].codes}
    if operand.at_level and operand.at_level not in levels:
        yield operand.problem(f"{owner}: unknown level {operand.at_level!r}")
    yield from _check_sql(operand, operand.expr, fields, owner)
    if operand.where is not None:
        yield from _check_sql(operand, operand.where, fields, owner)


def _check_codes(catalogue: Catalogue, holding: Holding, owner: str) -> Iterator[CatalogueProblem]:
    lists = catalogue.code_lists
    pairs = [("designation_kind", (holding.kind,)), ("designation_level", holding.levels)]
    pairs.append(("designation_result", holding.results))
    for list_id, codes in pairs:
        known = {code.code for code in lists[list_id].codes}
        for code in codes:
            if code not in known:
                yield holding.problem(f"{owner}: unknown {list_id} {code!r}")


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
    check_rules,
)


def check_catalogue(catalogue: Catalogue) -> Iterator[CatalogueProblem]:
    for check in CHECKS:
        yield from check(catalogue)
