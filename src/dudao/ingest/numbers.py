"""Counts, years and quantities, column at a time: separators allowed, "12.0" is 12, ranges kept."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dudao.catalogue import Catalogue, FieldDef, FieldType
from dudao.ingest import expected
from dudao.ingest.vectors import (
    ColumnParser,
    Parsed,
    Problem,
    byte_lengths,
    matches,
    null_where,
    only_bytes,
    truth,
)

INT64_DIGITS = 18  # longer numbers cannot be int64: out of range
_GROUPED = r"(?:\d{1,3}(?:,\d{3})+|\d+)"
INTEGER = rf"^[+-]?{_GROUPED}(?:\.0*)?$"
YEAR = r"^[+-]?\d+(?:\.0*)?$"
DECIMAL = rf"^[+-]?(?:{_GROUPED}(?:\.\d*)?|\.\d+)$"
_DECIMAL_BYTES = np.isin(np.arange(256), list(b"0123456789.+-"))


def _clean(folded: pa.Array) -> pa.Array:
    """Text already folded (NFKC: full-width digits and commas): separators and a leading +
    dropped."""
    return pc.replace_substring_regex(pc.replace_substring(folded, ",", ""), r"^\+", "")


def _plain_digits(text: pa.Array) -> bool:
    """The common case: ASCII digits only, short enough for int64 (checked without regexes)."""
    if pc.all(pc.ascii_is_decimal(text)).as_py() is False:
        return False
    if text.null_count == 0:  # ASCII: a byte is a character
        return len(text) == 0 or int(byte_lengths(text).max()) <= INT64_DIGITS
    longest = pc.max(pc.utf8_length(text)).as_py()
    return longest is None or longest <= INT64_DIGITS


def _plain_decimals(text: pa.Array) -> pa.Array | None:
    """The common case without a regex: when every byte is an ASCII digit, point or sign,
    Arrow's cast reads a column exactly when each cell has DECIMAL's shape, to the value the
    regex path gives (every such text of up to 6 characters compared); else None."""
    if not only_bytes(text, _DECIMAL_BYTES):
        return None
    try:
        return pc.cast(text, pa.float64())
    except pa.ArrowInvalid:
        return None


def _all_true(count: int) -> pa.Array:
    return pa.repeat(True, count)


def integer_parser(field: FieldDef, catalogue: Catalogue) -> ColumnParser:
    """Counts and years: integers, thousands separators allowed (not in years), "12.0" is 12."""
    year = field.type is FieldType.YEAR
    shape = YEAR if year else INTEGER
    low = field.min if field.min is not None else (expected.YEAR_RANGE[0] if year else 0)
    high = field.max if field.max is not None else (expected.YEAR_RANGE[1] if year else None)
    said = expected.for_field(field, catalogue)

    def parse(text: pa.Array) -> Parsed:
        if _plain_digits(text):
            return _within(text, pc.cast(text, pa.int64()), low, high, said)
        folded = pc.utf8_normalize(text, "NFKC")
        shaped = truth(matches(folded, shape))
        digits = pc.replace_substring_regex(_clean(folded), r"\.0*$", "")
        fits = truth(
            pc.less_equal(pc.utf8_length(pc.replace_substring(digits, "-", "")), INT64_DIGITS)
        )
        numbers = pc.cast(null_where(pc.invert(pc.and_(shaped, fits)), digits), pa.int64())
        return _ranged(text, numbers, shaped, fits, low, high, said)

    return parse


def quantity_parser(field: FieldDef, catalogue: Catalogue) -> ColumnParser:
    """Decimals, thousands separators allowed, non-negative unless the catalogue says otherwise."""
    low = 0 if field.min is None else field.min
    said = expected.for_field(field, catalogue)

    def parse(text: pa.Array) -> Parsed:
        plain = _plain_decimals(text)
        if plain is not None and pc.all(pc.is_finite(plain)).as_py() is not False:
            return _within(text, plain, low, field.max, said)
        folded = pc.utf8_normalize(text, "NFKC")
        shaped = truth(matches(folded, DECIMAL))
        numbers = pc.cast(null_where(pc.invert(shaped), _clean(folded)), pa.float64())
        fits = truth(pc.is_finite(numbers))
        return _ranged(
            text,
            null_where(pc.invert(fits), numbers),
            shaped,
            pc.or_(fits, pc.invert(shaped)),
            low,
            field.max,
            said,
        )

    return parse


def _within(
    text: pa.Array, numbers: pa.Array, low: float, high: float | None, said: tuple[str, str]
) -> Parsed:
    """Every cell a number that fits: its minimum and maximum decide whether any is out of
    range, and only a column with one pays for the masks of _ranged."""
    least, most = (value.as_py() for value in pc.min_max(numbers).values())
    if least is None or (_as(low, least) >= low and (high is None or _as(high, most) <= high)):
        return Parsed(numbers)
    every = _all_true(len(text))
    return _ranged(text, numbers, every, every, low, high, said)


def _as(bound: float, value: float) -> float:
    """`value` as Arrow compares it with `bound`: an integer against a float as a float."""
    return float(value) if isinstance(bound, float) else value


def _ranged(
    text: pa.Array,
    numbers: pa.Array,
    shaped: pa.Array,
    fits: pa.Array,
    low: float,
    high: float | None,
    said: tuple[str, str],
) -> Parsed:
    """Values inside [low, high]; wrong shapes are wrong_type, the rest out_of_range."""
    inside = pc.greater_equal(numbers, low)
    if high is not None:
        inside = pc.and_(inside, pc.less_equal(numbers, high))
    inside = truth(inside)
    present = pc.is_valid(text)
    parsed = Parsed(null_where(pc.invert(inside), numbers))
    parsed.flag(pc.and_(present, pc.invert(shaped)), Problem("wrong_type", said))
    outside = pc.and_(pc.and_(present, shaped), pc.invert(pc.and_(fits, inside)))
    parsed.flag(outside, Problem("out_of_range", said))
    return parsed
