"""Checks across rows and tables, run once every sheet is read; a crash becomes a finding."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from dudao.ingest.check_context import CheckContext
from dudao.ingest.findings import Finding
from dudao.ingest.keys import duplicate_keys
from dudao.ingest.references import dangling_references, designation_units
from dudao.ingest.row_checks import rule_failed
from dudao.ingest.rules import catalogue_rules

DatasetCheck = Callable[[CheckContext], Iterable[Finding]]

DATASET_CHECKS: tuple[DatasetCheck, ...] = (
    duplicate_keys,
    dangling_references,
    designation_units,
    catalogue_rules,
)


def run_checks(context: CheckContext) -> list[Finding]:
    """Every registered check; one that raises yields a rule_failed finding instead."""
    findings: list[Finding] = []
    for check in DATASET_CHECKS:
        try:
            findings.extend(list(check(context)))
        except Exception as error:  # a broken check must not hide the others' findings
            findings.append(rule_failed(context.place, check.__name__, error))
    return findings
