"""Typesetting rules the Word and HTML writers share."""

from __future__ import annotations

import re
from collections.abc import Iterable

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
