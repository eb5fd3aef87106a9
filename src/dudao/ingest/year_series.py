"""Rows as series across years, in NumPy: the walk the rules across years make.

A series is the rows sharing a key (a school, a school's stage, a unit…), sorted by year. The
dataset's rows come first, in sheet order, then the store's, so that a stable sort keeps the
dataset's row first among rows of one series and year. On a return's ~20,000 rows a DuckDB
window statement costs 10-50 ms; these sorts cost about one.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import ceil

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

LAST_YEAR = np.iinfo(np.int64).max  # where an empty year sorts: last, as SQL's NULLS LAST
EXACT = 2**62  # below this, products of int64 values and a small fraction's terms are exact


@dataclass(frozen=True)
class Walk:
    """Rows sorted by series, then year; `series` and `years` are in that order."""

    order: np.ndarray  # row positions, sorted
    series: np.ndarray  # the series of each sorted row, as an integer
    years: np.ndarray


def walk(series: np.ndarray, years: pa.ChunkedArray | pa.Array) -> Walk:
    """A stable sort of the rows by series, then year."""
    year = numbers(years, LAST_YEAR)
    order = np.lexsort((year, series))
    return Walk(order, series[order], year[order])


def previous_valid(walk: Walk, valid: np.ndarray) -> np.ndarray:
    """For each sorted row, the sorted position of the last earlier valid row of its series
    (as lag(… IGNORE NULLS) sees it); -1 where there is none."""
    positions = np.where(valid[walk.order], np.arange(len(walk.order)), -1)
    before = np.full(len(positions), -1, np.int64)
    before[1:] = np.maximum.accumulate(positions)[:-1]
    same = walk.series[np.maximum(before, 0)] == walk.series
    return np.where((before >= 0) & same, before, -1)


def numbers(column: pa.ChunkedArray | pa.Array, empty: float | int = 0) -> np.ndarray:
    """A numeric column as NumPy, `empty` where it has no value."""
    return np.asarray(pc.fill_null(_whole(column), empty).to_numpy(zero_copy_only=False))


def more_than(values: np.ndarray, factor: float, others: np.ndarray) -> np.ndarray:
    """values > factor × others, as SQL compares a column with the decimal literal `factor`.

    Integers against the literal's exact value (DuckDB's DECIMAL); floats in float arithmetic.
    """
    if values.dtype.kind == "f" or others.dtype.kind == "f":
        return np.asarray(values > factor * others, bool)
    exact = Fraction(str(factor))
    top, bottom = exact.numerator, exact.denominator
    largest = max(int(np.abs(values).max(initial=0)), int(np.abs(others).max(initial=0)))
    if largest * max(abs(top), bottom) >= EXACT:  # Python's integers: slower, never overflow
        values, others = values.astype(object), others.astype(object)
    return np.asarray(values * bottom > others * top, bool)


def at_least(values: np.ndarray, floor: float) -> np.ndarray:
    """values >= floor, as SQL compares a column with the decimal literal `floor`."""
    if values.dtype.kind == "f":
        return np.asarray(values >= floor, bool)
    return np.asarray(values >= ceil(Fraction(str(floor))), bool)


def _whole(column: pa.ChunkedArray | pa.Array) -> pa.Array:
    return column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
