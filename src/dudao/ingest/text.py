"""Text as users write it: script and width folded for matching; mojibake recognised, never fixed."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import opencc

REPLACEMENT = "\ufffd"
CSV_ENCODINGS = ("utf-8-sig", "gb18030")  # BOM or strict UTF-8 first, then GB18030 (covers GBK)
_SPACE = re.compile(r"\s+")
_TRAILING_GROUP = re.compile(r"\([^()]*\)$")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
# A lead byte seen through Latin-1 / cp1252: of UTF-8 (C2-F4) or of GB2312's characters (A1-F7).
LEAD_AS_LATIN1 = "[\u00a1-\u00f7]"
LEAD_AS_LATIN1_BYTES = (b"\xc2", b"\xc3")  # how UTF-8 begins each of those characters
_LEAD = re.compile(LEAD_AS_LATIN1)
_LATIN_LETTER = re.compile(r"[A-Za-z]")


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional script to Simplified (OpenCC t2s); Simplified text is unchanged."""
    return str(_t2s().convert(text))


def fold(text: str) -> str:
    """A name as compared: NFKC (full-width to half-width), no spaces, Simplified, lower case."""
    return to_simplified(_SPACE.sub("", unicodedata.normalize("NFKC", text))).lower()


def fold_all(texts: list[str]) -> list[str]:
    """`fold` of each text, with one OpenCC call for all: a call costs ~5 µs of Python wrapping.

    Texts are joined by newlines, which folding removes from each text and no OpenCC phrase
    contains, so each comes back on its own line.
    """
    spaced = [_SPACE.sub("", unicodedata.normalize("NFKC", text)) for text in texts]
    converted = to_simplified("\n".join(spaced)).split("\n")
    if len(converted) != len(texts):  # never seen; folding one by one is the definition
        return [fold(text) for text in texts]
    return [text.lower() for text in converted]


def name_candidates(text: str) -> list[str]:
    """The folded name, then without trailing parenthesised groups, then the text before any."""
    name = fold(text)
    candidates = [name]
    while _TRAILING_GROUP.search(name):
        name = _TRAILING_GROUP.sub("", name)
        candidates.append(name)
    candidates.append(name.split("(", 1)[0])
    return [candidate for candidate in dict.fromkeys(candidates) if candidate]


def looks_like_mojibake(text: str) -> bool:
    """Chinese bytes decoded as Latin-1/cp1252: UTF-8 ("å­¦æ ¡" for 学校) or GBK ("Ñ§Ð£")."""
    if text.isascii() or max(text) > "\u2122" or not _LEAD.search(text):
        return False
    raw = _as_single_bytes(text)
    if raw is None:
        return False
    # Copying often turns the no-break space (0xA0, a UTF-8 continuation byte) into a space.
    return any(_mostly_cjk(candidate) for candidate in (raw, raw.replace(b" ", b"\xa0"))) or (
        _gbk_chinese(raw)
    )


def _as_single_bytes(text: str) -> bytes | None:
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1252")
        except UnicodeEncodeError:
            if ord(char) > 0xFF:
                return None
            out.append(ord(char))  # bytes cp1252 leaves undefined pass through as Latin-1
    return bytes(out)


def _gbk_chinese(raw: bytes) -> bool:
    """The bytes are GBK text of Chinese characters, not Latin words with an accent or two.

    "Müller" is valid GBK too (0xFC6C is a character), so the characters must be at least
    two and at least as many as the Latin letters left.
    """
    try:
        decoded = raw.decode("gbk")
    except UnicodeDecodeError:
        return False
    cjk = len(_CJK.findall(decoded))
    return cjk >= 2 and cjk >= len(_LATIN_LETTER.findall(decoded))


def _mostly_cjk(raw: bytes) -> bool:
    decoded = raw.decode("utf-8", errors="replace")
    cjk = len(_CJK.findall(decoded))
    return cjk > 0 and cjk >= decoded.count(REPLACEMENT) * 2
