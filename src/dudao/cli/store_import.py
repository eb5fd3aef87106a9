"""`dudao import PATH`: check a dataset, then store it as new versions, drafts of its returns.

Import is the district's own round trip: check, fix, import again, as often as needed, with
nothing sent up. `dudao submit` sends the stored drafts up (上报), or does both in one step
when given a PATH: what a bureau expects from 保存 versus 上报.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from dudao import store
from dudao.cli.options import DatasetArgument, StoreOption
from dudao.cli.render import console, errors, findings_table, reading
from dudao.ingest import DatasetRejected, read_dataset

ImportUserOption = Annotated[
    str, typer.Option("--user", help="Who imports: the name the audit log records.")
]


def import_returns(
    path: DatasetArgument,
    store_url: StoreOption = None,
    org: Annotated[str | None, typer.Option(help="Submitting org unit code.")] = None,
    user: ImportUserOption = "cli",
) -> None:
    """Check, then store the dataset as new draft versions (all or nothing); nothing is sent up."""
    store.setup(store_url)
    store_dataset(path, org=org, actor=user, submit=False)


def store_dataset(
    path: Path, *, org: str | None, actor: str, submit: bool, show: bool = True
) -> store.ImportResult:
    """Read, check and store `path` (and submit its returns); exit 1 with the reasons if not."""
    from dudao.store.previous import previous_tables

    with reading(path):
        # With the store's approved data at hand, the import need not rerun the rules across years.
        dataset = read_dataset(path, known_codes=store.known_codes, previous=previous_tables)
    try:
        result = store.import_dataset(dataset, org_code=org, actor=actor, submit=submit)
    except DatasetRejected as rejected:
        errors.print(findings_table(rejected.report))
        raise typer.Exit(1) from None
    except store.StoreError as refused:
        print_refusal(refused)
        raise typer.Exit(1) from None
    if show:
        console.print(stored_table(result))
    return result


def print_refusal(refused: store.StoreError) -> None:
    errors.print(f"[red]✗[/red] {escape(refused.message_zh)}\n  {escape(refused.message_en)}")


def stored_table(result: store.ImportResult) -> Table:
    table = Table(title="已存储 Stored" + (" (同一文件, same file)" if result.reused else ""))
    for column in ("version", "org", "year", "number", "status", "rows"):
        table.add_column(column)
    for version in result.versions:
        rows = ", ".join(f"{t} {n:,}" for t, n in version.row_counts.items())
        year = "—" if version.year is None else str(version.year)
        table.add_row(
            str(version.id), version.org_code, year, str(version.number), version.status, rows
        )
    return table
