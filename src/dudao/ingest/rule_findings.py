"""A rule's finding: the rule's message filled in, at the user's cell, with the rule's severity."""

from __future__ import annotations

from collections.abc import Mapping

from dudao.catalogue.rules import CheckRule, FieldRule, ValidationRule
from dudao.ingest.findings import Expected, Finding
from dudao.ingest.sheets import Place

AnyRule = ValidationRule | FieldRule | CheckRule
Names = Mapping[str, object]  # placeholder -> value, or (zh, en) when it differs by language


def rule_finding(
    rule: AnyRule,
    place: Place,
    *,
    row: int | None,
    column: str | None,
    value: object,
    names: Names,
) -> Finding:
    """The finding of `rule` at one cell; `names` fill the message's placeholders."""
    table = place.catalogue.tables[rule.table]
    label = table.field(column).label if column and table.has_field(column) else None
    return place.finding(
        rule.finding,
        row=row,
        column=column,
        column_label=label,
        value=None if value is None else as_text(value),
        expected=expectation(rule, names),
        severity=rule.severity,
    )


def expectation(rule: AnyRule, names: Names) -> Expected:
    zh = rule.message.zh_hans.format_map({k: _in(v, 0) for k, v in names.items()})
    en = rule.message.en.format_map({k: _in(v, 1) for k, v in names.items()})
    return f"{zh}（规则 {rule.id}）", f"{en} (rule {rule.id})"


def as_text(value: object) -> str:
    """Numbers as a user wrote them: 12 not 12.0, at most two decimals."""
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def _in(value: object, language: int) -> str:
    if isinstance(value, tuple):
        return as_text(value[language])
    return as_text(value)
