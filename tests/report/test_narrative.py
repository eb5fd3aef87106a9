"""Narrative hygiene: every year printed, no empty placeholder, in every language."""

from __future__ import annotations

import re

import jinja2
import pytest

from dudao.catalogue import Language
from dudao.report.document import Document, Heading, Paragraph, Table
from dudao.report.narrative import environment
from dudao.report.numbers import years_text

# What the seed's publication lost: "、年", "年年", an empty value before a stop or comma.
YEARLESS = re.compile(
    r"(^|[^\d])、\s*年|年年|(为|為|is|was)\s*[，。,;.、]|（\s*）|\(\s*\)|\bNone\b|\bnan\b"
)


def texts(document: Document) -> list[str]:
    found = [document.title]
    for block in document.blocks:
        if isinstance(block, Heading):
            found.append(block.number + block.text)
        elif isinstance(block, Paragraph):
            found.append(block.text)
        elif isinstance(block, Table):
            found += [block.caption, *block.header]
            found += ["".join(str(s) for s in cell) for row in block.rows for cell in row]
    return found


@pytest.mark.parametrize("language", ["zh-Hans", "zh-Hant", "en"])
def test_no_sentence_loses_its_year_or_prints_an_empty_value(
    seed_documents: dict[Language, Document], language: Language
) -> None:
    bad = [text for text in texts(seed_documents[language]) if YEARLESS.search(text)]
    assert not bad, "\n".join(bad)


def test_the_check_catches_the_seed_s_own_lost_years() -> None:
    assert YEARLESS.search("下面，我就、年履行基础教育工作责任的情况报告如下")
    assert YEARLESS.search("2006、、年，全市财政预算内教育经费投入为")
    assert not YEARLESS.search("2006、2007、2008年，全市财政预算内教育经费投入分别为")


def test_a_missing_value_is_an_error_not_an_empty_placeholder() -> None:
    template = environment("zh-Hans").from_string("{{ whole }}入园率为{{ value }}。")
    with pytest.raises(jinja2.UndefinedError):
        template.render(whole="全市")


def test_years_are_always_printed() -> None:
    assert years_text([2006, 2007, 2008], "zh-Hans") == "2006、2007、2008年"
    assert years_text([2006, 2007, 2008, 2009], "zh-Hans") == "2006—2009年"
    assert years_text([2007], "en") == "2007"
    with pytest.raises(ValueError):
        years_text([], "zh-Hans")


def test_traditional_keeps_mainland_vocabulary(seed_documents: dict[Language, Document]) -> None:
    text = "".join(texts(seed_documents["zh-Hant"]))
    assert "信息化" in text and "資訊化" not in text  # s2t, not the Taiwan phrases
    assert "教育經費" in text and "教育经费" not in text


def test_every_figure_in_the_text_links_to_an_appendix_row(
    seed_documents: dict[Language, Document],
) -> None:
    document = seed_documents["zh-Hans"]
    marks = [s for b in document.paragraphs() for s in b.segments if not isinstance(s, str)]
    assert marks and document.trace
    for mark in marks:
        row = document.trace[mark.number - 1]
        assert row.number == mark.number and row.shown == mark.shown
        assert row.formula and row.indicator and row.data_version == "test"


def test_english_names_the_city_where_chinese_says_全市(
    seed_documents: dict[Language, Document],
) -> None:
    """The city's duty report: the city acts in the shared area templates, not "we"."""
    text = " ".join(texts(seed_documents["en"]))
    assert "The city applies the Education Law" in text and "the strong-education city" in text
    assert not re.search(r"\b(We|we|our|Our)\b", text)
    assert re.search(r"In \d{4} the city had [\d,]+ schools", text)
