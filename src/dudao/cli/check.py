"""`dudao check PATH`: read a dataset and report every finding; optionally an annotated copy."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from dudao.cli.options import AuditUserOption, DatasetArgument, JsonOption, StoreOption, audit_user
from dudao.cli.render import console, errors, findings_table, print_jsonl, reading
from dudao.ingest import Dataset, read_dataset

AnnotateOption = Annotated[
    Path | None,
    typer.Option(
        "--annotate",
        help="Write an .xlsx copy with each finding on its cell (coloured, commented) "
        "and a sheet of all findings.",
    ),
]


def check(
    path: DatasetArgument,
    as_json: JsonOption = False,
    annotated: AnnotateOption = None,
    store_url: StoreOption = None,
    user: AuditUserOption = None,
) -> None:
    """Check a dataset against the exchange format; exit 1 when any error is found.

    With --store, references also resolve in the store and the rules across years compare
    with its approved data; the check is then an audit event of the store's.
    """
    with reading(path):
        report = _read(path, store_url, user).report
    if annotated is not None:
        from dudao.ingest.annotate import SameFile, annotate  # openpyxl: only to annotate

        try:
            annotate(path, report, annotated)
        except SameFile:
            errors.print(
                f"[red]✗[/red] --annotate 不能覆盖被检查的文件 {escape(str(path))}\n"
                "  --annotate must not overwrite the file being checked"
            )
            raise typer.Exit(2) from None
        errors.print(f"标注副本 Annotated copy: {escape(str(annotated))}")
    if as_json:
        print_jsonl(finding.to_json() for finding in report.findings)
    elif report.findings:
        console.print(findings_table(report))
    else:
        console.print("[green]✓ 未发现问题 No findings[/green]")
    raise typer.Exit(1 if report.has_errors else 0)


def _read(path: Path, store_url: str | None, user: str | None) -> Dataset:
    if store_url is None:
        return read_dataset(path)
    from dudao import store  # Django: only when the check reads the store
    from dudao.store.previous import previous_tables

    store.setup(store_url)
    dataset = read_dataset(path, known_codes=store.known_codes, previous=previous_tables)
    store.record_check(audit_user(user), dataset)
    return dataset
