"""`dudao template`: an xlsx return for one unit and year, pre-filled from approved data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from dudao import store
from dudao.catalogue import Language
from dudao.cli.options import AuditUserOption, StoreOption, audit_user
from dudao.cli.render import console, errors
from dudao.ingest.template import write_template
from dudao.ingest.template_rows import READS, UnknownOrg


def template(
    org: Annotated[str, typer.Option(help="The submitting org unit's code.")],
    year: Annotated[int, typer.Option(help="The year of the return (school year 2009 = 2009/10).")],
    out: Annotated[Path, typer.Option(help="The .xlsx file to write.")],
    lang: Annotated[Language, typer.Option(help="zh-Hans, zh-Hant or en.")] = "zh-Hans",
    store_url: StoreOption = None,
    user: AuditUserOption = None,
) -> None:
    """Write a template: one sheet per table, the unit's schools and keys pre-filled."""
    store.setup(store_url)
    snapshot = store.export("template", actor=audit_user(user), tables=READS)
    try:
        filled = write_template(out, snapshot, org, year, lang)
    except UnknownOrg:
        errors.print(
            f"[red]✗[/red] 已审核的行政区划中没有 {escape(org)}\n"
            f"  {escape(org)} is not among the approved org units"
        )
        raise typer.Exit(2) from None
    rows = sum(len(rows) for rows in filled.rows.values())
    console.print(
        f"模板 Template: {out}（{filled.org['name']} {org}, {year}, {lang}; "
        f"预填 {rows} 行 rows pre-filled）"
    )
