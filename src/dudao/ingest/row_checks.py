"""Run a table's row rules on each row of a batch; a crashing rule becomes one finding."""

from __future__ import annotations

import pyarrow as pa

from dudao.catalogue import TableDef
from dudao.ingest.findings import Finding
from dudao.ingest.row_rules import RowProblem, RowRule, rules_for
from dudao.ingest.sheets import Place


def rule_failed(place: Place, rule: str, error: Exception, row: int | None = None) -> Finding:
    """A rule that crashed: its name and the exception, so the check can be fixed."""
    said = (f"规则“{rule}”正常运行", f"the rule {rule} to run without error")
    return place.finding(
        "rule_failed", row=row, value=f"{type(error).__name__}: {error}", expected=said
    )


def check_rows(
    table: TableDef,
    place: Place,
    batch: pa.RecordBatch,
    numbers: list[int],
    findings: list[Finding],
) -> set[int]:
    """Indices of rows a rule rejects; their findings appended."""
    rules = rules_for(table.id)
    if not rules:
        return set()
    rows = batch.to_pylist()
    return {
        index for rule in rules for index in _apply(rule, table, place, rows, numbers, findings)
    }


def _apply(
    rule: RowRule,
    table: TableDef,
    place: Place,
    rows: list[dict[str, object]],
    numbers: list[int],
    findings: list[Finding],
) -> set[int]:
    rejected: set[int] = set()
    for index, row in enumerate(rows):
        try:
            problems = list(rule.check(row))
        except Exception as error:  # a broken rule must not stop the read
            findings.append(rule_failed(place, rule.check.__name__, error, numbers[index]))
            return rejected
        findings.extend(_finding(table, place, numbers[index], row, p) for p in problems)
        if problems:
            rejected.add(index)
    return rejected


def _finding(
    table: TableDef, place: Place, number: int, row: dict[str, object], problem: RowProblem
) -> Finding:
    field = table.field(problem.field)
    value = row.get(problem.field)
    return place.finding(
        problem.code,
        row=number,
        column=field.id,
        column_label=field.label,
        value=None if value is None else str(value),
        expected=problem.expected,
    )
