"""What dataset-level checks see: the parts read, and the store's codes and approved data
when there is a store (the store supplies them as callables: no Django in dudao.ingest)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from dudao.catalogue import Catalogue
from dudao.ingest.rule_settings import RuleSettings
from dudao.ingest.sheets import Place
from dudao.ingest.table_reader import TablePart
from dudao.ingest.vectors import indices

KnownCodes = Callable[[str, str], set[str]]  # (table, field) -> codes the store already holds
# table -> the store's last approved rows of it (catalogue schema), None when it holds none
PreviousTables = Callable[[str], pa.Table | None]


@dataclass
class CheckContext:
    parts: Sequence[TablePart]
    catalogue: Catalogue
    place: Place  # the dataset as a whole, for findings about no one sheet
    known_codes: KnownCodes | None = None
    previous: PreviousTables | None = None
    settings: RuleSettings = field(default_factory=RuleSettings)
    _values: dict[tuple[str, str], pa.Array] = field(default_factory=dict)
    _stored: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    _approved: dict[str, pa.Table | None] = field(default_factory=dict)

    def parts_of(self, table_id: str) -> list[TablePart]:
        return [part for part in self.parts if part.table.id == table_id]

    def has_table(self, table_id: str) -> bool:
        return any(part.table.id == table_id for part in self.parts)

    def dataset_values(self, table_id: str, field_id: str) -> pa.Array:
        """The distinct values of a field over the dataset, as text."""
        key = (table_id, field_id)
        if key not in self._values:
            columns = [_text(part.data.column(field_id)) for part in self.parts_of(table_id)]
            values = pa.chunked_array(columns, pa.string()).combine_chunks()
            self._values[key] = pc.unique(values.drop_null())
        return self._values[key]

    def absent(
        self, part: TablePart, field_id: str, target: tuple[str, str], where: pa.Array | None = None
    ) -> list[tuple[int, str]]:
        """(row, value) of cells whose value the target field does not hold in the dataset."""
        values = _text(part.data.column(field_id)).combine_chunks()
        mask = pc.and_(
            pc.is_valid(values), pc.invert(pc.is_in(values, self.dataset_values(*target)))
        )
        if where is not None:
            mask = pc.and_(mask, where)
        return [(part.rows[index], values[index].as_py()) for index in indices(mask)]

    def stored_values(self, table_id: str, field_id: str) -> set[str] | None:
        """The store's codes, asked once per field; None when there is no store to ask."""
        if self.known_codes is None:
            return None
        key = (table_id, field_id)
        if key not in self._stored:
            self._stored[key] = set(self.known_codes(table_id, field_id))
        return self._stored[key]

    def approved(self, table_id: str) -> pa.Table | None:
        """The store's approved rows of a table, asked once; None without a store or rows."""
        if self.previous is None:
            return None
        if table_id not in self._approved:
            self._approved[table_id] = self.previous(table_id)
        return self._approved[table_id]


def _text(column: pa.ChunkedArray) -> pa.ChunkedArray:
    return column.cast(pa.string())
