"""`dudao history UNIT --year Y`: a return's versions and workflow actions, oldest first."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from dudao import store
from dudao.cli.options import JsonOption, StoreOption
from dudao.cli.render import console, errors, print_jsonl
from dudao.cli.workflow_options import parse_years
from dudao.store.transitions import ACTION_NAMES, STATUS_NAMES

STORED_NAME = ("存储新版本", "stored")


def history(
    unit: Annotated[str, typer.Argument(help="The submitting unit's code (区划代码).")],
    year: Annotated[
        str, typer.Option("--year", help="The return's year, or 'registers' for its registers.")
    ],
    store_url: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one return's history (报表历史): each version stored and each submit, approval,
    send-back (with its comment), un-approval and verification, with the state it left."""
    store.setup(store_url)
    (parsed,) = parse_years([year]) or [None]
    key = store.ReturnKey(unit, parsed)
    entries = store.history(key)
    if not entries:
        errors.print(
            f"[red]✗[/red] {escape(key.label())} 没有已存储的报表\n"
            f"  nothing is stored for the return {escape(key.label())}"
        )
        raise typer.Exit(1)
    if as_json:
        print_jsonl(entry.to_json() for entry in entries)
        return
    table = Table(title=f"报表历史 Return history: {escape(key.label())}")
    for column in ("time (UTC)", "action", "version", "by", "state after", "comment / file"):
        table.add_column(column, overflow="fold")
    for entry in entries:
        zh, en = STORED_NAME if entry.action == "store" else ACTION_NAMES[entry.action]
        note = entry.comment or (
            f"{entry.source}\nSHA-256 {entry.sha256[:12]}…" if entry.sha256 else ""
        )
        table.add_row(
            f"{entry.at:%Y-%m-%d %H:%M:%S}",
            f"{zh} {en}",
            str(entry.number),
            escape(f"{entry.actor} ({entry.acting_org})"),
            STATUS_NAMES[entry.status],
            escape(note),
        )
    console.print(table)
