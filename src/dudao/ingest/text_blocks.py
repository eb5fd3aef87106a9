"""A sheet's rows as blocks of Arrow text columns, so that cells are handled a column at a time.

Row 1 of the first block is the header; every block is as wide as the header (cells past its
last non-empty cell belong to no column), and a cell the row lacks is null.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice, zip_longest

import pyarrow as pa

from dudao.ingest.sheets import Row


@dataclass(frozen=True)
class Block:
    """Consecutive rows: one string array per header cell, each `rows` long."""

    columns: list[pa.Array]
    rows: int

    def sliced(self, start: int, stop: int | None = None) -> Block:
        stop = self.rows if stop is None else min(stop, self.rows)
        start = min(start, stop)
        return Block([column[start:stop] for column in self.columns], stop - start)


class TextBlocks(ABC, Iterable[Row]):
    """Rows delivered columnar; still iterable as rows for a consumer that wants rows."""

    @abstractmethod
    def blocks(self) -> Iterator[Block]:
        """The blocks in sheet order; raise SheetProblem when the sheet cannot be read."""

    def __iter__(self) -> Iterator[Row]:
        for block in self.blocks():
            columns = [column.to_pylist() for column in block.columns]
            yield from ([column[index] for column in columns] for index in range(block.rows))


def row_blocks(rows: Iterable[Row], size: int, most: int) -> Iterator[Block]:
    """Rows (header first, already cut to its width) in blocks of `size`, at most `most` rows.

    The header is a block of its own; reading stops after `most` rows, so that a row past a
    cap is read (to say the cap was passed) but no row after it.
    """
    iterator = islice(iter(rows), most)
    header = next(iterator, None)
    if header is None:
        return
    width = len(header)
    yield Block([pa.array([cell], pa.string()) for cell in header], 1)
    while chunk := list(islice(iterator, size)):
        cells = list(zip_longest(*chunk))
        count = len(chunk)
        columns = [
            pa.array(cells[index], pa.string())
            if index < len(cells)
            else pa.nulls(count, pa.string())
            for index in range(width)
        ]
        yield Block(columns, count)
