"""What a cell, column or table should hold, said in Chinese and English for findings."""

from __future__ import annotations

from dudao.catalogue import Catalogue, CodeList, FieldDef, FieldType, TableDef
from dudao.ingest.findings import Expected

YEAR_RANGE = (1900, 2100)
_LISTED_LABELS = 12  # longer code lists show their codes only

_BY_TYPE: dict[FieldType, Expected] = {
    FieldType.TEXT: ("文本", "text"),
    FieldType.COUNT: ("非负整数", "a non-negative integer"),
    FieldType.QUANTITY: ("非负数", "a non-negative number"),
    FieldType.DATE: (
        "ISO日期（如2009-10-31）或Excel日期",
        "an ISO date (e.g. 2009-10-31) or an Excel date",
    ),
    FieldType.BOOLEAN: ("true/false、1/0 或 是/否", "true/false, 1/0 or 是/否"),
}


def for_field(field: FieldDef, catalogue: Catalogue) -> Expected:
    """What a cell of this field should hold: pattern text, code list, range or type."""
    if field.expected is not None:
        return field.expected.zh_hans, field.expected.en
    if field.type is FieldType.CODE and field.codes:
        return for_code_list(catalogue.code_lists[field.codes])
    if field.type is FieldType.YEAR:
        low, high = _text(_low(field, YEAR_RANGE[0])), _text(_high(field, YEAR_RANGE[1]))
        return f"{low}至{high}之间的四位年份", f"a 4-digit year from {low} to {high}"
    if field.type in (FieldType.COUNT, FieldType.QUANTITY) and (field.min or field.max):
        return _range(field)
    return _BY_TYPE[field.type]


def _low(field: FieldDef, default: float) -> float:
    return default if field.min is None else field.min


def _high(field: FieldDef, default: float | None) -> float | None:
    return default if field.max is None else field.max


def _text(number: float | None) -> str:
    return str(int(number)) if number is not None and float(number).is_integer() else str(number)


def _range(field: FieldDef) -> Expected:
    zh_noun, en_noun = (
        ("整数", "an integer") if field.type is FieldType.COUNT else ("数", "a number")
    )
    low, high = _text(_low(field, 0)), _high(field, None)
    if high is None:
        return f"不小于{low}的{zh_noun}", f"{en_noun} of at least {low}"
    return f"{low}至{_text(high)}之间的{zh_noun}", f"{en_noun} from {low} to {_text(high)}"


def for_code_list(codes: CodeList) -> Expected:
    """The list's codes (with labels when the list is short)."""
    if len(codes.codes) > _LISTED_LABELS:
        zh_items = en_items = [code.code for code in codes.codes]
    else:
        zh_items = [f"{code.code}（{code.label.zh_hans}）" for code in codes.codes]
        en_items = [f"{code.code} ({code.label.en})" for code in codes.codes]
    return (
        f"“{codes.label.zh_hans}”代码之一：{'、'.join(zh_items)}",
        f"one of the {codes.label.en} codes: {', '.join(en_items)}",
    )


def for_required(field: FieldDef, catalogue: Catalogue) -> Expected:
    zh, en = for_field(field, catalogue)
    return f"必填：{zh}", f"a value (required): {en}"


def for_header(table: TableDef) -> Expected:
    """The fields a table's header may name."""
    return (
        f"“{table.label.zh_hans}”的字段：" + "、".join(f.label.zh_hans for f in table.fields),
        f"a field of {table.id}: " + ", ".join(f.id for f in table.fields),
    )


def for_table_name(catalogue: Catalogue) -> Expected:
    """The tables a sheet or CSV file may be named after."""
    tables = catalogue.tables.values()
    return (
        "交换格式的表名或中文表名：" + "、".join(f"{t.id}（{t.label.zh_hans}）" for t in tables),
        "a table id of the exchange format or its Chinese name: " + ", ".join(t.id for t in tables),
    )
