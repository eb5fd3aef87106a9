"""`dudao explain INDICATOR --unit U --year Y [PATH]`: one figure and what it is made of."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from dudao.cli.compute import (
    AsOfOption,
    DataOption,
    PeriodOption,
    StageWeightsOption,
    load_tables,
    parse_period,
    parse_stage_weights,
)
from dudao.cli.options import AuditUserOption, JsonOption, StoreOption
from dudao.cli.render import console
from dudao.compute.contributions import Term
from dudao.compute.explain import TOP, ExplainError, Explanation, explain
from dudao.compute.results import IndicatorResult


def explain_command(
    indicator: Annotated[str, typer.Argument(help="Indicator id (e.g. ger_preschool).")],
    unit: Annotated[str, typer.Option(help="Org unit or school code.")],
    year: Annotated[int, typer.Option(help="Year of the figure (a period figure: any year).")],
    path: Annotated[
        Path | None, typer.Argument(exists=True, help="Dataset; default: the store.")
    ] = None,
    as_json: JsonOption = False,
    store_url: StoreOption = None,
    data: DataOption = "approved",
    period: PeriodOption = None,
    as_of: AsOfOption = None,
    top: Annotated[
        int, typer.Option(min=1, help="Rows shown per numerator and denominator.")
    ] = TOP,
    stage_weights: StageWeightsOption = None,
    user: AuditUserOption = None,
) -> None:
    """Explain one figure: definition, source, formula, terms, largest rows, data versions."""
    tables, sources = load_tables(path, store_url, data, purpose="explain", user=user)
    try:
        explanation = explain(
            tables,
            indicator,
            unit,
            year,
            period=parse_period(period),
            as_of=as_of.date() if as_of else None,
            sources=sources,
            top=top,
            stage_weights=parse_stage_weights(stage_weights),
        )
    except ExplainError as error:
        raise typer.BadParameter(str(error)) from None
    if as_json:
        print(json.dumps(explanation.to_json(), ensure_ascii=False))
    else:
        print_explanation(explanation)


def print_explanation(explanation: Explanation) -> None:
    indicator, unit = explanation.indicator, explanation.unit
    when = (
        f"{explanation.period[0]}–{explanation.period[1]}"
        if explanation.period
        else str(explanation.year)
    )
    console.print(
        f"[bold]{escape(indicator.label.zh_hans)}[/bold] {escape(indicator.label.en)} "
        f"([cyan]{indicator.id}[/cyan])\n{escape(unit.name or '')} {unit.code} ({unit.level}) · {when}"
    )
    console.print(
        f"定义 {escape(indicator.definition.zh_hans)}\n     {escape(indicator.definition.en)}"
    )
    console.print(f"来源 source: {escape(indicator.source)}")
    console.print(f"公式 formula ({indicator.kind}): {escape(explanation.formula)}")
    for role, operand in (
        ("分子 numerator", indicator.numerator),
        ("分母 denominator", indicator.denominator),
    ):
        if operand is not None:
            filters = operand.model_dump(exclude_none=True, exclude_defaults=True)
            extra = ", ".join(f"{k}={v}" for k, v in filters.items() if k not in ("table", "expr"))
            console.print(f"{role}: {escape(operand.expr)} FROM {operand.table} {escape(extra)}")
    console.print(_results(explanation.results, "结果 Result"))
    for term in explanation.terms:
        console.print(_term(term))
    if explanation.schools:
        console.print(_schools(explanation))
    if explanation.inputs:
        console.print(_results(explanation.inputs, "输入 Inputs"))
    console.print(_sources(explanation))


def _results(results: tuple[IndicatorResult, ...], title: str) -> Table:
    table = Table(title=title, title_justify="left")
    for column in (
        "indicator",
        "scope",
        "year",
        "value",
        "numerator",
        "denominator",
        "notes / evidence",
    ):
        table.add_column(column)
    for result in results:
        evidence = json.dumps(result.evidence, ensure_ascii=False) if result.evidence else ""
        table.add_row(
            result.indicator,
            result.scope or "",
            f"{result.period[0]}–{result.period[1]}" if result.period else str(result.year),
            result.display or "—",
            _number(result.numerator),
            _number(result.denominator),
            escape(", ".join(result.notes) + (" " if result.notes else "") + evidence),
        )
    if not results:
        table.add_row("—", "", "", "无数据 no data", "", "", "")
    return table


def _term(term: Term) -> Table:
    scope = f" {term.scope}" if term.scope else ""
    title = (
        f"{'分子' if term.role == 'numerator' else '分母'} {term.role} {term.year}{scope} "
        f"of {term.unit_code}: {_number(term.total)} from {term.contributors:,} rows "
        f"(largest {len(term.rows)})"
    )
    console.print(escape(title))
    table = Table()
    for column in ("#", "code", "name", "value", "share"):
        table.add_column(column, justify="right" if column in ("#", "value", "share") else "left")
    for rank, row in enumerate(term.rows, start=1):
        share = "" if row.share is None else f"{row.share:.2%}"
        table.add_row(str(rank), row.code, escape(row.name or ""), _number(row.value), share)
    return table


def _schools(explanation: Explanation) -> Table:
    table = Table(title="学校 Schools (largest part of the variance first)", title_justify="left")
    for column in ("code", "name", "R", "P", "X = R/P", "P/ΣP", "variance part"):
        table.add_column(column)
    for school in explanation.schools:
        table.add_row(
            school.code,
            escape(school.name or ""),
            _number(school.resource),
            _number(school.enrolment),
            "不计 left out" if school.value is None else f"{school.value:.4f}",
            "" if school.weight is None else f"{school.weight:.2%}",
            "" if school.variance_part is None else f"{school.variance_part:.2%}",
        )
    return table


def _sources(explanation: Explanation) -> Table:
    table = Table(title="数据来源 Data read", title_justify="left")
    for column in ("source", "tables", "sha256"):
        table.add_column(column, overflow="fold")
    for source in explanation.sources:
        table.add_row(escape(source.label), ", ".join(source.tables) or "all", source.sha256 or "")
    return table


def _number(value: float | None) -> str:
    if value is None:
        return "—"
    return (
        f"{value:,.0f}"
        if value == int(value)
        else f"{value:,.4g}"
        if abs(value) < 1
        else f"{value:,.2f}"
    )
