"""Rows of the indicator queries as results, column by column: period, cut-off date, notes.

The SQL kinds' rows stay an Arrow table; what each row gets from its indicator (kind,
period or year, cut-off date, notes) is looked up by the row's indicator with
pyarrow.compute, so that no Python work is done per row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pyarrow as pa
import pyarrow.compute as pc

from dudao.catalogue import Catalogue, Indicator
from dudao.catalogue.views import derived_views
from dudao.compute.coverage import Coverage, coverage_key, coverage_notes
from dudao.compute.results import RESULT_SCHEMA

# The rows of an indicator query (compile.indicator_query, a kind's `select`).
ROWS_SCHEMA = pa.schema(
    [
        ("indicator", pa.string()),
        ("unit_code", pa.string()),
        ("year", pa.int64()),
        ("scope", pa.string()),
        ("numerator", pa.float64()),
        ("denominator", pa.float64()),
        ("value", pa.float64()),
        ("note", pa.string()),
    ]
)
PART, NOTE = "\x1e", "\x1f"  # separators of the texts keying the notes (in no code or note)


@dataclass(frozen=True)
class Run:
    period: tuple[int, int]  # [a, b] of period indicators
    as_of: dict[int, date]  # the cut-off date of each year's case-based figures
    school_level: bool = False  # schools are units of the results


def as_rows(table: pa.Table) -> pa.Table:
    """An engine's answer to an indicator query with the types of ROWS_SCHEMA."""
    return table.select(ROWS_SCHEMA.names).cast(ROWS_SCHEMA)


def sql_results(
    catalogue: Catalogue,
    indicators: list[Indicator],
    rows: pa.Table,
    run: Run,
    coverage: Coverage | None = None,
) -> pa.Table:
    """The rows (ROWS_SCHEMA) as results (RESULT_SCHEMA), in the order of `indicators` and
    each indicator's rows as they came; an org value summed from only some children says
    so in a note (coverage)."""
    ids = pa.array([indicator.id for indicator in indicators], pa.string())
    rows = rows.take(pc.sort_indices(pc.index_in(rows["indicator"], value_set=ids)))  # stable
    position = pc.index_in(rows["indicator"], value_set=ids)
    timings = [timing(catalogue, indicator) for indicator in indicators]
    case_based = pa.array([case for case, _ in timings], pa.bool_()).take(position)
    over_period = pa.array([over for _, over in timings], pa.bool_()).take(position)
    no_year = pa.scalar(None, pa.int64())
    years = sorted(run.as_of)
    dates = pa.array([run.as_of[year] for year in years], pa.date32())
    cut_off = dates.take(pc.index_in(rows["year"], value_set=pa.array(years, pa.int64())))
    columns = {
        "indicator": rows["indicator"],
        "unit_code": rows["unit_code"],
        "scope": rows["scope"],
        "year": pc.if_else(over_period, no_year, rows["year"]),
        "period_start": pc.if_else(over_period, pa.scalar(run.period[0], pa.int64()), no_year),
        "period_end": pc.if_else(over_period, pa.scalar(run.period[1], pa.int64()), no_year),
        "value": rows["value"],
        "numerator": rows["numerator"],
        "denominator": rows["denominator"],
        "notes": _notes(catalogue, indicators, rows, coverage or {}),
        "kind": pa.array([indicator.kind for indicator in indicators], pa.string()).take(position),
        "passed": pa.nulls(rows.num_rows, pa.bool_()),
        "evidence": pa.nulls(rows.num_rows, pa.string()),
        "as_of": pc.if_else(case_based, cut_off, pa.scalar(None, pa.date32())),
    }
    return pa.table(columns, schema=RESULT_SCHEMA)


def by_indicator(results: pa.Table, indicators: list[Indicator]) -> dict[str, pa.Table]:
    """Results in the order of `indicators` (sql_results) cut into each one's rows."""
    counted = pc.value_counts(results["indicator"])
    counts = dict(
        zip(counted.field("values").to_pylist(), counted.field("counts").to_pylist(), strict=True)
    )
    parts, start = {}, 0
    for indicator in indicators:
        if indicator.id in counts:
            parts[indicator.id] = results.slice(start, counts[indicator.id])
            start += counts[indicator.id]
    return parts


def timing(catalogue: Catalogue, indicator: Indicator) -> tuple[bool, bool]:
    """(case-based: counted at a cut-off date, over a period: one result for [a, b])."""
    views = derived_views(catalogue)
    read = [views[op.table] for op in indicator.operands if op.table in views]
    case_based = any(view.as_of for view in read)
    return case_based, indicator.over_period or any(view.over_period for view in read)


def _notes(
    catalogue: Catalogue, indicators: list[Indicator], rows: pa.Table, coverage: Coverage
) -> pa.ChunkedArray:
    """Each row's notes: its indicator's, the row's own (`capped`…), then coverage's.

    Rows share a few combinations of these; each combination's list is made once.
    """
    combination = pc.binary_join_element_wise(
        rows["indicator"],
        rows["note"],
        _coverage_texts(catalogue, indicators, rows, coverage),
        PART,
        null_handling="replace",
        null_replacement="",
    )
    distinct = pc.unique(combination)
    declared = {indicator.id: indicator.notes for indicator in indicators}
    lists = []
    for text in distinct.to_pylist():
        indicator, note, covered = text.split(PART)
        lists.append(
            declared[indicator]
            + ((note,) if note else ())
            + tuple(filter(None, covered.split(NOTE)))
        )
    notes = pa.array(lists, pa.list_(pa.string()))
    return pc.take(notes, pc.index_in(combination, value_set=distinct))


def _coverage_texts(
    catalogue: Catalogue, indicators: list[Indicator], rows: pa.Table, coverage: Coverage
) -> pa.ChunkedArray:
    """Each row's coverage notes joined by NOTE (null when there are none)."""
    texts: dict[str, str] = {}
    for indicator in indicators:
        keys = [
            coverage_key(catalogue, op) for op in (indicator.numerator, indicator.denominator) if op
        ]
        places = {place for key in keys if key for place in coverage.get(key, {})}
        for place in places:
            if notes := coverage_notes(coverage, keys, place):
                unit, year, scope = place
                texts[PART.join((indicator.id, unit, str(year), scope or ""))] = NOTE.join(notes)
    if not texts:
        return pa.chunked_array([pa.nulls(rows.num_rows, pa.string())])
    place = pc.binary_join_element_wise(
        rows["indicator"],
        rows["unit_code"],
        pc.cast(rows["year"], pa.string()),
        rows["scope"],
        PART,
        null_handling="replace",
        null_replacement="",
    )
    found = pc.index_in(place, value_set=pa.array(list(texts), pa.string()))
    return pc.take(pa.array(list(texts.values()), pa.string()), found)
