"""What commands print: findings and results as Rich tables or JSON Lines."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping

from rich.console import Console
from rich.markup import escape
from rich.status import Status
from rich.table import Table

from dudao.catalogue import default_catalogue
from dudao.compute import IndicatorResult
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


def results_table(results: Iterable[IndicatorResult], unit_names: Mapping[str, str]) -> Table:
    indicators = default_catalogue().indicators
    table = Table(title="指标 Indicators")
    for column in (
        "indicator",
        "unit",
        "scope",
        "year",
        "value",
        "numerator",
        "denominator",
        "notes",
    ):
        table.add_column(column, justify="right" if column in ("value", "year") else "left")
    for result in results:
        label = indicators[result.indicator].label
        table.add_row(
            f"{label.zh_hans}\n{result.indicator}",
            f"{unit_names.get(result.unit_code, '')} {result.unit_code}",
            result.scope or "",
            _when(result),
            result.display or "—",
            _number(result.numerator),
            _number(result.denominator),
            ", ".join(result.notes + _missing(result)),
        )
    return table


def _when(result: IndicatorResult) -> str:
    if result.period:
        return f"{result.period[0]}–{result.period[1]}"
    if result.as_of:
        return result.as_of.isoformat()
    return str(result.year)


def _missing(result: IndicatorResult) -> tuple[str, ...]:
    missing = (result.evidence or {}).get("missing")
    return (f"missing: {', '.join(map(str, missing))}",) if isinstance(missing, list) else ()


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
