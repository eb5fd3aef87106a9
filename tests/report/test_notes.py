"""Which rates may pass 100% and why (REFERENCES.md): the reason follows the definition."""

from __future__ import annotations

import pytest

from dudao.catalogue import default_catalogue
from dudao.report.notes import reason


@pytest.mark.parametrize(
    ("indicator", "expected"),
    [
        ("ger_preschool", "gross"),  # any age and registration ÷ the registered age group
        ("ger_senior", "gross"),
        ("progression_primary_to_junior", "entrants"),  # entrants ÷ graduates, from totals
        ("progression_junior_to_senior", "entrants"),
        ("ner_primary", None),  # capped at 100
        ("progression_senior_to_higher", None),  # graduates admitted ÷ graduates: a part
        ("teacher_pay_parity", None),  # 两相当: above 100 is the aim, not a puzzle
        ("edu_share_of_expenditure", None),
    ],
)
def test_the_reason_follows_the_definition(indicator: str, expected: str | None) -> None:
    assert reason(default_catalogue().indicators[indicator]) == expected
