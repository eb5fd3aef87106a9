"""Options shared by several commands."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated

import typer


def usable_store(url: str | None) -> str | None:
    """A --store URL the store cannot use is refused before the command runs, with its
    message, not a traceback. Without --store nothing is loaded here: `dudao check FILE`
    never touches the store."""
    if url is None:
        return None
    from dudao.store import StoreUrlError, database_config

    try:
        database_config(url)
    except StoreUrlError as refused:
        raise typer.BadParameter(f"{refused.message_zh}\n{refused.message_en}") from None
    return url


JsonOption = Annotated[bool, typer.Option("--json", help="JSON Lines, one record per line.")]
StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        help="Store URL (sqlite:///path or postgresql://…); default: embedded.",
        callback=usable_store,
    ),
]
AuditUserOption = Annotated[
    str | None,
    typer.Option(
        "--user",
        help="Who takes the data out of the store: the audit log records it "
        "(default: your login name).",
    ),
]
DatasetArgument = Annotated[
    Path,
    typer.Argument(exists=True, help="A folder or .zip of CSV files, or an .xlsx workbook."),
]


def audit_user(user: str | None) -> str:
    """The name a store read (an export, a check) is recorded under: --user, else the login name."""
    return user or getpass.getuser()
