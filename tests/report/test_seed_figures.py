"""The demo's duty report states every figure of the seed report, each with its year."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import docx
import opencc
import pytest

from dudao.demo.seed import SeedFigure, seed_figures

from .conftest import DEMO_FILE_STEM

NUMBER = r"(\d+(?:\.\d+)?)"
SUFFIXES = {"%": "%", "億元": "億元", "萬平方米": "萬平方米", "萬人": "萬", "萬人次": "萬"}


def blocks(path: Path) -> list[str]:
    """Every paragraph's text, and every table's text as one block."""
    document = docx.Document(str(path))
    found = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        found.append(" | ".join(cell.text for row in table.rows for cell in row.cells))
    return found


def pattern(figure: SeedFigure, language: str) -> re.Pattern[str]:
    """A number printed in the figure's measure (the suffix converted to the report's script)."""
    if figure.measure == "ratio":
        suffix = ":1" if figure.value.endswith(":1") else r":\d"
    elif figure.measure in SUFFIXES:
        suffix = SUFFIXES[figure.measure]
        if language == "zh-Hans":
            suffix = opencc.OpenCC("t2s").convert(suffix)
        suffix = re.escape(suffix)
    else:  # counts: a whole number standing alone
        return re.compile(rf"(?<![\d.:]){NUMBER}(?![\d.:%])")
    return re.compile(rf"(?<![\d.:]){NUMBER}{suffix}")


def agrees(figure: SeedFigure, printed: Decimal) -> bool:
    """figures.yaml's rule, applied to the number the report prints in the seed's measure."""
    if figure.qualifier == "近":
        return figure.printed * Decimal("0.95") <= printed <= figure.printed
    if figure.qualifier == "以上":
        return printed >= figure.printed
    quantum = Decimal(1).scaleb(int(figure.printed.as_tuple().exponent))
    return printed.quantize(quantum, ROUND_HALF_UP) == figure.printed


def stated(figure: SeedFigure, year: int | None, texts: list[str], language: str) -> bool:
    year_text = f"{year if year is not None else figure.years[1]}年"  # type: ignore[index]
    numbers = pattern(figure, language)
    return any(
        agrees(figure, Decimal(match.group(1)))
        for text in texts
        if year_text in text
        for match in numbers.finditer(text)
    )


@pytest.mark.parametrize("language", ["zh-Hans", "zh-Hant"])
def test_every_seed_figure_is_stated_with_its_year(demo_output: Path, language: str) -> None:
    texts = blocks(demo_output / f"{DEMO_FILE_STEM}.{language}.docx")
    missing = [
        f"{figure.id} {figure.unit} {year} {figure.stated}"
        for figure in seed_figures()
        for year in figure.years_stated
        if not stated(figure, year, texts, language)
    ]
    assert not missing, "\n".join(missing)
    assert len(seed_figures()) == 52


def test_a_figure_without_its_year_is_not_counted() -> None:
    """The check itself fails on a value printed without the year it belongs to."""
    figure = next(f for f in seed_figures() if f.id == "edu_budget" and f.year == 2007)
    assert stated(figure, 2007, ["2007年，全市财政预算内教育经费投入为101.89亿元"], "zh-Hans")
    assert not stated(figure, 2007, ["、年，全市财政预算内教育经费投入为101.89亿元"], "zh-Hans")
    assert not stated(figure, 2007, ["2007年，全市为101.88亿元"], "zh-Hans")
