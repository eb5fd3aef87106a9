"""`write_template`: an xlsx return for one unit and year that the reader reads back unchanged.

One sheet per table of the exchange format (Chinese label or table id as its name), a header of
field labels in the chosen language with help and units in cell comments, drop-down lists for
coded fields, the unit's registers and this year's keys pre-filled from approved data
(`template_rows`), an instructions sheet, and a hidden sheet of the longer code lists. Written
with xlsxwriter in constant-memory mode: rows go out as they are made.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import xlsxwriter
from xlsxwriter.utility import quote_sheetname, xl_col_to_name
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from dudao.catalogue import Catalogue, FieldDef, FieldType, Language, TableDef, default_catalogue
from dudao.ingest import template_text as text
from dudao.ingest.expected import YEAR_RANGE
from dudao.ingest.template_rows import Prefill, Row, prefill
from dudao.ingest.template_sheets import (
    CODE_LISTS_SHEET,
    INSTRUCTIONS_SHEET,
    ORG_NAME_COLUMN,
    SCHOOL_NAME_COLUMN,
)

# The register of divisions is kept by the level above: a district's own row names a parent
# outside its submission, and an org_units sheet, even empty, would make every org reference
# resolve against it alone. Every other table is the unit's to send.
NOT_SUBMITTED = ("org_units",)
_NAMED = {("schools", "school_code"): "school_code", ("org_units", "code"): "org_code"}
INSTRUCTIONS_WIDTH = 80  # characters: the column fits a portrait page
LAST_ROW = 1_048_575  # Excel's last row (0-based): validations cover rows added by hand
_INLINE_CHARS = 255  # Excel's limit on a validation list written in the formula itself
_INLINE_CODES = 12  # longer lists refer to the code-list sheet, where each code has its label
_STYLES: dict[str, dict[str, Any]] = {
    "header": {
        "bold": True,
        "bg_color": "#DDEBF7",
        "border": 1,
        "text_wrap": True,
        "valign": "top",
    },
    "required": {
        "bold": True,
        "bg_color": "#FCE4D6",
        "border": 1,
        "text_wrap": True,
        "valign": "top",
    },
    "given": {"bg_color": "#E2E2E2", "num_format": "@"},
    "given_number": {"bg_color": "#E2E2E2"},
    "given_date": {"bg_color": "#E2E2E2", "num_format": "yyyy-mm-dd"},
    "reference": {"bg_color": "#E2E2E2", "italic": True, "font_color": "#595959"},
    "text": {"num_format": "@"},
    "count": {"num_format": "#,##0"},
    "quantity": {"num_format": "#,##0.####"},
    "date": {"num_format": "yyyy-mm-dd"},
    "title": {"bold": True, "font_size": 14},
    "wrap": {"text_wrap": True, "valign": "top"},
}


def write_template(
    out: Path,
    snapshot: Mapping[str, pa.Table],
    org_code: str,
    year: int,
    language: Language = "zh-Hans",
    catalogue: Catalogue | None = None,
) -> Prefill:
    """Write the template for `org_code` and `year` to `out`; returns what was pre-filled.

    Raises template_rows.UnknownOrg when the unit is not in the approved org units.
    """
    catalogue = catalogue or default_catalogue()
    filled = prefill(snapshot, org_code, year, catalogue)
    workbook = xlsxwriter.Workbook(str(out), {"constant_memory": True})
    try:
        _Writer(workbook, catalogue, language, filled).write()
    finally:
        workbook.close()
    return filled


class _Writer:
    def __init__(
        self, workbook: Workbook, catalogue: Catalogue, language: Language, filled: Prefill
    ) -> None:
        self.book, self.catalogue, self.language, self.filled = (
            workbook,
            catalogue,
            language,
            filled,
        )
        self.styles = {name: workbook.add_format(style) for name, style in _STYLES.items()}
        self.lists: dict[str, str] = {}  # code list id -> range of its codes on the lists sheet

    def write(self) -> None:
        instructions = self.book.add_worksheet(INSTRUCTIONS_SHEET.text(self.language))
        tables = [t for t in self.catalogue.tables.values() if t.id not in NOT_SUBMITTED]
        sheets = [self.book.add_worksheet(text.sheet_name(t, self.language)) for t in tables]
        self._code_lists(self.book.add_worksheet(CODE_LISTS_SHEET.text(self.language)))
        self._instructions(instructions, tables)
        for table, sheet in zip(tables, sheets, strict=True):
            self._table(sheet, table, self.filled.rows.get(table.id, []))

    def _instructions(self, sheet: Worksheet, tables: list[TableDef]) -> None:
        language, filled = self.language, self.filled
        sheet.set_column(0, 0, INSTRUCTIONS_WIDTH, self.styles["wrap"])
        sheet.fit_to_pages(1, 0)  # printed: one page wide
        sheet.write(0, 0, text.title(filled.year, language), self.styles["title"])
        org_name, org_code = str(filled.org["name"]), str(filled.org["code"])
        lines = text.instructions(org_name, org_code, filled.year, filled.copied_from, language)
        for number, line in enumerate(lines, start=2):
            sheet.set_row(number, 15 * _lines(line, INSTRUCTIONS_WIDTH))  # no viewer autofits
            sheet.write_string(number, 0, line, self.styles["wrap"])
        row = len(lines) + 3
        sheet.write(row, 0, text.say(language, "各表：", "Tables:"), self.styles["title"])
        for offset, table in enumerate(tables, start=1):
            count = len(filled.rows.get(table.id, []))
            line = text.say(
                language,
                f"{text.sheet_name(table, language)}：{table.label.zh_hans}（{table.id}），"
                f"预填 {count} 行",
                f"{table.id}: {table.label.en}; rows pre-filled: {count}",
            )
            sheet.write_string(row + offset, 0, line, self.styles["wrap"])
        sheet.activate()

    def _code_lists(self, sheet: Worksheet) -> None:
        """One column pair (code, label) per code list; drop-downs refer to the code column."""
        sheet.hide()
        name = quote_sheetname(CODE_LISTS_SHEET.text(self.language))
        lists = list(self.catalogue.code_lists.values())
        for column, codes in enumerate(lists):
            sheet.write_string(0, 2 * column, codes.id)
            sheet.write_string(0, 2 * column + 1, codes.label.text(self.language))
        for row in range(max(len(codes.codes) for codes in lists)):
            for column, codes in enumerate(lists):
                if row < len(codes.codes):
                    code = codes.codes[row]
                    sheet.write_string(row + 1, 2 * column, code.code)
                    sheet.write_string(row + 1, 2 * column + 1, code.label.text(self.language))
        for column, codes in enumerate(lists):
            letter = xl_col_to_name(2 * column)
            self.lists[codes.id] = f"={name}!${letter}$2:${letter}${len(codes.codes) + 1}"

    def _table(self, sheet: Worksheet, table: TableDef, rows: list[Row]) -> None:
        columns = self._columns(table)
        sheet.freeze_panes(1, 0)
        sheet.set_landscape()
        sheet.repeat_rows(0)  # printed: the header on every page
        for index, (field, reference) in enumerate(columns):
            self._column(sheet, table, index, field, reference)
        sheet.set_row(0, 48)
        for number, row in enumerate(rows, start=1):
            for index, (field, reference) in enumerate(columns):
                self._cell(sheet, number, index, field, reference, row)

    def _columns(self, table: TableDef) -> list[tuple[FieldDef, str | None]]:
        """The table's fields, a name column after each school or division code it refers to."""
        columns: list[tuple[FieldDef, str | None]] = []
        for field in table.fields:
            columns.append((field, None))
            if field.reference in _NAMED:
                columns.append((field, _NAMED[field.reference]))
        return columns

    def _column(
        self, sheet: Worksheet, table: TableDef, index: int, field: FieldDef, reference: str | None
    ) -> None:
        language = self.language
        if reference is not None:
            shown = SCHOOL_NAME_COLUMN if reference == "school_code" else ORG_NAME_COLUMN
            sheet.set_column(index, index, 24, self.styles["reference"])
            sheet.write_string(0, index, shown.text(language), self.styles["header"])
            return
        header = text.header(field, language)
        style = "required" if field.required or field.id in table.key else "header"
        sheet.set_column(index, index, _width(header, field), self.styles.get(_kind(field)))
        sheet.write_string(0, index, header, self.styles[style])
        note = text.comment(table, field, self.catalogue, language)
        sheet.write_comment(0, index, note, {"x_scale": 2.2, "y_scale": 1 + note.count("\n") / 5})
        self._validation(sheet, index, field)

    def _validation(self, sheet: Worksheet, index: int, field: FieldDef) -> None:
        options = _validation(field, self.catalogue, self.lists, self.language)
        if options is not None:
            sheet.data_validation(1, index, LAST_ROW, index, options)

    def _cell(
        self,
        sheet: Worksheet,
        number: int,
        index: int,
        field: FieldDef,
        reference: str | None,
        row: Row,
    ) -> None:
        value = row.get(field.id)
        if reference is not None:
            names = (
                self.filled.school_names if reference == "school_code" else self.filled.org_names
            )
            value = names.get(str(value)) if value is not None else None
            if value is not None:
                sheet.write_string(number, index, value, self.styles["reference"])
            return
        if value is None:
            return
        if isinstance(value, datetime.date):
            sheet.write_datetime(number, index, value, self.styles["given_date"])
        elif isinstance(value, int | float | Decimal) and field.type is not FieldType.TEXT:
            sheet.write_number(number, index, float(value), self.styles["given_number"])
        else:
            sheet.write_string(number, index, str(value), self.styles["given"])


