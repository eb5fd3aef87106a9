"""Typesetting rules of the Word and HTML writers: where a line may not break, and which
table columns line up their digits."""

from __future__ import annotations

from dudao.report.writers.typeset import WORD_JOINER, figure_column, unbroken, whole_names


def test_a_span_of_years_never_breaks_at_its_dash() -> None:
    assert unbroken("education, 2006–2009") == f"education, 2006–{WORD_JOINER}2009"
    assert unbroken("2006—2009年") == f"2006—{WORD_JOINER}2009年"
    assert unbroken("well-known — and more") == "well-known — and more"


def test_a_chinese_name_in_english_never_breaks_but_chinese_text_may() -> None:
    joined = WORD_JOINER.join("石牌街道")
    assert (
        whole_names("standardised of 石牌街道 (66.67%)", "en")
        == f"standardised of {joined} (66.67%)"
    )
    assert whole_names("全区石牌街道", "zh-Hans") == "全区石牌街道"


def test_figure_columns_are_those_of_figures_and_dashes_only() -> None:
    assert figure_column(["99.00%", "−0.26 percentage points", "—", "8,672 million yuan"])
    assert not figure_column(["50", "partly met"])
