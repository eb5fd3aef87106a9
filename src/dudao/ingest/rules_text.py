"""Names compared in one script: two schools of one division whose names fold to the same text.

Where the normalised form lives: nowhere stored. The row keeps the name exactly as written;
`dudao.ingest.text.fold` (NFKC, no spaces, OpenCC t2s, lower case) derives the compared form
whenever names are matched (headers, code aliases, and this duplicate check).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dudao.catalogue.rules import CheckRule
from dudao.ingest.findings import Finding
from dudao.ingest.rule_findings import rule_finding
from dudao.ingest.rule_frames import PART, ROW, RuleFrames
from dudao.ingest.text import fold_all
from dudao.ingest.vectors import group_ids, valid

KEY = "__key"  # org code and folded name as one text (\x1f between)
Seen = dict[str, tuple[str, str, int | None]]  # KEY -> (code, name, row) of its first school


def duplicate_name(rule: CheckRule, frames: RuleFrames) -> Iterator[Finding]:
    """A school whose folded name another school of its division already has (dataset or store).

    Only the rows of a (division, folded name) that more than one school code shares are
    walked in Python; the others cannot make a finding.
    """
    context = frames.context
    if not context.has_table(rule.table):
        return
    stored = _named(frames.stored_table(rule.table))
    dataset = _named(frames.dataset_table(rule.table))
    shared = _shared_keys(pa.concat_tables([stored, dataset]))
    seen: Seen = {}
    for record in _among(stored, shared):
        seen.setdefault(str(record[KEY]), (str(record["school_code"]), str(record["name"]), None))
    for record in _among(dataset, shared):
        first = (str(record["school_code"]), str(record["name"]), _row(record))
        code, name, row = seen.setdefault(str(record[KEY]), first)
        if code == record["school_code"]:
            continue
        other = (f"第 {row} 行“{name}”", f'"{name}", row {row}')
        if row is None:
            other = (f"库中已有的“{name}”（{code}）", f'the stored "{name}" ({code})')
        yield rule_finding(
            rule,
            context.parts[int(str(record[PART]))].place,
            row=_row(record),
            column="name",
            value=record["name"],
            names={"other": other},
        )


def _named(frame: pa.Table) -> pa.Table:
    """school_code, name, org_code, PART, ROW, and the key: org code and folded name, as text."""
    names = frame.column("name").combine_chunks()
    distinct = pc.unique(names.drop_null())
    folded = pa.array(fold_all(distinct.to_pylist()), pa.string())
    by_row = pc.take(folded, pc.index_in(names, value_set=distinct))
    key = pc.binary_join_element_wise(_as_text(frame.column("org_code")), _as_text(by_row), "\x1f")
    columns = frame.select(["school_code", "name", "org_code", PART, ROW])
    return columns.append_column(KEY, key)


def _shared_keys(named: pa.Table) -> pa.Array:
    """Keys of more than one school code, or of a missing one (which matches no code, not even
    its own row's)."""
    rows = named.num_rows
    keys = group_ids([named.column(KEY)], rows)
    codes = named.column("school_code")
    coded = valid(codes)
    pairs = np.unique(keys[coded] * rows + group_ids([codes], rows)[coded])
    distinct_codes = np.bincount(pairs // rows, minlength=rows)
    missing = np.bincount(keys[~coded], minlength=rows)
    shared = np.flatnonzero((distinct_codes > 1) | (missing > 0))
    first = np.unique(keys, return_index=True)[1]  # a row of each key, by key
    return named.column(KEY).take(pa.array(first[shared], pa.int64()))


def _among(named: pa.Table, keys: pa.Array) -> list[dict[str, object]]:
    return named.filter(pc.is_in(named.column(KEY), value_set=keys)).to_pylist()


def _as_text(column: pa.ChunkedArray | pa.Array) -> pa.Array:
    """As str() writes it: a missing value is "None" (so two missing names match)."""
    return pc.fill_null(column.cast(pa.string()), "None")


def _row(record: dict[str, object]) -> int | None:
    row = record[ROW]
    return row if isinstance(row, int) else None
