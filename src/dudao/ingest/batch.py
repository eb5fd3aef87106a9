"""One chunk of rows -> one record batch: cells parsed a column at a time, bad rows left out."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dudao.catalogue import FieldDef, Severity, TableDef, arrow_schema
from dudao.catalogue.arrow import ARROW_TYPES
from dudao.ingest.findings import Finding
from dudao.ingest.headers import Column, default_value
from dudao.ingest.row_checks import check_rows
from dudao.ingest.sheets import Place
from dudao.ingest.text import REPLACEMENT
from dudao.ingest.text_blocks import Block
from dudao.ingest.vectors import (
    Parsed,
    Problem,
    byte_lengths,
    has_bytes,
    indices,
    may_contain,
    null_where,
    truth,
)

# The UTF-8 bytes that begin a character Arrow trims as whitespace (ASCII spaces and controls,
# U+0085, U+00A0, U+1680, U+2000-U+205F, U+3000; every code point tried in test_cells).
SPACE_BYTES = np.isin(
    np.arange(256), [*range(0x09, 0x0E), *range(0x1C, 0x21), 0xC2, 0xE1, 0xE2, 0xE3]
)
BATCH_ROWS = 65_536  # rows checked together: a chunk of this many non-blank rows is one batch
REPLACED = Problem(
    "encoding",
    (
        "不含替换字符�的文本（原文件编码有误）",
        "text without replacement characters (�): the file's encoding was wrong",
    ),
)


def read_batch(
    table: TableDef,
    place: Place,
    columns: Sequence[Column],
    rows: Block,
    numbers: list[int],
    findings: list[Finding],
) -> tuple[pa.RecordBatch, list[int]]:
    """The batch of rows without errors, and their row numbers; findings appended."""
    arrays, bad = _parse_columns(columns, rows, place, numbers, findings)
    batch = _assemble(table, arrays, rows.rows, place)
    bad |= check_rows(table, place, batch, numbers, findings)
    if not bad:
        return batch, numbers
    keep = [index not in bad for index in range(rows.rows)]
    return batch.filter(pa.array(keep)), [n for n, k in zip(numbers, keep, strict=True) if k]


def _parse_columns(
    columns: Sequence[Column],
    rows: Block,
    place: Place,
    numbers: list[int],
    findings: list[Finding],
) -> tuple[dict[str, pa.Array], set[int]]:
    """Each header column parsed; findings appended; the indices of rows with an error."""
    bad: set[int] = set()
    arrays: dict[str, pa.Array] = {}
    for column in columns:
        text = _stripped(rows.columns[column.index])
        parsed = _parse(column, text)
        arrays[column.field.id] = parsed.values
        for index, problem in parsed.problems:
            findings.append(_finding(place, column, numbers[index], text[index].as_py(), problem))
            if not problem.warning:
                bad.add(index)
    return arrays, bad


def _assemble(
    table: TableDef, arrays: dict[str, pa.Array], count: int, place: Place
) -> pa.RecordBatch:
    """Every field of the schema, in order; fields the header lacks are null or their default."""
    schema = arrow_schema(table)
    full = [
        (arrays[field.id] if field.id in arrays else _absent(field, count, place)).cast(type_)
        for field, type_ in zip(table.fields, schema.types, strict=True)
    ]
    return pa.RecordBatch.from_arrays(full, schema=schema)


def _stripped(raw: pa.Array) -> pa.Array:
    """Trimmed, empty cells null. A column without a byte that may begin whitespace (a column
    of numbers) is not trimmed; one without an empty cell needs no nulls."""
    text = pc.utf8_trim_whitespace(raw) if has_bytes(raw, SPACE_BYTES) else raw
    if text.null_count == 0 and byte_lengths(text).all():
        return text
    return null_where(pc.equal(text, ""), text)


def _parse(column: Column, text: pa.Array) -> Parsed:
    """Replacement characters and required cells first, then the field's own parser.

    A check whose answer the column already gives (no nulls, no replacement character's
    bytes) is not asked of every cell: a compute call costs ~20 µs, a return has ~120 columns.
    """
    problems: list[tuple[int, Problem]] = []
    if column.missing is not None and text.null_count:
        problems += [(index, column.missing) for index in indices(pc.is_null(text))]
    if may_contain(text, REPLACEMENT.encode()):
        replaced = truth(pc.match_substring(text, REPLACEMENT))
        if pc.any(replaced).as_py():
            problems += [(index, REPLACED) for index in indices(replaced)]
            text = null_where(replaced, text)
    parsed = column.parse(text)
    parsed.problems = problems + parsed.problems
    if column.default is not None and parsed.values.null_count:
        parsed.values = pc.fill_null(parsed.values, column.default)
    return parsed


def _finding(
    place: Place, column: Column, row: int, value: str | None, problem: Problem
) -> Finding:
    return place.finding(
        problem.code,
        row=row,
        column=column.field.id,
        column_label=column.field.label,
        value=value,
        expected=problem.expected,
        severity=Severity.WARNING if problem.warning else None,
    )


def _absent(field: FieldDef, count: int, place: Place) -> pa.Array:
    """A field the header does not name: all null, or all its default."""
    default = default_value(field, place.catalogue)
    if default is None:
        return pa.nulls(count, ARROW_TYPES[field.type])
    return pa.array([default] * count, ARROW_TYPES[field.type])
