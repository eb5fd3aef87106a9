"""Counts, years and quantities, column at a time: separators allowed, "12.0" is 12, ranges kept."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from dudao.catalogue import Catalogue, FieldDef, FieldType
from dudao.ingest import expected
from dudao.ingest.vectors import ColumnParser, Parsed, Problem, matches, null_where, truth

INT64_DIGITS = 18  # longer numbers cannot be int64: out of range
_GROUPED = r"(?:\d{1,3}(?:,\d{3})+|\d+)"
INTEGER = rf"^[+-]?{_GROUPED}(?:\.0*)?$"
YEAR = r"^[+-]?\d+(?:\.0*)?$"
DECIMAL = rf"^[+-]?(?:{_GROUPED}(?:\.\d*)?|\.\d+)$"


def _clean(text: pa.Array) -> pa.Array:
    """Full-width digits and commas folded (NFKC); separators and a leading + dropped."""
    folded = pc.utf8_normalize(text, "NFKC")
    return pc.replace_substring_regex(pc.replace_substring(folded, ",", ""), r"^\+", "")


def _plain_digits(text: pa.Array) -> bool:
    """The common case: ASCII digits only, short enough for int64 (checked without regexes)."""
    if pc.all(pc.ascii_is_decimal(text)).as_py() is False:
        return False
    longest = pc.max(pc.utf8_length(text)).as_py()
    return longest is None or longest <= INT64_DIGITS


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
            numbers = pc.cast(text, pa.int64())
            return _ranged(
                text, numbers, _all_true(len(text)), _all_true(len(text)), low, high, said
            )
        folded = pc.utf8_normalize(text, "NFKC")
        shaped = truth(matches(folded, shape))
        digits = pc.replace_substring_regex(_clean(text), r"\.0*$", "")
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
        shaped = truth(matches(pc.utf8_normalize(text, "NFKC"), DECIMAL))
        numbers = pc.cast(null_where(pc.invert(shaped), _clean(text)), pa.float64())
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
