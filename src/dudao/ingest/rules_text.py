"""Names compared in one script: two schools of one division whose names fold to the same text.

Where the normalised form lives: nowhere stored. The row keeps the name exactly as written;
`dudao.ingest.text.fold` (NFKC, no spaces, OpenCC t2s, lower case) derives the compared form
whenever names are matched (headers, code aliases, and this duplicate check).
"""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa

from dudao.catalogue.rules import CheckRule
from dudao.ingest.findings import Finding
from dudao.ingest.rule_findings import rule_finding
from dudao.ingest.rule_frames import PART, ROW, RuleFrames
from dudao.ingest.text import fold
from dudao.ingest.vectors import map_values

Seen = dict[tuple[str, str], tuple[str, str, int | None]]  # (org, folded) -> (code, name, row)


def duplicate_name(rule: CheckRule, frames: RuleFrames) -> Iterator[Finding]:
    """A school whose folded name another school of its division already has (dataset or store)."""
    context = frames.context
    if not context.has_table(rule.table):
        return
    seen: Seen = {}
    for record in _named(frames.frame(frames.stored(rule.table))):
        seen.setdefault(_key(record), (str(record["school_code"]), str(record["name"]), None))
    for record in _named(frames.frame(frames.dataset(rule.table))):
        first = (str(record["school_code"]), str(record["name"]), _row(record))
        code, name, row = seen.setdefault(_key(record), first)
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


def _named(frame: pa.Table) -> list[dict[str, object]]:
    names = frame.column("name").combine_chunks()
    folded = map_values(names, fold, pa.string())
    columns = frame.select(["school_code", "name", "org_code", PART, ROW])
    return columns.append_column("folded", folded).to_pylist()


def _key(record: dict[str, object]) -> tuple[str, str]:
    return str(record["org_code"]), str(record["folded"])


def _row(record: dict[str, object]) -> int | None:
    row = record[ROW]
    return row if isinstance(row, int) else None
