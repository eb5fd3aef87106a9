"""Typesetting rules of the Word and HTML writers: where a line may not break, and which
table columns line up their digits."""

from __future__ import annotations

import re

import pytest

from dudao.report.document import Block, Document, Heading, Note, Paragraph, Table
from dudao.report.writers.html import render_html
from dudao.report.writers.typeset import (
    WORD_JOINER,
    column_widths,
    figure_column,
    table_widths,
    unbroken,
    whole_names,
)


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


def test_each_figure_column_gets_what_its_longest_cell_needs_on_one_line() -> None:
    """At 10 mm to the em, a Latin character 5.5 mm, a Chinese one 10, 4 mm of margins."""
    header = ("指标", "2009", "Change on previous year")
    rows = [("学前三年毛入园率", "99.00%", "+2.12 percentage points")]
    label, year, change = column_widths(header, rows, total=230, label=40, em=10)
    assert year == pytest.approx(6 * 5.5 + 4)  # "99.00%"
    assert change == pytest.approx(23 * 5.5 + 4)  # the cell: the header wraps at its words
    assert label == pytest.approx(230 - year - change)  # what is left: less than 8 × 10 + 4


def test_a_narrow_table_gives_its_labels_the_least_and_its_figures_the_rest_by_need() -> None:
    header = ("Indicator", "2008", "2009")
    rows = [("Primary net enrolment rate", "100.00%", "+0.26 percentage points")]
    widths = column_widths(header, rows, total=100, label=36, em=10)
    assert widths[0] == 36
    assert sum(widths) == pytest.approx(100)
    assert widths[2] / widths[1] == pytest.approx((23 * 5.5 + 4) / (7 * 5.5 + 4))


def test_spare_room_goes_to_the_labels_then_evenly_to_the_figures() -> None:
    widths = column_widths(("指标", "2009"), [("毛入园率", "9.5%")], total=200, label=20, em=10)
    assert widths[0] == pytest.approx(4 * 10 + 4)
    assert widths[1] == pytest.approx(200 - 44)


def test_a_header_is_given_room_for_two_lines_at_most() -> None:
    header = ("Indicator", "Change on previous year")
    widths = column_widths(header, [("Towns", "0")], total=107, label=30, em=10)  # no spare
    assert widths[1] == pytest.approx(
        len("previous year") * 5.5 + 4
    )  # "Change on" / "previous year"


def test_a_heading_link_outlives_a_note_added_above_it() -> None:
    """Heading ids follow the outline ("s2.1"), not the blocks' positions."""
    blocks: list[Block] = [
        Heading(1, "一、", "基本情况"),
        Paragraph(("text",)),
        Heading(1, "二、", "主要措施"),
        Heading(2, "（一）", "经费"),
    ]
    before = re.findall(
        r'<h\d[^>]* id="([^"]+)"', render_html(Document("zh-Hans", "t", "", blocks))
    )
    blocks.insert(2, Note("note"))
    after = re.findall(r'<h\d[^>]* id="([^"]+)"', render_html(Document("zh-Hans", "t", "", blocks)))
    assert before == after == ["s1", "s2", "s2.1"]


def test_an_html_table_has_the_word_files_columns() -> None:
    header = ("Indicator", "2009", "Change on previous year")
    row = ("Primary net enrolment rate", "100.00%", "+0.26 percentage points")
    table = Table("t", "caption", header, (tuple((cell,) for cell in row),))
    page = render_html(Document("en", "t", "", [table]))
    shares = [float(w) for w in re.findall(r'<col style="width: ([\d.]+)%">', page)]
    widths = table_widths(header, [row])
    assert shares == pytest.approx([100 * w / sum(widths) for w in widths], abs=0.05)
