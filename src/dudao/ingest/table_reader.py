"""Rows of one sheet -> one Arrow table of the catalogue's schema, and the findings on the way."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dudao.catalogue import TableDef, arrow_schema
from dudao.ingest.batch import BATCH_ROWS, read_batch
from dudao.ingest.findings import Finding
from dudao.ingest.headers import Column, plan_header
from dudao.ingest.limits import ReadLimits
from dudao.ingest.sheets import Place, Row
from dudao.ingest.text_blocks import Block, TextBlocks, row_blocks
from dudao.ingest.vectors import byte_lengths


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
    """Read a header and its rows; rows with an error are reported and left out.

    Rows come as blocks of text columns (TextBlocks: CSV through Arrow) or as rows, which are
    put in blocks here: either way every cell is checked a column at a time.
    """
    most = limits.max_rows + 2  # the header, the rows allowed, and one to see the cap passed
    blocks = rows.blocks() if isinstance(rows, TextBlocks) else row_blocks(rows, BATCH_ROWS, most)
    first = next(blocks, None)
    if first is None:
        return TableRead(None)  # an empty file or sheet is taken as absent
    header = [column[0].as_py() for column in first.columns]
    plan = plan_header(table, header, place)
    if not plan.readable:
        return TableRead(None, plan.findings)
    findings = list(plan.findings)
    batches: list[pa.RecordBatch] = []
    numbers: list[int] = []
    rest = chain([first.sliced(1)], blocks)
    for chunk, chunk_numbers in _chunks(rest, place, limits, findings):
        batch, kept = read_batch(table, place, plan.columns, chunk, chunk_numbers, findings)
        batches.append(batch)
        numbers.extend(kept)
    data = pa.Table.from_batches(batches, schema=arrow_schema(table))
    return TableRead(TablePart(table, place, data, numbers), findings)


def _chunks(
    blocks: Iterable[Block], place: Place, limits: ReadLimits, findings: list[Finding]
) -> Iterator[tuple[Block, list[int]]]:
    """Non-blank rows in chunks of BATCH_ROWS, with their row numbers; past the row cap, a
    finding and stop. The chunks are those a row-at-a-time reader would make."""
    held: list[tuple[Block, list[int]]] = []
    count = 0
    start = 2  # the row number of a block's first row
    for block in blocks:
        allowed = limits.max_rows + 2 - start  # rows of this block within the cap
        passed = block.rows > allowed
        within = block.sliced(0, allowed) if passed else block
        kept = _non_blank(within)
        if len(kept):
            held.append((_taken(within, kept), (kept.to_numpy() + start).tolist()))
            count += len(kept)
        while count >= BATCH_ROWS:
            chunk, held, count = _split(held, BATCH_ROWS)
            yield chunk
        if passed:
            findings.append(_too_many(place, limits.max_rows + 2, limits.max_rows))
            break
        start += block.rows
    if count:
        yield _split(held, count)[0]


def _non_blank(block: Block) -> pa.Array:
    """Indices of the rows with a non-empty cell: blank rows are spacing, not data.

    A column without nulls (every CSV column) is read off its offsets, without compute calls.
    """
    if not block.columns or not block.rows:
        return pa.array([], pa.int64())
    filled = np.zeros(block.rows, bool)
    for column in block.columns:
        if column.null_count:
            filled |= pc.fill_null(pc.not_equal(column, ""), False).to_numpy(zero_copy_only=False)
        else:
            filled |= byte_lengths(column) > 0
    return pa.array(np.flatnonzero(filled), pa.int64())


def _taken(block: Block, kept: pa.Array) -> Block:
    if len(kept) == block.rows:
        return block
    return Block([column.take(kept) for column in block.columns], len(kept))


def _split(
    held: list[tuple[Block, list[int]]], size: int
) -> tuple[tuple[Block, list[int]], list[tuple[Block, list[int]]], int]:
    """The first `size` held rows as one chunk; the rest stay held."""
    width = len(held[0][0].columns)
    columns = [
        pa.concat_arrays([block.columns[index] for block, _ in held]) for index in range(width)
    ]
    whole = Block(columns, sum(block.rows for block, _ in held))
    numbers = list(chain.from_iterable(block_numbers for _, block_numbers in held))
    rest = numbers[size:]
    left = [(whole.sliced(size), rest)] if rest else []
    return (whole.sliced(0, size), numbers[:size]), left, len(rest)


def _too_many(place: Place, number: int, limit: int) -> Finding:
    said = (
        f"每表不超过{limit:,}行数据；其后各行未读取",
        f"at most {limit:,} data rows per sheet; the rest was not read",
    )
    return place.finding("unsafe_file", row=number, expected=said)


__all__ = ["Column", "TablePart", "TableRead", "read_table"]
