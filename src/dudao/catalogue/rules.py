"""Typed objects of the rule set (data/rules.yaml): what a return must satisfy beyond its types.

Three kinds, told apart by `kind`:
- `validation`: DHIS2-style, a left side, an operator and a right side, each side an SQL
  expression over one table's fields with its own missing-value strategy, optionally only on
  the rows meeting `where` (one rule, one row at a time);
- `field`: a plausibility range of one field, beyond the hard range its type gives;
- `check`: a rule across rows, tables or years whose logic is a named check in
  `dudao.ingest` (school type against stages, microdata against counts, series over years…).
Every rule has a severity and an expectation in zh-Hans, zh-Hant and en; its findings are of
the catalogued finding type `finding`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, TypeAdapter

from dudao.catalogue.models import Declared, Label, Severity


class MissingValueStrategy(StrEnum):
    """What a side does when fields it reads are empty (not reported), as in DHIS2."""

    SKIP_IF_ANY_VALUE_MISSING = "SKIP_IF_ANY_VALUE_MISSING"  # skip the row if any is empty
    SKIP_IF_ALL_VALUES_MISSING = "SKIP_IF_ALL_VALUES_MISSING"  # skip if all; else empty = 0
    NEVER_SKIP = "NEVER_SKIP"  # always evaluate, empty = 0 (or "" for text)


class Operator(StrEnum):
    EQ = "=="
    NE = "!="
    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="

    @property
    def sql(self) -> str:
        return "=" if self is Operator.EQ else self.value


class Side(Declared):
    expression: str
    missing_value_strategy: MissingValueStrategy = MissingValueStrategy.SKIP_IF_ANY_VALUE_MISSING


class CheckName(StrEnum):
    """The checks `kind: check` rules may name; dudao.ingest registers one function for each."""

    STAGE_MATCHES_SCHOOL_TYPE = "stage_matches_school_type"
    STUDENTS_AGREE_WITH_COUNTS = "students_agree_with_counts"
    TEACHERS_AGREE_WITH_COUNTS = "teachers_agree_with_counts"
    MISSING_YEAR = "missing_year"
    YEAR_CHANGE = "year_change"
    VANISHED_SCHOOL = "vanished_school"
    DUPLICATE_NAME = "duplicate_name"


class RuleBase(Declared):
    id: str
    severity: Severity
    message: Label  # the expectation; placeholders per kind (see PLACEHOLDERS)
    table: str
    finding: str = "rule_failed"


class ValidationRule(RuleBase):
    kind: Literal["validation"]
    left: Side
    operator: Operator
    right: Side
    where: str | None = None
    column: str | None = None  # the cell a finding points at; default the left side's first field


class FieldRule(RuleBase):
    kind: Literal["field"]
    field: str
    min: float | None = None
    max: float | None = None


class CheckRule(RuleBase):
    kind: Literal["check"]
    check: CheckName
    fields: tuple[str, ...] = ()


Rule = Annotated[ValidationRule | FieldRule | CheckRule, Field(discriminator="kind")]
RULE = TypeAdapter(Rule)

# The names a rule's message may use, by kind (a check's names are its own, see CHECK_PLACEHOLDERS).
PLACEHOLDERS: dict[str, frozenset[str]] = {
    "validation": frozenset({"left", "right"}),
    "field": frozenset({"min", "max"}),
}
CHECK_PLACEHOLDERS: dict[CheckName, frozenset[str]] = {
    CheckName.STAGE_MATCHES_SCHOOL_TYPE: frozenset({"school_type", "stages"}),
    CheckName.STUDENTS_AGREE_WITH_COUNTS: frozenset({"field", "count"}),
    CheckName.TEACHERS_AGREE_WITH_COUNTS: frozenset({"count", "total"}),
    CheckName.MISSING_YEAR: frozenset({"missing"}),
    CheckName.YEAR_CHANGE: frozenset({"value", "year", "previous", "previous_year", "factor"}),
    CheckName.VANISHED_SCHOOL: frozenset({"last_year", "year"}),
    CheckName.DUPLICATE_NAME: frozenset({"other"}),
}


def placeholders(rule: ValidationRule | FieldRule | CheckRule) -> frozenset[str]:
    if isinstance(rule, CheckRule):
        return CHECK_PLACEHOLDERS[rule.check]
    return PLACEHOLDERS[rule.kind]
