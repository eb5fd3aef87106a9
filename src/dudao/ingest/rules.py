"""The catalogue's rule set (rules.yaml) run over a dataset; a rule that crashes becomes a finding.

Validation and field rules are evaluated by kind; `check` rules by the function registered
for their check name in CHECKS (built-ins use the same table a plug-in would).

A table's validation rules are run as one batch (evaluated on Arrow, else one DuckDB
statement). A batch that fails is run again rule by rule, so that a crash is the finding of
the one rule that crashed. The built-in checks need no SQL but the microdata's; a DuckDB
connection is made only for a rule that does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

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
from dudao.ingest.rules_validation import field_rule, table_validation, validation_rule
from dudao.ingest.vanished import vanished_school
from dudao.ingest.years import missing_year, year_change

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
    """Every rule of the catalogue, findings in declaration order, over one set of frames."""
    rules = list(context.catalogue.rules.values())
    frames = RuleFrames(context)
    try:
        found = run_rules(rules, frames)
    finally:
        frames.close()
    for rule in rules:
        yield from found[rule.id]


def run_rules(rules: Sequence[Rule], frames: RuleFrames) -> dict[str, list[Finding]]:
    """The findings of `rules` by rule id; a table's validation rules as one batch."""
    found: dict[str, list[Finding]] = {}
    for batch, members in _batches(rules).items():
        found.update(_run_batch(batch, members, frames))
    return found


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


def _batches(rules: Sequence[Rule]) -> dict[tuple[str, str], list[Rule]]:
    """Rules grouped by the batch that runs them; a rule not validation is a batch of its own."""
    groups: dict[tuple[str, str], list[Rule]] = {}
    for rule in rules:
        key = ("validation", rule.table) if isinstance(rule, ValidationRule) else ("rule", rule.id)
        groups.setdefault(key, []).append(rule)
    return groups


def _run_batch(
    key: tuple[str, str], rules: list[Rule], frames: RuleFrames
) -> dict[str, list[Finding]]:
    if key[0] == "validation":
        try:
            return table_validation([r for r in rules if isinstance(r, ValidationRule)], frames)
        except Exception:  # rerun one by one below: the crash is the one rule's finding
            pass
    return {rule.id: run_rule(rule, frames) for rule in rules}
