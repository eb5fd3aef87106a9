"""`dudao audit`: list the audit log and verify its hash chain."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from dudao import store
from dudao.cli.options import StoreOption
from dudao.cli.render import console, errors

audit = typer.Typer(help="审计日志 The audit log.", no_args_is_help=True, add_completion=False)


@audit.command("verify")
def verify(store_url: StoreOption = None) -> None:
    """Recompute the hash chain; exit 1 and name the first broken event if it does not hold."""
    store.setup(store_url)
    check = store.verify_chain()
    if check.intact:
        console.print(f"[green]✓[/green] 审计链完整 The audit chain holds ({check.events} events)")
        return
    errors.print(
        f"[red]✗[/red] 审计链在第 {check.broken_at} 号事件处断裂：该事件或其前一事件被修改或删除\n"
        f"  The audit chain breaks at event {check.broken_at}: it or the event before it "
        "was changed or removed"
    )
    raise typer.Exit(1)


@audit.command("list")
def list_events(
    store_url: StoreOption = None,
    last: Annotated[int, typer.Option(help="How many of the latest events.")] = 50,
) -> None:
    """The latest audit events, oldest first."""
    store.setup(store_url)
    from dudao.store.models import AuditEvent

    events = list(AuditEvent.objects.order_by("-id")[:last])[::-1]
    table = Table(title="审计日志 Audit log")
    for column in ("id", "time (UTC)", "actor", "role@unit", "action", "object", "result"):
        table.add_column(column)
    for event in events:
        obj = f"{event.object_type} {event.object_id[:16]}"
        table.add_row(
            str(event.pk),
            f"{event.at:%Y-%m-%d %H:%M:%S}",
            event.actor,
            event.role,
            event.action,
            obj,
            event.result,
        )
    console.print(table)
