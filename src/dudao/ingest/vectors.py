"""Column helpers on Arrow arrays: masks without nulls, problems at indices, per-value maps."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dudao.ingest.findings import Expected


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong with a cell; a warning keeps the cell's value, an error drops the row."""

    code: str
    expected: Expected
    warning: bool = False


@dataclass
class Parsed:
    """A column parsed: typed values (null where empty or wrong) and problems by row index."""

    values: pa.Array
    problems: list[tuple[int, Problem]] = field(default_factory=list)

    def flag(self, mask: pa.Array, problem: Problem) -> None:
        self.problems.extend((index, problem) for index in indices(mask))


ColumnParser = Callable[[pa.Array], "Parsed"]  # stripped text, null where empty -> Parsed


def truth(mask: pa.Array) -> pa.Array:
    """A boolean mask with null read as false."""
    return pc.fill_null(mask, False)


def indices(mask: pa.Array) -> list[int]:
    return pc.indices_nonzero(truth(mask)).to_pylist()  # type: ignore[no-any-return]


def null_where(mask: pa.Array, values: pa.Array) -> pa.Array:
    return pc.if_else(truth(mask), pa.scalar(None, values.type), values)


def byte_lengths(text: pa.Array) -> np.ndarray:
    """Each string's length in bytes, read off its offsets: no compute call (~20 µs each).

    Meaningful where the string is valid; callers ask only of arrays without nulls.
    """
    offsets = np.frombuffer(text.buffers()[1], np.int32)[text.offset : text.offset + len(text) + 1]
    return np.diff(offsets)


def may_contain(text: pa.Array, *needles: bytes) -> bool:
    """False when no string holds any of `needles` (UTF-8 bytes): a scan of the data buffer,
    so that a check whose answer is "none" costs no compute call. True may be a false alarm
    (bytes of null slots): the caller then looks cell by cell."""
    held = _utf8(text).tobytes()
    return any(needle in held for needle in needles)


def only_bytes(text: pa.Array, allowed: np.ndarray) -> bool:
    """True when every byte of the strings is one `allowed` (256 booleans) marks."""
    return bool(allowed[_utf8(text)].all())


def has_bytes(text: pa.Array, marked: np.ndarray) -> bool:
    """True when some byte of the strings is one `marked` (256 booleans) marks."""
    return bool(marked[_utf8(text)].any())


def _utf8(text: pa.Array) -> np.ndarray:
    """The bytes of a string array's strings (and of null slots among them), without a copy."""
    data = text.buffers()[2]
    if data is None or not len(text):
        return np.zeros(0, np.uint8)
    offsets = np.frombuffer(text.buffers()[1], np.int32)
    start, stop = int(offsets[text.offset]), int(offsets[text.offset + len(text)])
    return np.frombuffer(data, np.uint8)[start:stop]


def group_ids(columns: Sequence[pa.ChunkedArray | pa.Array], rows: int) -> np.ndarray:
    """One integer per row, equal where the rows' values in `columns` are (empty equals empty)."""
    ids = np.zeros(rows, np.int64)
    for column in columns:
        encoded = pc.dictionary_encode(
            column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column,
            null_encoding="encode",
        )
        codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
        combined = ids * max(len(encoded.dictionary), 1) + codes
        ids = np.unique(combined, return_inverse=True)[1].reshape(-1)
    return ids


def valid(column: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """Where the column has a value, as NumPy booleans."""
    whole = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    return np.asarray(pc.is_valid(whole).to_numpy(zero_copy_only=False), bool)


def map_values(text: pa.Array, function: Callable[[str], object], type_: pa.DataType) -> pa.Array:
    """`function` applied once per distinct text; null stays null."""
    distinct = pc.unique(text.drop_null())
    results = pa.array([function(value) for value in distinct.to_pylist()], type=type_)
    return pc.take(results, pc.index_in(text, value_set=distinct))


def matches(text: pa.Array, pattern: str) -> pa.Array:
    """RE2 search; null for null text."""
    return pc.match_substring_regex(text, pattern)
