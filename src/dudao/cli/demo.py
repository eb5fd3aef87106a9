"""`dudao demo`: the whole pipeline on the seed city, from returns to figures."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from dudao import store
from dudao.catalogue import default_catalogue
from dudao.cli.assess import frameworks_summary
from dudao.cli.render import console, errors, findings_table, json_lines
from dudao.compute import IndicatorResult, compute_indicators
from dudao.demo import SEED_CITY_CODE, write_seed_city
from dudao.demo.seed import seed_cut_off, seed_figures, seed_period
from dudao.ingest import read_dataset
from dudao.report.provenance import store_version
from dudao.report.seed import write_seed_report


def demo(
    out: Annotated[
        Path, typer.Option(help="Folder for the returns, the store and results.")
    ] = Path("demo-output"),
) -> None:
    """Generate the seed city, import and approve its returns, compute, compare with the seed."""
    started = time.perf_counter()
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, transient=True) as bar:
        step = bar.add_task("生成示范城市 Generating the seed city", total=None)
        returns = write_seed_city(_fresh(out) / "returns")
        bar.update(step, description="检查 Checking the returns")
        dataset = read_dataset(returns)
        if dataset.report.has_errors:
            errors.print(findings_table(dataset.report))
            raise typer.Exit(1)
        bar.update(step, description="导入并审核 Importing and approving")
        store.setup(f"sqlite:///{(out / 'store.sqlite3').resolve()}")
        imported = store.import_dataset(dataset, actor="demo", submit=True)
        root = imported.versions[0].org_code  # the top of the seed's hierarchy reviews its own
        keys = [store.ReturnKey(root, version.year) for version in imported.versions]
        store.approve(keys, acting_org=root, actor="demo")
        bar.update(step, description="计算指标 Computing indicators")
        # The seed states its period figures over 2006-2008 and its cases at 2009-10-31.
        snapshot = store.snapshot(data="approved")
        results = compute_indicators(snapshot, period=seed_period(), as_of=seed_cut_off())
        bar.update(step, description="撰写述职报告 Writing the duty report")
        reports = write_seed_report(results, snapshot, out, store_version())
    lines = json_lines(result.to_json() for result in results)
    (out / "indicators.jsonl").write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    console.print(city_by_year(results))
    console.print(seed_comparison(results))
    summary, scored = frameworks_summary(snapshot, results, seed_period())
    console.print(summary)
    lines = json_lines(assessment.to_json() for assessment in scored)
    (out / "assessments.jsonl").write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    console.print(f"报表 Returns (CSV): {returns}\n存储 Store: {out / 'store.sqlite3'}")
    console.print(f"指标 Indicators (JSON Lines): {out / 'indicators.jsonl'}")
    console.print("述职报告 Duty report: " + ", ".join(str(path) for path in reports))
    console.print(f"用时 Time: {time.perf_counter() - started:.1f} s")


# The figures the seed opens with: enrolment and progression, the city's headline.
HEADLINE = (
    "ger_preschool",
    "ner_primary",
    "progression_primary_to_junior",
    "progression_junior_to_senior",
    "progression_senior_to_higher",
)


def city_by_year(results: list[IndicatorResult]) -> Table:
    """The city's headline figures for every school year of the returns."""
    city = [
        r
        for r in results
        if r.unit_code == SEED_CITY_CODE and r.year is not None and r.indicator in HEADLINE
    ]
    years = sorted({r.year for r in city if r.year is not None})
    table = Table(title=f"示范城市 {SEED_CITY_CODE} 各年指标 The city's figures by year")
    table.add_column("指标 figure", overflow="fold")
    for year in years:
        table.add_column(f"{year}年", justify="right")
    labels = default_catalogue().indicators
    for indicator in dict.fromkeys(r.indicator for r in city):
        by_year = {r.year: r.display for r in city if r.indicator == indicator}
        cells = [by_year.get(year) or "—" for year in years]
        table.add_row(labels[indicator].label.zh_hans, *cells)
    return table


def seed_comparison(results: list[IndicatorResult]) -> Table:
    """The seed's figures that dudao computes, with their years restored."""
    computed = {(r.indicator, r.unit_code, r.scope, r.year): r for r in results}
    table = Table(title=f"示范城市 {SEED_CITY_CODE}: 原文数字 Seed figures vs computed")
    for column in ("指标 figure", "年份 year", "原文 seed", "计算 computed", ""):
        table.add_column(column)
    for figure in seed_figures():
        found = [
            computed.get((figure.id, figure.unit, figure.scope, y)) for y in figure.years_stated
        ]
        if not found or None in found:
            continue
        shown = [result.display or "—" for result in found if result is not None]
        matched = all(result is not None and figure.matches(result.value) for result in found)
        table.add_row(
            f"{figure.text} ({figure.id})",
            figure.when,
            figure.stated,
            " / ".join(shown),
            "[green]✓[/green]" if matched else "[red]✗[/red]",
        )
    return table


MARKER = ".dudao-demo"


def _fresh(out: Path) -> Path:
    """An empty folder, so that runs never mix; only an earlier demo's folder is replaced."""
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).exists():
            errors.print(f"{out} 不为空，且不是示范输出目录 is not empty and not a demo folder")
            raise typer.Exit(2)
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).touch()
    return out
