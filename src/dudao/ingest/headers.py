"""The header row: which column holds which field; unknown, repeated and missing columns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dudao.catalogue import Catalogue, FieldDef, Severity, TableDef
from dudao.ingest import expected
from dudao.ingest.cells import MOJIBAKE, ColumnParser, column_parser, parser_for
from dudao.ingest.findings import Finding
from dudao.ingest.names import header_index
from dudao.ingest.sheets import Place
from dudao.ingest.template_sheets import is_reference_column
from dudao.ingest.text import looks_like_mojibake
from dudao.ingest.vectors import Problem


@dataclass(frozen=True)
class Column:
    """A header cell matched to a field, with the field's parser and default bound."""

    index: int
    field: FieldDef
    parse: ColumnParser
    default: object
    missing: Problem | None  # what an empty cell is, when the field is required


@dataclass(frozen=True)
class HeaderPlan:
    columns: list[Column]
    findings: list[Finding]

    @property
    def readable(self) -> bool:
        """False when a key or required column is missing: no row could be stored."""
        return not any(found.code == "missing_column" for found in self.findings)


def plan_header(table: TableDef, header: Sequence[str | None], place: Place) -> HeaderPlan:
    """Match each header cell to a field; report unknown, repeated and missing columns."""
    index, catalogue = header_index(table), place.catalogue
    columns: dict[str, Column] = {}
    findings: list[Finding] = []
    for position, cell in enumerate(header):
        written = (cell or "").strip().lstrip("\ufeff").strip()
        if not written or is_reference_column(written):
            continue  # Excel's trailing empty header cells; a template's name columns
        field_id = index.match(written)
        if field_id is None:
            findings.extend(_unknown(table, written, place))
        elif field_id in columns:
            findings.append(_duplicate(field_id, written, place))
        else:
            columns[field_id] = _column(position, table.field(field_id), catalogue)
    findings.extend(_missing(table, columns, place))
    return HeaderPlan(list(columns.values()), findings)


def _duplicate(field_id: str, written: str, place: Place) -> Finding:
    said = (f"{field_id}只出现一次", f"{field_id} once")
    return place.finding("duplicate_column", row=1, column=field_id, value=written, expected=said)


def _column(position: int, field: FieldDef, catalogue: Catalogue) -> Column:
    parse = column_parser(field, catalogue)
    missing = Problem("missing_required", expected.for_required(field, catalogue))
    return Column(
        position, field, parse, default_value(field, catalogue), missing if field.required else None
    )


def default_value(field: FieldDef, catalogue: Catalogue) -> object:
    """The value an empty cell or absent column takes: the catalogue's default, else null."""
    return None if field.default is None else parser_for(field, catalogue)(field.default)


def _unknown(table: TableDef, written: str, place: Place) -> list[Finding]:
    said = expected.for_header(table)
    found = [place.finding("unknown_column", row=1, column=written, value=written, expected=said)]
    if looks_like_mojibake(written):
        found.append(
            place.finding(
                "mojibake",
                row=1,
                column=written,
                value=written,
                expected=MOJIBAKE,
                severity=Severity.WARNING,
            )
        )
    return found


def _missing(table: TableDef, columns: dict[str, Column], place: Place) -> list[Finding]:
    return [
        place.finding(
            "missing_column",
            row=1,
            column=field.id,
            column_label=field.label,
            expected=_named(field),
        )
        for field in table.fields
        if (field.required or field.id in table.key) and field.id not in columns
    ]


def _named(field: FieldDef) -> tuple[str, str]:
    return (
        f"表头含“{field.label.zh_hans}”或“{field.id}”列",
        f"a header naming {field.id} ({field.label.zh_hans})",
    )
