"""Typesetting rules the Word and HTML writers share."""

from __future__ import annotations

import re
from collections.abc import Iterable

WORD_JOINER = "\u2060"  # no line break here, and nothing printed
SPAN_DASH = re.compile(r"(?<=\d)([–—])(?=\d)")
FIGURE = re.compile(r"^[+−-]?\d|^—$")  # a figure, or the dash that stands for none


def unbroken(text: str) -> str:
    """A span of years never breaks after its dash (a title once ended "2006–" / "2009")."""
    return SPAN_DASH.sub(r"\1" + WORD_JOINER, text)


def figure_column(values: Iterable[str]) -> bool:
    """A table column of figures only: right-aligned, so that their digits line up."""
    return all(FIGURE.match(value) for value in values)
