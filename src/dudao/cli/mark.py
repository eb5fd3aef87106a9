"""`dudao mark`: a person's self (自评) or review (他评) marks for items of an assessment.

Each call stores a new version of that side's marks (the items not given keep their earlier
marks) and an audit event; `dudao assess --xlsx` shows the sides side by side.
"""

from __future__ import annotations

from typing import Annotated, Literal

import typer
from rich.markup import escape

from dudao import store
from dudao.cli.assess import FrameworkOption, store_assessments
from dudao.cli.compute import parse_period
from dudao.cli.render import console, errors
from dudao.cli.workflow_options import ActingOrgOption, UserOption

Pairs = Annotated[list[str] | None, typer.Option(show_default=False)]
ANSWERS = {"yes": True, "是": True, "no": False, "否": False}


def mark(
    unit: Annotated[str, typer.Option(help="The assessed org unit.")],
    period: Annotated[str, typer.Option(help="Assessed years, A:B (one year: A:A).")],
    side: Annotated[Literal["self", "review"], typer.Option(help="self (自评) or review (他评).")],
    org: ActingOrgOption,
    user: UserOption,
    framework: FrameworkOption = "gd_leaders_basic_education",
    points: Pairs = None,
    met: Pairs = None,
    value: Pairs = None,
    note: Pairs = None,
    comment: Annotated[str, typer.Option(help="About this version of the marks.")] = "",
    store_url: Annotated[str | None, typer.Option("--store", help="Store URL.")] = None,
) -> None:
    """Give marks: --points ITEM=N, --met ITEM=yes|no (evidence), --value ITEM=X (a manual
    score such as a poll), --note ITEM=TEXT. Self marks come from the unit itself (--org =
    --unit), review marks from a unit above it."""
    span = parse_period(period)
    assert span is not None
    given = _marks(points or [], met or [], value or [], note or [])
    if not given:
        raise typer.BadParameter(
            "没有给出评分 no marks given (--points, --met, --value or --note)",
            param_hint="--points",
        )
    store.setup(store_url)
    service = store_assessments()
    try:
        service.check_marker(side, unit, org)
        number = service.record_marks(framework, unit, span, side, given, user, comment)
    except store.StoreError as refused:
        errors.print(f"[red]✗[/red] {escape(refused.message_zh)}\n  {escape(refused.message_en)}")
        raise typer.Exit(1) from None
    console.print(f"已存储 stored {framework} {unit} {span[0]}–{span[1]} {side} v{number}")


def _marks(
    points: list[str], met: list[str], value: list[str], note: list[str]
) -> dict[str, object]:
    """Item id -> MarkInput, from ITEM=… pairs of each option."""
    from dudao.store.assessments.results import MarkInput

    fields: dict[str, dict[str, object]] = {}
    for option, pairs in (("points", points), ("met", met), ("value", value), ("note", note)):
        for pair in pairs:
            item, _, text = pair.partition("=")
            fields.setdefault(item.strip(), {})[option] = _parse(option, item, text.strip())
    return {item: MarkInput(**given) for item, given in fields.items()}  # type: ignore[arg-type]


def _parse(option: str, item: str, text: str) -> object:
    hint = f"--{option}"
    if not item or not text:
        raise typer.BadParameter(f"应为 ITEM=… expected ITEM=…, got {item}={text}", param_hint=hint)
    if option == "note":
        return text
    if option == "met":
        if text.lower() not in ANSWERS:
            raise typer.BadParameter(
                f"{item}：应为 yes/no（是/否） expected yes or no, got {text!r}", param_hint=hint
            )
        return ANSWERS[text.lower()]
    try:
        return float(text)
    except ValueError:
        raise typer.BadParameter(
            f"{item}：应为数值 expected a number, got {text!r}", param_hint=hint
        ) from None
