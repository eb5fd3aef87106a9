"""What dataset-level checks see: the parts read, and the store's codes when there is a store."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from dudao.catalogue import Catalogue
from dudao.ingest.sheets import Place
from dudao.ingest.table_reader import TablePart

KnownCodes = Callable[[str, str], set[str]]  # (table, field) -> codes the store already holds


@dataclass
class CheckContext:
    parts: Sequence[TablePart]
    catalogue: Catalogue
    place: Place  # the dataset as a whole, for findings about no one sheet
    known_codes: KnownCodes | None = None
    _values: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    _stored: dict[tuple[str, str], set[str]] = field(default_factory=dict)

    def parts_of(self, table_id: str) -> list[TablePart]:
        return [part for part in self.parts if part.table.id == table_id]

    def has_table(self, table_id: str) -> bool:
        return any(part.table.id == table_id for part in self.parts)

    def column(self, part: TablePart, field_id: str) -> Iterator[tuple[int, object]]:
        """(row number, value) of one column of a part, nulls left out."""
        values = part.data.column(field_id).to_pylist()
        return (
            (row, value) for row, value in zip(part.rows, values, strict=True) if value is not None
        )

    def dataset_values(self, table_id: str, field_id: str) -> set[str]:
        key = (table_id, field_id)
        if key not in self._values:
            parts = self.parts_of(table_id)
            self._values[key] = {str(v) for part in parts for _, v in self.column(part, field_id)}
        return self._values[key]

    def stored_values(self, table_id: str, field_id: str) -> set[str] | None:
        """The store's codes, asked once per field; None when there is no store to ask."""
        if self.known_codes is None:
            return None
        key = (table_id, field_id)
        if key not in self._stored:
            self._stored[key] = set(self.known_codes(table_id, field_id))
        return self._stored[key]
