"""What commands print: findings as a Rich table, records as JSON Lines.

Light on purpose: every command imports it, so nothing here imports the compute engine or
the dataset reader (`dudao.ingest`) at start-up.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.status import Status
from rich.table import Table

if TYPE_CHECKING:
    from dudao.ingest import FindingReport

console = Console()
errors = Console(stderr=True)


def reading(path: object) -> Status:
    """A spinner on stderr while a dataset is read (stdout stays clean for --json)."""
    return errors.status(f"读取 Reading {path}…")


def json_lines(records: Iterable[Mapping[str, object]]) -> Iterator[str]:
    for record in records:
        yield json.dumps(record, ensure_ascii=False)


def print_jsonl(records: Iterable[Mapping[str, object]]) -> None:
    for line in json_lines(records):
        print(line)


def findings_table(report: FindingReport) -> Table:
    table = Table(title=f"{len(report.errors)} 错误 errors · {len(report.warnings)} 警告 warnings")
    table.add_column("")
    table.add_column("code", no_wrap=True)
    table.add_column("说明 message (file, sheet, row, column, value, expected)", overflow="fold")
    for finding in report.findings:
        mark = "[red]✗[/red]" if finding.severity == "error" else "[yellow]![/yellow]"
        table.add_row(mark, finding.code, escape(f"{finding.message_zh}\n{finding.message_en}"))
    return table
