"""The catalogue's rule set (rules.yaml) run over a dataset; a rule that crashes becomes a finding.

Validation and field rules are evaluated by kind; `check` rules by the function registered
for their check name in CHECKS (built-ins use the same table a plug-in would).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from dudao.catalogue.rules import CheckName, CheckRule, FieldRule, Rule, ValidationRule
from dudao.ingest.check_context import CheckContext
from dudao.ingest.cross_tables import (
    stage_matches_school_type,
    students_agree_with_counts,
    teachers_agree_with_counts,
)
from dudao.ingest.findings import Finding
from dudao.ingest.row_checks import rule_failed
from dudao.ingest.rule_frames import RuleFrames
from dudao.ingest.rules_text import duplicate_name
from dudao.ingest.rules_validation import field_rule, validation_rule
from dudao.ingest.years import missing_year, vanished_school, year_change

Check = Callable[[CheckRule, RuleFrames], Iterable[Finding]]

CHECKS: dict[CheckName, Check] = {
    CheckName.STAGE_MATCHES_SCHOOL_TYPE: stage_matches_school_type,
    CheckName.STUDENTS_AGREE_WITH_COUNTS: students_agree_with_counts,
    CheckName.TEACHERS_AGREE_WITH_COUNTS: teachers_agree_with_counts,
    CheckName.MISSING_YEAR: missing_year,
    CheckName.YEAR_CHANGE: year_change,
    CheckName.VANISHED_SCHOOL: vanished_school,
    CheckName.DUPLICATE_NAME: duplicate_name,
}


def catalogue_rules(context: CheckContext) -> Iterator[Finding]:
    """Every rule of the catalogue, in declaration order, over one DuckDB connection."""
    frames = RuleFrames(context)
    try:
        for rule in context.catalogue.rules.values():
            yield from run_rule(rule, frames)
    finally:
        frames.close()


def run_rule(rule: Rule, frames: RuleFrames) -> list[Finding]:
    """The findings of one rule; a crash is one rule_failed finding."""
    try:
        if isinstance(rule, ValidationRule):
            return list(validation_rule(rule, frames))
        if isinstance(rule, FieldRule):
            return list(field_rule(rule, frames))
        return list(CHECKS[rule.check](rule, frames))
    except Exception as error:  # a broken rule must not hide the others' findings
        return [rule_failed(frames.context.place, rule.id, error)]
