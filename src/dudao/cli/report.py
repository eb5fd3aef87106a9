"""`dudao report [PATH]`: write a duty or self-evaluation report from the data."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Literal

import typer

from dudao import store
from dudao.catalogue import Language
from dudao.cli.compute import parse_period
from dudao.cli.options import AuditUserOption, StoreOption, audit_user
from dudao.cli.render import console, errors, findings_table, reading
from dudao.ingest import read_dataset
from dudao.report import FORMATS, ReportError, ReportRequest, write_report
from dudao.report.assessment import model_frameworks
from dudao.report.generate import report_model
from dudao.report.provenance import dataset_version, store_version
from dudao.report.stored import stored_answers
from dudao.report.writers.pdf import PdfUnavailable

LANGUAGES: tuple[Language, ...] = ("zh-Hans", "zh-Hant", "en")


def report(
    path: Annotated[
        Path | None,
        typer.Argument(exists=True, help="Dataset; default: the store's approved data."),
    ] = None,
    kind: Annotated[
        Literal["duty", "self"], typer.Option(help="duty (述职报告) or self (自评报告).")
    ] = "duty",
    unit: Annotated[str, typer.Option(help="Org code of the unit the report is for.")] = "",
    period: Annotated[str, typer.Option(help="A:B, the years the report covers.")] = "",
    campaign: Annotated[
        str | None,
        typer.Option(help="A:B, the years period figures sum over (创强期间); default: --period."),
    ] = None,
    as_of: Annotated[
        datetime | None,
        typer.Option("--as-of", formats=["%Y-%m-%d"], help="Cut-off of case-based figures."),
    ] = None,
    lang: Annotated[
        list[str] | None, typer.Option(help="zh-Hans, zh-Hant, en (repeat or comma-separate).")
    ] = None,
    format: Annotated[
        str, typer.Option("--format", help="Comma-separated: docx,html,pdf.")
    ] = "docx,html",
    out: Annotated[Path, typer.Option(help="Folder to write the report into.")] = Path("."),
    store_url: StoreOption = None,
    user: AuditUserOption = None,
) -> None:
    """Write the report; file names are <kind>_<unit>_<A>-<B>.<lang>.<ext>."""
    if not unit:
        raise typer.BadParameter("需要单位代码 an org code is needed", param_hint="--unit")
    years = parse_period(period or None)
    if years is None:
        raise typer.BadParameter("需要 起:止 A:B is needed", param_hint="--period")
    languages = _languages(lang)
    formats = [name.strip() for name in format.split(",") if name.strip()]
    if unknown := [name for name in formats if name not in FORMATS]:
        raise typer.BadParameter(
            f"未知格式 unknown format {', '.join(unknown)}; 可选 known: {', '.join(FORMATS)}",
            param_hint="--format",
        )
    answers = None
    if path is None:
        store.setup(store_url)
        tables = store.export(f"report {kind} {unit} {period}", actor=audit_user(user))
        version = store_version()
        frameworks = model_frameworks(report_model(kind))
        answers = stored_answers(frameworks, years)  # answered items are not pending
    else:
        with reading(path):
            dataset = read_dataset(path)
        if dataset.report.has_errors:
            errors.print(findings_table(dataset.report))
            raise typer.Exit(1)
        tables, version = dataset.tables, dataset_version(path)
    request = ReportRequest(
        kind, unit, years, parse_period(campaign), as_of.date() if as_of else None, languages
    )
    try:
        written = write_report(
            tables, request, out, formats=formats, data_version=version, answers=answers
        )
    except (ReportError, PdfUnavailable) as error:
        errors.print(str(error))
        raise typer.Exit(2) from None
    for file in written:
        console.print(f"报告 Report: {file}")
    if (out / request.passages_name()).exists():  # only models with the leader's passages
        console.print(f"领导撰写段落 Leader's passages: {out / request.passages_name()}")


def _languages(given: list[str] | None) -> tuple[Language, ...]:
    names = [name.strip() for item in (given or ["zh-Hans"]) for name in item.split(",")]
    unknown = [name for name in names if name not in LANGUAGES]
    if unknown:
        raise typer.BadParameter(
            f"未知语言 unknown language {', '.join(unknown)}; 可选 known: {', '.join(LANGUAGES)}",
            param_hint="--lang",
        )
    return tuple(dict.fromkeys(name for name in names if name in LANGUAGES))  # type: ignore[misc]
