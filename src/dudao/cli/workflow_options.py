"""Options of the commands that act on returns: the acting unit, the actor, the years."""

from __future__ import annotations

from typing import Annotated

import typer

ActingOrgOption = Annotated[
    str, typer.Option("--org", help="The acting org unit's code (区划代码), e.g. 440100.")
]
UserOption = Annotated[
    str, typer.Option("--user", help="Who acts: the name the audit log records.")
]
YearsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--year",
        help="A year of the returns, or 'registers' for the registers' return; repeatable. "
        "Default: every return the action applies to.",
    ),
]
CommentOption = Annotated[str, typer.Option("--comment", help="Why; the unit sees it (意见).")]
UnitsArgument = Annotated[
    list[str], typer.Argument(help="The org units whose returns are acted on.", show_default=False)
]
REGISTERS = "registers"


def parse_years(texts: list[str] | None) -> list[int | None] | None:
    """None: no --year given; else the years, None standing for the registers' return."""
    if not texts:
        return None
    years: list[int | None] = []
    for text in texts:
        if text.strip().lower() in (REGISTERS, "名录"):
            years.append(None)
        elif text.strip().isdigit():
            years.append(int(text))
        else:
            raise typer.BadParameter(
                f"年份应为四位数字或 registers / a year is 4 digits or 'registers': {text!r}",
                param_hint="--year",
            )
    return years
