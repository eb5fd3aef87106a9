"""Typesetting rules the Word and HTML writers share."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from dudao.catalogue import Language

WORD_JOINER = "\u2060"  # no line break here, and nothing printed
SPAN_DASH = re.compile(r"(?<=\d)([–—])(?=\d)")
CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")
FIGURE = re.compile(r"^[+−-]?\d|^—$")  # a figure, or the dash that stands for none


def unbroken(text: str) -> str:
    """A span of years never breaks after its dash (a title once ended "2006–" / "2009")."""
    return SPAN_DASH.sub(r"\1" + WORD_JOINER, text)


def whole_names(text: str, language: Language) -> str:
    """In English a Chinese name (石牌街道) never breaks between its characters, as CJK
    text may anywhere (a line once ended 石牌街 and the next began 道)."""
    if language != "en":
        return text
    return CJK_RUN.sub(lambda run: WORD_JOINER.join(run.group()), text)


def figure_column(values: Iterable[str]) -> bool:
    """A table column of figures only: right-aligned, so that their digits line up."""
    return all(FIGURE.match(value) for value in values)


TEXT_WIDTH = 156  # mm: GB/T 9704's type area, 156 × 225 mm (A4 less the margins)
TABLE_POINTS = 10.5  # 五号, a table's text
MM_PER_POINT = 25.4 / 72


def table_widths(header: Sequence[str], rows: Sequence[Sequence[str]]) -> tuple[float, ...]:
    """A table's column widths (mm) across the type area, its labels at least 36 mm: the
    same in the Word file, the PDF made from it and the HTML."""
    return column_widths(header, rows, TEXT_WIDTH, label=36, em=TABLE_POINTS * MM_PER_POINT)


def column_widths(
    header: Sequence[str], rows: Sequence[Sequence[str]], total: float, label: float, em: float
) -> tuple[float, ...]:
    """Widths (mm) of a table `total` wide whose text is `em` mm to the em. Each column of
    figures gets what its longest cell needs on one line (its header, on two at most); the
    first column, of labels, what is left, up to what its own longest cell needs and at
    least `label`; the figures share any rest evenly, or all of theirs in proportion to
    their needs when those are more. Shared evenly, "+2.12 percentage points" had broken
    over three lines in a column as narrow as "2006"'s."""
    needs = [
        max(_two_lines(head), *map(_ems, body)) * em + CELL_MARGINS
        for head, *body in zip(header, *rows, strict=True)
    ]
    first = max(label, min(needs[0], total - sum(needs[1:])))
    figures, rest = needs[1:], total - first
    if not figures:
        return (total,)
    spare = rest - sum(figures)
    if spare >= 0:
        return (first, *(need + spare / len(figures) for need in figures))
    return (first, *(need * rest / sum(figures) for need in figures))


CELL_MARGINS = 4.0  # mm: LibreOffice's and Word's default cell padding, both sides
LATIN_EM = 0.55  # a digit, letter or sign of the Latin face, in ems (a CJK character is 1)


def _two_lines(text: str) -> float:
    """The width of `text` broken between two of its words, the longer line the shortest."""
    words = text.split()
    return min(
        (
            max(_ems(" ".join(words[:cut])), _ems(" ".join(words[cut:])))
            for cut in range(1, len(words))
        ),
        default=_ems(text),
    )


def _ems(text: str) -> float:
    return sum(1.0 if unicodedata.east_asian_width(char) in "WF" else LATIN_EM for char in text)
