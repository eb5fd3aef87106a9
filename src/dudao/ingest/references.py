"""References resolve within the dataset, else in the store; with no store to ask, a warning."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyarrow.compute as pc

from dudao.catalogue import Severity, TableDef
from dudao.ingest.check_context import CheckContext
from dudao.ingest.findings import Expected, Finding
from dudao.ingest.table_reader import TablePart

# designations.unit_code refers to the table its unit_kind names; teachers are not checked.
UNIT_KINDS = {"school": ("schools", "school_code"), "org": ("org_units", "code")}


def dangling_references(context: CheckContext) -> Iterator[Finding]:
    """Every field declared with `references` in the catalogue."""
    for part in context.parts:
        for field in part.table.fields:
            if field.reference is not None:
                cells = context.absent(part, field.id, field.reference)
                yield from _unresolved(context, part, field.id, field.reference, cells)


def designation_units(context: CheckContext) -> Iterator[Finding]:
    """A designation's unit_code names a school or an org unit, as its unit_kind says."""
    for part in context.parts_of("designations"):
        kinds = part.data.column("unit_kind").combine_chunks()
        for kind, target in UNIT_KINDS.items():
            cells = context.absent(part, "unit_code", target, where=pc.equal(kinds, kind))
            yield from _unresolved(context, part, "unit_code", target, cells)


def _unresolved(
    context: CheckContext,
    part: TablePart,
    field_id: str,
    target: tuple[str, str],
    cells: Iterable[tuple[int, str]],
) -> Iterator[Finding]:
    """One finding per value missing from the dataset and the store, on its first row."""
    missing: dict[str, list[int]] = {}
    for row, value in cells:
        missing.setdefault(value, []).append(row)
    stored = context.stored_values(*target) if missing else None
    searched = context.has_table(target[0]) or stored is not None
    target_table = context.catalogue.tables[target[0]]
    for value, rows in missing.items():
        if stored is None or value not in stored:
            yield part.place.finding(
                "dangling_reference",
                row=rows[0],
                column=field_id,
                column_label=part.table.field(field_id).label,
                value=value,
                expected=_expected(target_table, target[1], searched, len(rows) - 1),
                severity=Severity.ERROR if searched else Severity.WARNING,
            )


def _expected(table: TableDef, field_id: str, searched: bool, more: int) -> Expected:
    label = table.field(field_id).label
    zh = f"“{table.label.zh_hans}”中已有的{label.zh_hans}（{table.id}.{field_id}）"
    en = f"an existing {table.id}.{field_id}"
    if not searched:
        zh, en = (
            zh + "；数据集中无此表，也无库可查",
            en + "; the dataset has no such table and there is no store to look in",
        )
    if more:
        zh, en = zh + f"（另有 {more} 行同值）", en + f" ({more} more rows with this value)"
    return zh, en
