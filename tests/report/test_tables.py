"""The change column of a table of figures: what a reader gets by subtracting the printed
values, and 0 for no change (never −0.0 or 0.0%)."""

from __future__ import annotations

import pytest

from dudao.catalogue import Language, default_catalogue
from dudao.compute import IndicatorResult
from dudao.report.figures import Cell, Marks, Series
from dudao.report.narrative import environment
from dudao.report.tables import year_on_year

YEARS = [2008, 2009]


def _series(indicator_id: str, before: float, last: float, language: Language) -> Series:
    indicator = default_catalogue().indicators[indicator_id]
    marks = Marks(language, "test")
    cells = tuple(
        Cell(IndicatorResult(indicator_id, "4401", year, value, None, None, None), indicator,
             "市", language, marks)
        for year, value in zip(YEARS, (before, last), strict=True)
    )  # fmt: skip
    return Series("figure", indicator, "4401", "市", cells, language)


@pytest.mark.parametrize(
    ("indicator", "before", "last", "language", "expected"),
    [
        ("general_vocational_intake_ratio", 5.4, 5.4 - 1e-12, "en", "0"),  # was −0.0
        ("general_vocational_intake_ratio", 5.5, 5.4, "en", "−0.1"),
        ("strong_education_districts", 12, 12, "en", "0"),  # was 0.0%
        ("strong_education_districts", 25, 2, "en", "−92.0%"),
        ("edu_share_of_expenditure", 21.04, 21.30, "en", "+0.26 percentage points"),
        ("edu_share_of_expenditure", 21.044, 21.046, "zh-Hans", "+0.01个百分点"),  # as printed
        ("edu_share_of_expenditure", 21.30, 21.30, "zh-Hans", "0"),
        ("edu_share_of_expenditure", 21.04, 21.30, "zh-Hant", "+0.26個百分點"),  # was 个百分点
    ],
)
def test_the_change_on_the_year_before(
    indicator: str, before: float, last: float, language: Language, expected: str
) -> None:
    assert year_on_year(_series(indicator, before, last, language), YEARS, language) == expected


@pytest.mark.parametrize(("count", "expected"), [(1, "1 town was"), (7, "7 towns were")])
def test_english_counts_agree_with_their_nouns(count: int, expected: str) -> None:
    cell = _series("strong_education_districts", count, count, "en").last
    template = '{{ n.value|int }} {{ plural(n, "town was", "towns were") }}'
    assert environment("en").from_string(template).render(n=cell) == expected
