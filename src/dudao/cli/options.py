"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

JsonOption = Annotated[bool, typer.Option("--json", help="JSON Lines, one record per line.")]
StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store", help="Store URL (sqlite:///path or postgresql://…); default: embedded."
    ),
]
DatasetArgument = Annotated[
    Path,
    typer.Argument(exists=True, help="A folder or .zip of CSV files, or an .xlsx workbook."),
]
