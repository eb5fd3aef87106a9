"""A compliance test's evidence as JSON text, a column of places at a time.

The text is what json.dumps(evidence, ensure_ascii=False) wrote of the dict a test
made for each place — keys in the same order, ", " and ": " between, a float as
Python's repr (NaN and Infinity as json writes them) — since the JSON Lines output is
a public interface; here it is joined from parts with Arrow, not dumped per place
(60,000 json.dumps calls were a third of a national run's compliance time).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TypeAlias

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dudao.compute.kinds.places import Column

Text: TypeAlias = pa.Array | str  # JSON text for each place, or one text for all
Entry: TypeAlias = tuple[Text, Column]  # a value's key (JSON text) and its column
Verdict: TypeAlias = tuple[pa.Array, pa.Array]  # passed (null: an input is missing), evidence

NULL = pa.scalar(None, pa.string())


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def year_key(name: str, year: pa.Array) -> pa.Array:
    """The key `name@year` at each place (`year`: text)."""
    return pc.binary_join_element_wise(dumps(f"{name}@")[:-1], year, '"', "")


def complete(entries: Sequence[Entry]) -> np.ndarray:
    """Where every value is there."""
    return np.logical_and.reduce([column.present for _, column in entries])


def verdict(entries: Sequence[Entry], judged: np.ndarray, *after: Text | None) -> Verdict:
    """Passed where every value is there (else null), and the evidence: the values, what
    is missing (where something is), then the members `after` (null ones left out)."""
    full = complete(entries)
    missing = None
    if not full.all():
        keys = [key for key, _ in entries]
        listing = listed(keys, np.array([~column.present for _, column in entries]))
        missing = only(~full, member("missing", listing))
    evidence = members(values(entries), missing, *after)
    return pa.array(judged, pa.bool_(), mask=~full), evidence


def values(entries: Sequence[Entry]) -> pa.Array:
    shown = [_concat(key, ": ", column.shown) for key, column in entries]
    return member("values", _concat("{", _join(shown), "}"))  # type: ignore[return-value]


def members(*parts: Text | None) -> pa.Array:
    """A JSON object of members ('"key": value' texts); a null member is left out."""
    return _concat("{", _join([part for part in parts if part is not None]), "}")  # type: ignore[return-value]


def member(key: str, value: Text) -> Text:
    return _concat(dumps(key), ": ", value)


def listed(items: Sequence[Text], chosen: np.ndarray) -> pa.Array:
    """A JSON list of the items chosen at each place (`chosen`: one row per item)."""
    kept = [pc.if_else(pa.array(row), item, NULL) for item, row in zip(items, chosen, strict=True)]
    return _concat("[", _join(kept), "]")  # type: ignore[return-value]


def only(where: np.ndarray, text: Text) -> pa.Array:
    return pc.if_else(pa.array(where), text, NULL)


def choose(where: np.ndarray, chosen: pa.Array, other: pa.Array) -> pa.Array:
    return pc.if_else(pa.array(where), chosen, other)


def integers(value: np.ndarray) -> pa.Array:
    return pc.cast(pa.array(value, pa.int64()), pa.string())


def _concat(*parts: Text) -> Text:
    """Parts joined; null where one is null."""
    if all(isinstance(part, str) for part in parts):
        return "".join(parts)  # type: ignore[arg-type]
    return pc.binary_join_element_wise(*parts, "")


def _join(parts: Sequence[Text]) -> Text:
    """Parts joined by ", ", null ones left out: each led by ", " (or "" when null), then
    the first two characters cut (Arrow's own null skipping drops rows where all are null)."""
    if parts and all(isinstance(part, pa.Array) and not part.null_count for part in parts):
        return pc.binary_join_element_wise(*parts, ", ")
    led = [", " + part if isinstance(part, str) else _concat(", ", part) for part in parts]
    if all(isinstance(part, str) for part in led):
        return "".join(led)[2:]  # type: ignore[arg-type]
    kept = [part if isinstance(part, str) else pc.fill_null(part, "") for part in led]
    return pc.utf8_slice_codeunits(_concat(*kept), 2)
