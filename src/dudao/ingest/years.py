"""Rules across years: a series' missing year, an unusual change, a school that vanished.

Each joins the dataset with the store's approved data (CheckContext.approved); without a
store they see the dataset's own years only. Findings point at the dataset's rows. The series
are walked in NumPy (year_series); a school that vanished is the rule of vanished.py.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dudao.catalogue.rules import CheckRule
from dudao.ingest.findings import Finding
from dudao.ingest.rule_findings import rule_finding
from dudao.ingest.rule_frames import PART, ROW, RuleFrames
from dudao.ingest.vectors import group_ids, valid
from dudao.ingest.year_series import (
    at_least,
    more_than,
    numbers,
    previous_valid,
    walk,
)


def missing_year(rule: CheckRule, frames: RuleFrames) -> Iterator[Finding]:
    """A unit's year in the dataset whose previous year with rows is not the year before.

    Reported on the dataset's first row of that unit and year.
    """
    context = frames.context
    if not context.has_table(rule.table):
        return
    unit = context.catalogue.tables[rule.table].key[0]  # school_code or org_code
    dataset, stored = frames.dataset_table(rule.table), frames.stored_table(rule.table)
    rows = pa.concat_tables([dataset.select([unit, "year"]), stored.select([unit, "year"])])
    rows = rows.filter(pc.is_valid(rows.column("year")))  # an empty year is no year of a series
    order = walk(group_ids([rows.column(unit)], rows.num_rows), rows.column("year"))
    first = np.ones(len(order.order), bool)  # the first row of each unit and year
    first[1:] = (order.series[1:] != order.series[:-1]) | (order.years[1:] != order.years[:-1])
    positions, series, years = order.order[first], order.series[first], order.years[first]
    gap = np.zeros(len(years), bool)
    gap[1:] = (series[1:] == series[:-1]) & (years[1:] - years[:-1] > 1)
    reported = gap & (positions < dataset.num_rows)
    parts, sheet_rows = numbers(dataset.column(PART)), numbers(dataset.column(ROW))
    befores = np.zeros(len(years), np.int64)
    befores[1:] = years[:-1]
    for position, year, before in sorted(
        zip(positions[reported], years[reported], befores[reported], strict=True)
    ):
        year, before = int(year), int(before)
        names = {"missing": str(before + 1) if year - before == 2 else f"{before + 1}-{year - 1}"}
        place = context.parts[int(parts[position])].place
        row = int(sheet_rows[position])
        yield rule_finding(rule, place, row=row, column="year", value=year, names=names)


def year_change(rule: CheckRule, frames: RuleFrames) -> Iterator[Finding]:
    """A value more than the factor away from the same series' last earlier reported value.

    The series: the dataset's rows, and the store's of a key and year the dataset lacks.
    Findings field by field, each in sheet order, as the rule declares its fields.
    """
    context = frames.context
    if not (context.has_table(rule.table) and rule.fields):
        return
    settings = context.settings
    factor, floor = settings.year_change_factor, settings.year_change_floor
    table = context.catalogue.tables[rule.table]
    series = [name for name in table.key if name != "year"]
    rows, dataset_rows = _series_rows(frames, rule.table, [*series, "year"])
    order = walk(group_ids(rows.select(series).columns, rows.num_rows), rows.column("year"))
    dataset = frames.dataset_table(rule.table)
    parts, sheet_rows = numbers(dataset.column(PART)), numbers(dataset.column(ROW))
    for field_id in rule.fields:
        column = rows.column(field_id)
        present = valid(column)[order.order]
        values = numbers(column)[order.order]
        before = previous_valid(order, valid(column))
        at = np.flatnonzero(present & (before >= 0) & (order.order < dataset_rows))
        value, previous = values[at], values[before[at]]
        changed = at_least(np.maximum(value, previous), floor) & (
            more_than(value, factor, previous) | more_than(previous, factor, value)
        )
        for index in sorted(at[changed], key=lambda index: order.order[index]):
            position = order.order[index]
            said = {
                "value": values[index].item(),
                "year": int(order.years[index]),
                "previous": values[before[index]].item(),
                "previous_year": int(order.years[before[index]]),
                "factor": factor,
            }
            place = context.parts[int(parts[position])].place
            row = int(sheet_rows[position])
            yield rule_finding(
                rule, place, row=row, column=field_id, value=said["value"], names=said
            )


def _series_rows(frames: RuleFrames, table_id: str, key: list[str]) -> tuple[pa.Table, int]:
    """The dataset's rows, then the store's of a key the dataset lacks (SQL's equality: an
    empty key matches none); and how many rows are the dataset's."""
    dataset, stored = frames.dataset_table(table_id), frames.stored_table(table_id)
    if stored.num_rows:
        both = pa.concat_tables([dataset.select(key), stored.select(key)])
        ids = group_ids(both.columns, both.num_rows)
        taken = np.isin(ids[dataset.num_rows :], ids[: dataset.num_rows])
        whole = np.logical_and.reduce([valid(stored.column(name)) for name in key])
        stored = stored.filter(pa.array(~(taken & whole)))
    return pa.concat_tables([dataset, stored]), dataset.num_rows
