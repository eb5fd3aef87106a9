"""One chunk of rows -> one record batch: cells parsed a column at a time, bad rows left out."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import zip_longest

import pyarrow as pa
import pyarrow.compute as pc

from dudao.catalogue import FieldDef, Severity, TableDef, arrow_schema
from dudao.catalogue.arrow import ARROW_TYPES
from dudao.ingest.findings import Finding
from dudao.ingest.headers import Column, default_value
from dudao.ingest.row_checks import check_rows
from dudao.ingest.sheets import Place, Row
from dudao.ingest.text import REPLACEMENT
from dudao.ingest.vectors import Parsed, Problem, indices, null_where, truth

BATCH_ROWS = 65_536  # rows held as Python objects before they become Arrow arrays
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
    rows: list[Row],
    numbers: list[int],
    findings: list[Finding],
) -> tuple[pa.RecordBatch, list[int]]:
    """The batch of rows without errors, and their row numbers; findings appended."""
    cells = list(zip_longest(*rows))
    bad: set[int] = set()  # indices of rows with an error
    arrays: dict[str, pa.Array] = {}
    for column in columns:
        raw = cells[column.index] if column.index < len(cells) else (None,) * len(rows)
        text = _stripped(pa.array(raw, pa.string()))
        parsed = _parse(column, text)
        arrays[column.field.id] = parsed.values
        for index, problem in parsed.problems:
            findings.append(_finding(place, column, numbers[index], text[index].as_py(), problem))
            if not problem.warning:
                bad.add(index)
    schema = arrow_schema(table)
    for field in table.fields:
        if field.id not in arrays:
            arrays[field.id] = _absent(field, len(rows), place)
    batch = pa.RecordBatch.from_arrays([arrays[f.name].cast(f.type) for f in schema], schema=schema)
    bad |= check_rows(table, place, batch, numbers, findings)
    if not bad:
        return batch, numbers
    keep = [index not in bad for index in range(len(rows))]
    return batch.filter(pa.array(keep)), [n for n, k in zip(numbers, keep, strict=True) if k]


def _stripped(raw: pa.Array) -> pa.Array:
    text = pc.utf8_trim_whitespace(raw)
    return null_where(pc.equal(text, ""), text)


def _parse(column: Column, text: pa.Array) -> Parsed:
    """Replacement characters and required cells first, then the field's own parser."""
    problems: list[tuple[int, Problem]] = []
    if column.missing is not None:
        problems += [(index, column.missing) for index in indices(pc.is_null(text))]
    replaced = truth(pc.match_substring(text, REPLACEMENT))
    if pc.any(replaced).as_py():
        problems += [(index, REPLACED) for index in indices(replaced)]
        text = null_where(replaced, text)
    parsed = column.parse(text)
    parsed.problems = problems + parsed.problems
    if column.default is not None:
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
