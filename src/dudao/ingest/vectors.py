"""Column helpers on Arrow arrays: masks without nulls, problems at indices, per-value maps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

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


def map_values(text: pa.Array, function: Callable[[str], object], type_: pa.DataType) -> pa.Array:
    """`function` applied once per distinct text; null stays null."""
    distinct = pc.unique(text.drop_null())
    results = pa.array([function(value) for value in distinct.to_pylist()], type=type_)
    return pc.take(results, pc.index_in(text, value_set=distinct))


def matches(text: pa.Array, pattern: str) -> pa.Array:
    """RE2 search; null for null text."""
    return pc.match_substring_regex(text, pattern)
