"""`dudao check PATH`: read a dataset and report every finding."""

from __future__ import annotations

import typer

from dudao.cli.options import DatasetArgument, JsonOption
from dudao.cli.render import console, findings_table, print_jsonl, reading
from dudao.ingest import read_dataset


def check(path: DatasetArgument, as_json: JsonOption = False) -> None:
    """Check a dataset against the exchange format; exit 1 when any error is found."""
    with reading(path):
        report = read_dataset(path).report
    if as_json:
        print_jsonl(finding.to_json() for finding in report.findings)
    elif report.findings:
        console.print(findings_table(report))
    else:
        console.print("[green]✓ 未发现问题 No findings[/green]")
    raise typer.Exit(1 if report.has_errors else 0)