def _kind(field: FieldDef) -> str:
    if field.type in (FieldType.COUNT, FieldType.YEAR):
        return "count" if field.type is FieldType.COUNT else "year"
    if field.type in (FieldType.QUANTITY, FieldType.DATE):
        return str(field.type)
    return "text"


def _display_width(text: str) -> int:
    return sum(2 if ord(char) > 0x2E80 else 1 for char in text)


def _lines(text: str, width: int) -> int:
    return max(1, -(-_display_width(text) // (width - 4)))


def _width(header: str, field: FieldDef) -> float:
    if field.type is FieldType.TEXT and not field.pattern and field.id.endswith("name"):
        return 30.0  # names, not codes
    return max(12.0, min(28.0, _display_width(header) * 0.6 + 2))


def _validation(
    field: FieldDef, catalogue: Catalogue, lists: dict[str, str], language: Language
) -> dict[str, Any] | None:
    """Excel's data validation for the field: a drop-down of codes, or a number range."""
    title = field.label.text(language)[:32]
    message = text.say(language, "请按表头批注填写。", "See the header's comment.")
    common = {"error_title": title, "error_message": message, "error_type": "warning"}
    if field.type is FieldType.CODE and field.codes:
        codes = [code.code for code in catalogue.code_lists[field.codes].codes]
        inline = ",".join(codes)
        short = len(inline) <= _INLINE_CHARS and len(codes) <= _INLINE_CODES
        source: str | list[str] = codes if short else lists[field.codes]
        return {"validate": "list", "source": source, **common}
    if field.type is FieldType.YEAR:
        low, high = YEAR_RANGE
        return {
            "validate": "integer",
            "criteria": "between",
            "minimum": low,
            "maximum": high,
            **common,
        }
    if field.type in (FieldType.COUNT, FieldType.QUANTITY):
        kind = "integer" if field.type is FieldType.COUNT else "decimal"
        least: float = field.min if field.min is not None else 0
        if field.max is not None:
            bounds = {"criteria": "between", "minimum": least, "maximum": field.max}
        else:
            bounds = {"criteria": ">=", "value": least}
        return {"validate": kind, **bounds, **common}
    return None
