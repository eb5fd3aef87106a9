"""`dudao`: the command line. Each command lives in its own module, imported when it runs."""

from __future__ import annotations

import typer

from dudao.cli.lazy import LazyCommand, LazyGroup

COMMANDS = {
    "demo": LazyCommand(
        "dudao.cli.demo:demo",
        "Generate the seed city, import and approve its returns, compute, compare with the seed.",
    ),
    "check": LazyCommand(
        "dudao.cli.check:check",
        "Check a dataset against the exchange format; exit 1 when any error is found.",
    ),
    "import": LazyCommand(
        "dudao.cli.store_import:import_returns",
        "Check, then store the dataset as new draft versions (all or nothing); nothing is sent up.",
    ),
    "compute": LazyCommand(
        "dudao.cli.compute:compute",
        "Compute every available indicator at every level and year.",
    ),
    "explain": LazyCommand(
        "dudao.cli.explain:explain_command",
        "Explain one figure: definition, source, formula, terms, largest rows, data versions.",
    ),
    "report": LazyCommand(
        "dudao.cli.report:report",
        "Write the report; file names are <kind>_<unit>_<A>-<B>.<lang>.<ext>.",
    ),
    "submit": LazyCommand(
        "dudao.cli.workflow:submit",
        "Send the unit's returns up (上报): its stored drafts (all, or those of --year), "
        "or the dataset PATH checked, stored and submitted in one step.",
    ),
    "approve": LazyCommand(
        "dudao.cli.workflow:approve",
        "Approve (审核通过) submitted returns; the level above them acts, lowest units first.",
    ),
    "send-back": LazyCommand(
        "dudao.cli.workflow:send_back",
        "Send submitted returns back (退回) to their unit with a comment, for a new version.",
    ),
    "unapprove": LazyCommand(
        "dudao.cli.workflow:unapprove",
        "Withdraw approvals (撤销审核): the approving level or one above it acts.",
    ),
    "verify": LazyCommand(
        "dudao.cli.workflow:verify",
        "Verify (核验) approved returns: the level above the approver (the province) acts.",
    ),
    "versions": LazyCommand(
        "dudao.cli.versions:versions",
        "List the stored versions, oldest first, each with its return's state.",
    ),
    "history": LazyCommand(
        "dudao.cli.history:history",
        "Show one return's history (报表历史): each version stored and each submit, approval, "
        "send-back (with its comment), un-approval and verification, with the state it left.",
    ),
    "template": LazyCommand(
        "dudao.cli.template:template",
        "Write a template: one sheet per table, the unit's schools and keys pre-filled.",
    ),
    "assess": LazyCommand(
        "dudao.cli.assess:assess_command",
        "Score every unit of the framework's level: total, grade, rank, vetoes, each item's why.",
    ),
    "explain-score": LazyCommand(
        "dudao.cli.assess:explain_score",
        "Explain one item's score for one unit: standard, rule, the values read, points, reason.",
    ),
    "mark": LazyCommand(
        "dudao.cli.mark:mark",
        "Give marks: --points ITEM=N, --met ITEM=yes|no (evidence), --value ITEM=X (a manual "
        "score such as a poll), --note ITEM=TEXT. Self marks come from the unit itself "
        "(--org = --unit), review marks from a unit above it.",
    ),
    "audit": LazyCommand("dudao.cli.audit:audit", "审计日志 The audit log."),
}


class DudaoCommands(LazyGroup):
    lazy_commands = COMMANDS


app = typer.Typer(
    name="dudao",
    help="督导 dudao: education returns, indicators, assessment and duty reports.",
    cls=DudaoCommands,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def dudao() -> None:
    """Without a callback or registered commands, typer would not make `app` a group."""
