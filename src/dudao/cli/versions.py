"""`dudao versions`: the stored versions and the state of their returns."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from dudao import store
from dudao.cli.options import JsonOption, StoreOption
from dudao.cli.render import console, print_jsonl
from dudao.cli.workflow_options import REGISTERS


def versions(
    unit: Annotated[str | None, typer.Option(help="Only this org unit's versions.")] = None,
    year: Annotated[int | None, typer.Option(help="Only this year's versions.")] = None,
    status: Annotated[
        store.Status | None,
        typer.Option(help="Only versions in this state (draft, submitted, sent_back, …)."),
    ] = None,
    store_url: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the stored versions, oldest first, each with its return's state."""
    store.setup(store_url)
    listed = store.versions(org_code=unit, year=year, status=status)
    if as_json:
        print_jsonl(version.to_json() for version in listed)
        return
    table = Table(title="版本 Versions")
    for column in ("id", "unit", "year", "no.", "status", "rows", "stored (UTC)", "approved by"):
        table.add_column(column, overflow="fold")
    for version in listed:
        rows = ", ".join(f"{t} {n:,}" for t, n in version.row_counts.items())
        approved = version.approved_by or ""
        status_text = version.status + (f"\n{version.comment}" if version.comment else "")
        table.add_row(
            str(version.id),
            version.org_code,
            REGISTERS if version.year is None else str(version.year),
            str(version.number),
            escape(status_text),
            rows,
            f"{version.created_at:%Y-%m-%d %H:%M}",
            escape(approved),
        )
    console.print(table)
