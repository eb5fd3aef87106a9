"""A sheet: one CSV file or one worksheet, named by its place, read as rows of text."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
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
