"""Rows of one sheet -> one Arrow table of the catalogue's schema, and the findings on the way."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pyarrow as pa

from dudao.catalogue import TableDef, arrow_schema
from dudao.ingest.batch import BATCH_ROWS, read_batch
from dudao.ingest.findings import Finding
from dudao.ingest.headers import Column, plan_header
from dudao.ingest.limits import ReadLimits
from dudao.ingest.sheets import Place, Row


@dataclass
class TablePart:
    """The rows of one table read from one sheet; `rows` are their row numbers in the sheet."""

    table: TableDef
    place: Place
    data: pa.Table
    rows: list[int]


@dataclass
class TableRead:
    part: TablePart | None
    findings: list[Finding] = field(default_factory=list)


def read_table(table: TableDef, place: Place, rows: Iterable[Row], limits: ReadLimits) -> TableRead:
    """Read a header and its rows; rows with an error are reported and left out."""
    iterator = iter(rows)
    header = next(iterator, None)
    if header is None:
        return TableRead(None)  # an empty file or sheet is taken as absent
    plan = plan_header(table, header, place)
    if not plan.readable:
        return TableRead(None, plan.findings)
    findings = list(plan.findings)
    batches: list[pa.RecordBatch] = []
    numbers: list[int] = []
    for chunk, chunk_numbers in _chunks(iterator, place, limits, findings):
        batch, kept = read_batch(table, place, plan.columns, chunk, chunk_numbers, findings)
        batches.append(batch)
        numbers.extend(kept)
    data = pa.Table.from_batches(batches, schema=arrow_schema(table))
    return TableRead(TablePart(table, place, data, numbers), findings)


def _chunks(
    rows: Iterator[Row], place: Place, limits: ReadLimits, findings: list[Finding]
) -> Iterator[tuple[list[Row], list[int]]]:
    """Non-blank rows in chunks, with their row numbers; past the row cap, a finding and stop."""
    chunk: list[Row] = []
    numbers: list[int] = []
    for number, cells in enumerate(rows, start=2):
        if number > limits.max_rows + 1:
            findings.append(_too_many(place, number, limits.max_rows))
            break
        if any(cells):  # blank rows are spacing, not data
            chunk.append(cells)
            numbers.append(number)
            if len(chunk) == BATCH_ROWS:
                yield chunk, numbers
                chunk, numbers = [], []
    if chunk:
        yield chunk, numbers


def _too_many(place: Place, number: int, limit: int) -> Finding:
    said = (
        f"每表不超过{limit:,}行数据；其后各行未读取",
        f"at most {limit:,} data rows per sheet; the rest was not read",
    )
    return place.finding("unsafe_file", row=number, expected=said)


__all__ = ["Column", "TablePart", "TableRead", "read_table"]
