"""Cell parsers by field type, a column at a time: text in, typed Arrow values and problems out."""

from __future__ import annotations

import re
from collections.abc import Callable

import pyarrow as pa
import pyarrow.compute as pc

from dudao.catalogue import Catalogue, FieldDef, FieldType
from dudao.ingest import expected
from dudao.ingest.dates import parse_date
from dudao.ingest.findings import Expected
from dudao.ingest.formulas import FORMULA_TEXT_EXPECTED
from dudao.ingest.numbers import integer_parser, quantity_parser
from dudao.ingest.text import LEAD_AS_LATIN1, LEAD_AS_LATIN1_BYTES, fold, looks_like_mojibake
from dudao.ingest.vectors import (
    ColumnParser,
    Parsed,
    Problem,
    map_values,
    matches,
    may_contain,
    null_where,
    truth,
)

_BOOLEANS = {"true": True, "false": False, "1": True, "0": False, "是": True, "否": False}
MOJIBAKE: Expected = (
    "以UTF-8或GB18030保存的中文文本（疑为按Latin-1误读的UTF-8或GBK）",
    "Chinese text saved as UTF-8 or GB18030 (this looks like UTF-8 or GBK read as Latin-1)",
)
FORMULA_TEXT = "^="  # what a spreadsheet program opening the CSV would run


def text_parser(field: FieldDef, catalogue: Catalogue) -> ColumnParser:
    pattern = re.compile(field.pattern, re.ASCII) if field.pattern else None  # \d is 0-9 only
    wrong = Problem("wrong_type", expected.for_field(field, catalogue))
    garbled = Problem("mojibake", MOJIBAKE, warning=True)
    formula = Problem("formula", FORMULA_TEXT_EXPECTED, warning=True)

    def parse(text: pa.Array) -> Parsed:
        parsed = Parsed(text)
        if pattern is not None:
            bad = pc.invert(map_values(text, lambda value: bool(pattern.search(value)), pa.bool_()))
            parsed.values = null_where(bad, text)
            parsed.flag(bad, wrong)
        if may_contain(text, b"="):
            parsed.flag(matches(text, FORMULA_TEXT), formula)  # kept as written, never run
        if may_contain(text, *LEAD_AS_LATIN1_BYTES):
            _flag_mojibake(text, parsed, garbled)
        return parsed

    return parse


def _flag_mojibake(text: pa.Array, parsed: Parsed, garbled: Problem) -> None:
    """Only cells with a lead byte seen as Latin-1 are looked at in Python."""
    suspect = truth(matches(text, LEAD_AS_LATIN1))
    if pc.any(suspect).as_py():
        parsed.flag(
            map_values(null_where(pc.invert(suspect), text), looks_like_mojibake, pa.bool_()),
            garbled,
        )


def code_parser(field: FieldDef, catalogue: Catalogue) -> ColumnParser:
    codes = catalogue.code_lists[field.codes or ""]
    exact = {name: code.code for code in codes.codes for name in (code.code, *code.aliases)}
    folded = {fold(name): code for name, code in exact.items()}
    unknown = Problem("unknown_code", expected.for_code_list(codes), warning=codes.open)

    def parse(text: pa.Array) -> Parsed:
        values = map_values(
            text, lambda value: exact.get(value) or folded.get(fold(value)), pa.string()
        )
        missing = pc.and_(pc.is_valid(text), pc.is_null(values))
        parsed = Parsed(pc.if_else(missing, text, values) if codes.open else values)
        parsed.flag(missing, unknown)
        return parsed

    return parse


def boolean_parser(field: FieldDef, catalogue: Catalogue) -> ColumnParser:
    return _mapped(field, catalogue, lambda value: _BOOLEANS.get(value.lower()), pa.bool_())


def date_parser(field: FieldDef, catalogue: Catalogue) -> ColumnParser:
    return _mapped(field, catalogue, parse_date, pa.date32())


def _mapped(
    field: FieldDef, catalogue: Catalogue, function: Callable[[str], object], type_: pa.DataType
) -> ColumnParser:
    wrong = Problem("wrong_type", expected.for_field(field, catalogue))

    def parse(text: pa.Array) -> Parsed:
        values = map_values(text, function, type_)
        parsed = Parsed(values)
        parsed.flag(pc.and_(pc.is_valid(text), pc.is_null(values)), wrong)
        return parsed

    return parse


PARSERS: dict[FieldType, Callable[[FieldDef, Catalogue], ColumnParser]] = {
    FieldType.TEXT: text_parser,
    FieldType.CODE: code_parser,
    FieldType.COUNT: integer_parser,
    FieldType.QUANTITY: quantity_parser,
    FieldType.YEAR: integer_parser,
    FieldType.DATE: date_parser,
    FieldType.BOOLEAN: boolean_parser,
}


def column_parser(field: FieldDef, catalogue: Catalogue) -> ColumnParser:
    """The parser of one field, with its expectations bound."""
    return PARSERS[field.type](field, catalogue)


def parser_for(field: FieldDef, catalogue: Catalogue) -> Callable[[str], object]:
    """One cell at a time (for defaults and tests): the value, or the Problem."""
    parse = column_parser(field, catalogue)

    def parse_one(text: str) -> object:
        parsed = parse(pa.array([text], pa.string()))
        errors = [problem for _, problem in parsed.problems if not problem.warning]
        return errors[0] if errors else parsed.values[0].as_py()

    return parse_one
