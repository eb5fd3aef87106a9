"""Values made from patched totals by each kind's own SQL, so that a refreshed figure is
formed exactly as the engine forms it (scale, cap, the UIS rule, growth, parity)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from dudao.catalogue import Indicator
from dudao.compute.kinds import SqlKind


@dataclass(frozen=True)
class Totals:
    """The operands' totals of one figure, by the kind's column names (n, d, …, pn, pd)."""

    indicator: Indicator
    kind: SqlKind
    columns: Mapping[str, float | None]


@dataclass(frozen=True)
class Formed:
    numerator: float | None
    denominator: float | None
    value: float | None
    note: str | None


def form(rows: Sequence[Totals]) -> list[Formed]:
    """Each row's numerator, denominator, value and note, in one query."""
    if not rows:
        return []
    connection = duckdb.connect(":memory:")
    try:
        parts = []
        for number, group in enumerate(_by_indicator(rows)):
            names = list(group[0][1].columns)
            columns = {n: pa.array([t.columns[n] for _, t in group], pa.float64()) for n in names}
            table = pa.table({"row": [index for index, _ in group], **columns})
            connection.register(f"totals_{number}", table)
            first = group[0][1]
            select = first.kind.select(first.indicator, {name: f"t.{name}" for name in names})
            parts.append(f"SELECT t.row, {select} FROM totals_{number} AS t")
        found = connection.sql(" UNION ALL ".join(parts)).fetchall()
    finally:
        connection.close()
    formed: list[Formed | None] = [None] * len(rows)
    for row, numerator, denominator, value, note in found:
        formed[row] = Formed(numerator, denominator, value, note)
    return [f for f in formed if f is not None]


def _by_indicator(rows: Sequence[Totals]) -> list[list[tuple[int, Totals]]]:
    groups: dict[str, list[tuple[int, Totals]]] = {}
    for index, totals in enumerate(rows):
        groups.setdefault(totals.indicator.id, []).append((index, totals))
    return list(groups.values())
