"""A sheet: one CSV file or one worksheet, named by its place, read as rows of text."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from dudao.catalogue import Catalogue, Label, Severity
from dudao.ingest.findings import Expected, Finding, finding

Row = Sequence[str | None]
T = TypeVar("T")


@dataclass(frozen=True)
class Place:
    """Where findings point: the file as reported (`path/member` in a zip) and the sheet."""

    file: str
    sheet: str | None
    catalogue: Catalogue

    def finding(
        self,
        code: str,
        *,
        expected: Label | Expected,
        row: int | None = None,
        column: str | None = None,
        value: str | None = None,
        severity: Severity | None = None,
        column_label: Label | None = None,
    ) -> Finding:
        return finding(
            code,
            file=self.file,
            sheet=self.sheet,
            row=row,
            column=column,
            value=value,
            expected=expected,
            severity=severity,
            column_label=column_label,
            catalogue=self.catalogue,
        )


class SheetProblem(Exception):
    """A sheet cannot be read on (bad encoding, unsafe content, broken structure)."""

    def __init__(self, code: str, expected: Expected, *, row: int | None = None) -> None:
        super().__init__(expected[1])
        self.code, self.expected, self.row = code, expected, row


class Sheet(ABC):
    """Rows of one table-shaped source; the header is the first row."""

    def __init__(self, place: Place, name: str) -> None:
        self.place = place
        self.name = name  # what names the table: the sheet name or the file's stem

    @abstractmethod
    def read(self, consume: Callable[[Iterable[Row]], T]) -> T:
        """Apply `consume` to the rows; raise SheetProblem when they cannot be read."""


def within_header(rows: Iterable[Row], max_columns: int) -> Iterator[Row]:
    """Rows cut to the header's width, so a cell far to the right costs nothing to hold.

    Cells past the last header cell belong to no column and were never read; a header wider
    than `max_columns` is refused, since every row held for a batch is that wide.
    """
    iterator = iter(rows)
    header = next(iterator, None)
    if header is None:
        return
    width = header_width(header, max_columns)
    yield header[:width]
    for row in iterator:
        yield row[:width] if len(row) > width else row


def header_width(header: Row, max_columns: int) -> int:
    """The header's cells up to its last non-empty one; more than `max_columns` is refused."""
    width = len(header)
    while width and not header[width - 1]:
        width -= 1
    if width > max_columns:
        expected = (
            f"表头不超过{max_columns:,}列",
            f"at most {max_columns:,} columns in the header",
        )
        raise SheetProblem("unsafe_file", expected, row=1)
    return width
