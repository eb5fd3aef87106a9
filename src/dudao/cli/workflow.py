"""`dudao submit | approve | send-back | unapprove | verify`: the approval workflow on returns.

Each command names the acting unit (`--org`) and the actor (`--user`); the store decides
whether that unit may act (`dudao.store.workflow.authority`) and records every action, allowed
or refused, in the audit log. Commands are thin: selection here, rules in the store.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from dudao import store
from dudao.cli.options import JsonOption, StoreOption
from dudao.cli.render import console, errors, print_jsonl
from dudao.cli.workflow_options import (
    ActingOrgOption,
    CommentOption,
    UnitsArgument,
    UserOption,
    YearsOption,
    parse_years,
)
from dudao.store.transitions import ACTION_NAMES, FROM_STATES


def submit(
    org: ActingOrgOption,
    user: UserOption,
    path: Annotated[
        Path | None,
        typer.Argument(exists=True, help="A dataset to check, store and submit in one step."),
    ] = None,
    year: YearsOption = None,
    store_url: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Send the unit's returns up (上报): its stored drafts (all, or those of --year), or the
    dataset PATH checked, stored and submitted in one step."""
    store.setup(store_url)
    if path is not None:
        from dudao.cli.store_import import store_dataset  # the dataset reader: only with PATH

        result = store_dataset(path, org=org, actor=user, submit=True, show=not as_json)
        if as_json:
            print_jsonl(version.to_json() for version in result.versions)
        return
    keys = _chosen("submit", [org], parse_years(year))
    _run("submit", keys, as_json, acting_org=org, actor=user)


def approve(
    units: UnitsArgument,
    org: ActingOrgOption,
    user: UserOption,
    year: YearsOption = None,
    store_url: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Approve (审核通过) submitted returns; the level above them acts, lowest units first."""
    store.setup(store_url)
    keys = _chosen("approve", units, parse_years(year))
    _run("approve", keys, as_json, acting_org=org, actor=user)


def send_back(
    units: UnitsArgument,
    org: ActingOrgOption,
    user: UserOption,
    comment: CommentOption,
    year: YearsOption = None,
    store_url: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Send submitted returns back (退回) to their unit with a comment, for a new version."""
    store.setup(store_url)
    keys = _chosen("send_back", units, parse_years(year))
    _run("send_back", keys, as_json, acting_org=org, actor=user, comment=comment)


def unapprove(
    units: UnitsArgument,
    org: ActingOrgOption,
    user: UserOption,
    year: YearsOption = None,
    comment: Annotated[str, typer.Option("--comment", help="Why (意见).")] = "",
    store_url: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Withdraw approvals (撤销审核): the approving level or one above it acts."""
    store.setup(store_url)
    keys = _chosen("unapprove", units, parse_years(year))
    _run("unapprove", keys, as_json, acting_org=org, actor=user, comment=comment)


def verify(
    units: UnitsArgument,
    org: ActingOrgOption,
    user: UserOption,
    year: YearsOption = None,
    store_url: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Verify (核验) approved returns: the level above the approver (the province) acts."""
    store.setup(store_url)
    keys = _chosen("verify", units, parse_years(year))
    _run("verify", keys, as_json, acting_org=org, actor=user)


def _chosen(action: str, units: list[str], years: list[int | None] | None) -> list[store.ReturnKey]:
    """The named returns, or (no --year) every return of the units the action applies to."""
    if years is not None:
        return [store.ReturnKey(unit, year) for unit in units for year in years]
    keys = [
        state.key
        for unit in units
        for state in store.returns(org_code=unit)
        if state.status in FROM_STATES[action]
    ]
    if not keys:
        zh, en = ACTION_NAMES[action]
        listed = ", ".join(units)
        errors.print(
            f"[red]✗[/red] {escape(listed)} 没有可{zh}的报表\n  {escape(listed)} has no return to {en}"
        )
        raise typer.Exit(1)
    return keys


def _run(action: str, keys: list[store.ReturnKey], as_json: bool, **how: str) -> None:
    from dudao.store.workflow.actions import act  # needs Django, set up by now

    try:
        outcomes = act(action, keys, **how)
    except store.WorkflowRefused as refused:
        for reason in refused.refusals:
            errors.print(f"[red]✗[/red] {escape(reason.message_zh)}\n  {escape(reason.message_en)}")
        raise typer.Exit(1) from None
    _report(outcomes, as_json)


def _report(outcomes: list[store.Outcome], as_json: bool) -> None:
    if as_json:
        print_jsonl(outcome.to_json() for outcome in outcomes)
        return
    table = Table(title="报表状态 Returns")
    for column in ("unit", "year", "before", "after", "version"):
        table.add_column(column)
    for outcome in outcomes:
        year = "registers" if outcome.key.year is None else str(outcome.key.year)
        after = outcome.after if outcome.changed else f"{outcome.after} (unchanged)"
        table.add_row(outcome.key.org_code, year, outcome.before, after, str(outcome.number))
    console.print(table)
