"""`dudao`: the command line. Each command lives in its own module and registers here."""

from __future__ import annotations

import typer

from dudao.cli import (
    assess,
    check,
    compute,
    demo,
    explain,
    history,
    mark,
    report,
    store_import,
    template,
    versions,
    workflow,
)
from dudao.cli.audit import audit

app = typer.Typer(
    name="dudao",
    help="督导 dudao: education returns, indicators, assessment and duty reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

COMMANDS = (
    ("demo", demo.demo),
    ("check", check.check),
    ("import", store_import.import_returns),
    ("compute", compute.compute),
    ("explain", explain.explain_command),
    ("report", report.report),
    ("submit", workflow.submit),
    ("approve", workflow.approve),
    ("send-back", workflow.send_back),
    ("unapprove", workflow.unapprove),
    ("verify", workflow.verify),
    ("versions", versions.versions),
    ("history", history.history),
    ("template", template.template),
    ("assess", assess.assess_command),
    ("explain-score", assess.explain_score),
    ("mark", mark.mark),
)
for name, command in COMMANDS:
    app.command(name)(command)
app.add_typer(audit, name="audit")
