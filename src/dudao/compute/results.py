"""One computed figure: an indicator's value for a unit and a year (or period); and the
columnar form of many (RESULT_SCHEMA), which a run produces without a Python object per row."""

from __future__ import annotations

import gc
import json
import math
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from functools import reduce
from itertools import repeat
from typing import TYPE_CHECKING, NamedTuple, Protocol

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

if TYPE_CHECKING:
    from dudao.catalogue import Indicator

# indicator, unit_code, scope, year
ResultKey = tuple[str, str, str | None, int | None]

# The foundation's record, then what issue 4 adds.
FIELDS = (
    "indicator", "unit_code", "scope", "year", "period",
    "value", "numerator", "denominator", "display", "notes",
    "kind", "passed", "evidence", "as_of",
)  # fmt: skip

# Results as columns (`compute_table`): the record of FIELDS without the display (text made
# for people, only when shown), the period as its first and last year, the evidence as JSON.
RESULT_SCHEMA = pa.schema(
    [
        ("indicator", pa.string()),
        ("unit_code", pa.string()),
        ("scope", pa.string()),
        ("year", pa.int64()),
        ("period_start", pa.int64()),
        ("period_end", pa.int64()),
        ("value", pa.float64()),
        ("numerator", pa.float64()),
        ("denominator", pa.float64()),
        ("notes", pa.list_(pa.string())),
        ("kind", pa.string()),
        ("passed", pa.bool_()),
        ("evidence", pa.string()),
        ("as_of", pa.date32()),
    ]
)


class _Unset(Enum):
    UNSET = "unset"  # an Enum member, so that it stays itself through pickling


class _Display:
    """`IndicatorResult.display`: the text given, else made on first read by the indicator
    the result is of (`shown_by`): a national run has a million results and shows few.

    A data descriptor as a dataclass field's default (dataclasses: descriptor-typed
    fields): the class-level read gives the default, __init__ goes through __set__.
    """

    def __get__(self, result: IndicatorResult | None, owner: type | None = None) -> str | None:
        if result is None:
            return _Unset.UNSET  # type: ignore[return-value]
        text = result.__dict__["display"]
        if text is _Unset.UNSET:
            shown_by = result.shown_by
            text = shown_by.display(result.value, result.passed) if shown_by else None
            result.__dict__["display"] = text
        return text  # type: ignore[no-any-return]

    def __set__(self, result: IndicatorResult, text: str | None) -> None:
        result.__dict__["display"] = text


@dataclass(frozen=True)
class IndicatorResult:
    indicator: str
    unit_code: str
    year: int | None  # None for a period result
    value: float | None  # unrounded, in the indicator's measure; None when an input is missing
    numerator: float | None
    denominator: float | None
    display: _Display = _Display()  # str | None; default: made by `shown_by` when read
    scope: str | None = None  # consolidated / own_level on fiscal and compliance results
    period: tuple[int, int] | None = None
    notes: tuple[str, ...] = field(default=())
    kind: str | None = None
    passed: bool | None = None  # compliance only: None when an input is missing
    evidence: dict[str, object] | None = None  # compliance only: the values compared
    as_of: date | None = None  # case-based only: the cut-off date
    shown_by: Indicator | None = field(default=None, compare=False, repr=False)

    @property
    def key(self) -> ResultKey:
        return (self.indicator, self.unit_code, self.scope, self.year)

    def to_json(self) -> dict[str, object]:
        """The JSON Lines record of `dudao compute --json`."""
        record = {name: getattr(self, name) for name in FIELDS}
        record["period"] = list(self.period) if self.period else None
        record["notes"] = list(self.notes)
        record["as_of"] = self.as_of.isoformat() if self.as_of else None
        for key in ("value", "numerator", "denominator"):
            number = record[key]
            if isinstance(number, float) and not math.isfinite(number):
                record[key] = None
        return record


class Computed(Protocol):
    """What a derived kind reads of another indicator's result."""

    @property
    def value(self) -> float | None: ...

    @property
    def passed(self) -> bool | None: ...


class Point(NamedTuple):
    """A result's value and verdict, keyed by ResultKey for the derived kinds."""

    value: float | None
    passed: bool | None


def points(table: pa.Table) -> dict[ResultKey, Point]:
    """The results' values and verdicts by key (a derived kind's inputs: a few indicators).

    Each Point made as Point._make makes it, by tuple.__new__, but without _make's Python
    call per result: 0.18 s -> 0.12 s CPU for the 247,000 results of nat01s's 64 inputs."""
    columns = [
        table.column(name).to_pylist()
        for name in ("indicator", "unit_code", "scope", "year", "value", "passed")
    ]
    indicator, unit, scope, year, value, passed = columns
    keys = zip(indicator, unit, scope, year, strict=True)
    made = map(tuple.__new__, repeat(Point), zip(value, passed, strict=True))
    return dict(zip(keys, made, strict=True))


