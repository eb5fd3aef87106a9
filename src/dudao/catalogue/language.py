"""Text in the language asked for, for templates, assessments and reports alike: zh-Hant is
the zh-Hans text converted whole by OpenCC `s2t` (Traditional characters, mainland vocabulary),
so the three languages never drift apart."""

from __future__ import annotations

from functools import cache

import opencc

from dudao.catalogue.models import Language


@cache
def s2t() -> opencc.OpenCC:
    """One converter per process: building it reads OpenCC's dictionaries."""
    return opencc.OpenCC("s2t")


def in_language(zh: str, en: str, language: Language) -> str:
    if language == "en":
        return en
    return str(s2t().convert(zh)) if language == "zh-Hant" else zh


def chinese(text: str, language: Language) -> str:
    """A text written in zh-Hans only (the bureaus' score sheet), in zh-Hant when asked."""
    return s2t().convert(text) if language == "zh-Hant" else text
