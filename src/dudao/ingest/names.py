"""Names users give tables and columns: the id, or the Chinese label in either script."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from dudao.catalogue import Catalogue, FieldDef, Label, TableDef
from dudao.ingest.text import fold, name_candidates


class NameIndex:
    """Folded names -> identifiers; a name is tried whole, then without parenthesised suffixes."""

    def __init__(self, entries: Iterable[tuple[str, Iterable[str]]]) -> None:
        self._ids: dict[str, str] = {}
        for identifier, names in entries:
            for name in names:
                self._ids.setdefault(fold(name), identifier)

    def match(self, written: str) -> str | None:
        for candidate in name_candidates(written):
            identifier = self._ids.get(candidate)
            if identifier is not None:
                return identifier
        return None


def _label_names(label: Label) -> tuple[str, str]:
    return label.zh_hans, label.zh_hant


def table_index(catalogue: Catalogue) -> NameIndex:
    """Sheet and CSV names: table id or its label."""
    return NameIndex((t.id, (t.id, *_label_names(t.label))) for t in catalogue.tables.values())


def field_names(field: FieldDef) -> tuple[str, ...]:
    """A header may also be the English label: an English template writes it."""
    return (field.id, *_label_names(field.label), field.label.en, *field.aliases)


@cache
def header_index(table: TableDef) -> NameIndex:
    """Headers of one table: field id, label (either script) or alias.

    Made once per table (TableDef is frozen): folding its ~100 names costs ~1.5 ms a table,
    paid by every sheet read otherwise."""
    return NameIndex((field.id, field_names(field)) for field in table.fields)