def result_table(
    indicator: Indicator, columns: Mapping[str, Sequence[object] | pa.Array]
) -> pa.Table:
    """One indicator's results from columns (Arrow arrays or Python values: unit_code,
    year, value…); indicator and kind filled in, the columns not given null."""
    length = len(columns["unit_code"])
    filled = {"indicator": [indicator.id] * length, "kind": [indicator.kind] * length}
    given = {**columns, **filled}
    return pa.table(
        {
            name: _column(given[name], kind) if name in given else pa.nulls(length, kind)
            for name, kind in zip(RESULT_SCHEMA.names, RESULT_SCHEMA.types, strict=True)
        },
        schema=RESULT_SCHEMA,
    )


def _column(values: Sequence[object] | pa.Array, kind: pa.DataType) -> pa.Array:
    return values.cast(kind) if isinstance(values, pa.Array) else pa.array(values, kind)


def notes_column(notes: tuple[str, ...], length: int, *extra: pa.Array) -> pa.Array:
    """The notes of `length` results: the same `notes` on each, then each of `extra`
    (a note for each result, null for none) where there is one."""
    given = [pa.array([note] * length, pa.string()) for note in notes] + list(extra)
    kept = np.zeros((length, len(given)), bool)
    for at, column in enumerate(given):
        kept[:, at] = column.is_valid().to_numpy(zero_copy_only=False)
    row, column = np.nonzero(kept)  # row by row, each row's notes in order
    texts = pa.concat_arrays([pa.array([], pa.string()), *given]).take(column * length + row)
    offsets = np.concatenate([[0], np.cumsum(kept.sum(axis=1))]).astype(np.int32)
    return pa.ListArray.from_arrays(pa.array(offsets), texts)


def as_results(table: pa.Table, indicators: Mapping[str, Indicator]) -> list[IndicatorResult]:
    """Results in the columnar form as IndicatorResults, in their order; each one's display
    is made by its indicator when read.

    Column by column, then each object's fields set at once: a frozen dataclass's
    __init__ sets its fields one by one through object.__setattr__, which took most of
    the time of a national run's 600,000 results (measured: 1.6 µs against 0.9 µs).
    """
    with collector_paused():
        return _as_results(table, indicators)


def _as_results(table: pa.Table, indicators: Mapping[str, Indicator]) -> list[IndicatorResult]:
    column = {name: table.column(name).to_pylist() for name in RESULT_SCHEMA.names}
    starts, ends = column.pop("period_start"), column.pop("period_end")
    fields = {
        **column,
        "period": [None if a is None else (a, b) for a, b in zip(starts, ends, strict=True)],
        "notes": [tuple(notes) for notes in column["notes"]],
        "evidence": [None if text is None else json.loads(text) for text in column["evidence"]],
        "shown_by": [indicators[indicator] for indicator in column["indicator"]],
        "display": [_Unset.UNSET] * table.num_rows,
    }
    names = tuple(fields)
    results = []
    for values in zip(*fields.values(), strict=True):
        result = object.__new__(IndicatorResult)
        result.__dict__.update(zip(names, values, strict=True))
        results.append(result)
    return results


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while many objects are made that all live on: it
    would otherwise walk them again and again (a national run's 600,000 results: 3.8 s
    made with it, 1.3 s without; they hold no cycles). Never around engine calls: Spark's
    Python objects free their JVM side when collected (its driver ran out of memory)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def select_table(
    table: pa.Table,
    *,
    units: Collection[str] = (),
    years: Collection[int] = (),
    levels: Collection[str] = (),
    unit_levels: Mapping[str, str] | None = None,
) -> pa.Table:
    """Results (RESULT_SCHEMA rows) of these units, years and levels: an empty filter keeps
    all; period results have no year and pass any year filter."""
    kept = []
    if units:
        kept.append(pc.is_in(table["unit_code"], value_set=pa.array(list(units), pa.string())))
    if years:
        chosen = pc.is_in(table["year"], value_set=pa.array(list(years), pa.int64()))
        kept.append(pc.or_(pc.is_null(table["year"]), chosen))
    if levels:
        codes = [code for code, level in (unit_levels or {}).items() if level in levels]
        kept.append(pc.is_in(table["unit_code"], value_set=pa.array(codes, pa.string())))
    return table.filter(reduce(pc.and_, kept)) if kept else table
