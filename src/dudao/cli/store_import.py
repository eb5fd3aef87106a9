"""`dudao import PATH`: check a dataset, then store it as new submission versions."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from dudao import store
from dudao.cli.options import DatasetArgument, StoreOption
from dudao.cli.render import console, errors, findings_table, reading
from dudao.ingest import DatasetRejected, read_dataset


def import_returns(
    path: DatasetArgument,
    store_url: StoreOption = None,
    org: Annotated[str | None, typer.Option(help="Submitting org unit code.")] = None,
) -> None:
    """Check, then store the dataset as new versions (all or nothing)."""
    store.setup(store_url)
    with reading(path):
        dataset = read_dataset(path, known_codes=store.known_codes)
    try:
        result = store.import_dataset(dataset, org_code=org)
    except DatasetRejected as rejected:
        errors.print(findings_table(rejected.report))
        raise typer.Exit(1) from None
    except store.StoreError as refused:
        errors.print(f"[red]✗[/red] {escape(refused.message_zh)}\n  {escape(refused.message_en)}")
        raise typer.Exit(1) from None
    table = Table(title="已存储 Stored" + (" (同一文件, same file)" if result.reused else ""))
    for column in ("version", "org", "year", "number", "rows"):
        table.add_column(column)
    for version in result.versions:
        rows = ", ".join(f"{t} {n:,}" for t, n in version.row_counts.items())
        table.add_row(
            str(version.id), version.org_code, str(version.year or "—"), str(version.number), rows
        )
    console.print(table)
