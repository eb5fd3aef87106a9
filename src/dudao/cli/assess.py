"""`dudao assess [PATH] --framework ID`: score units against a framework; `dudao explain-score`."""

from __future__ import annotations

import importlib
import json
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType
from typing import Annotated

import pyarrow as pa
import typer
from rich.markup import escape
from rich.table import Table

from dudao import store
from dudao.assess import GradeResult, Reason, UnitAssessment, get_framework, shipped_frameworks
from dudao.assess.frameworks import rule_params
from dudao.assess.pipeline import assess_tables, data_version
from dudao.catalogue import CatalogueError, Language
from dudao.catalogue.frameworks import Framework
from dudao.cli.compute import AsOfOption, DataOption, PeriodOption, load_tables, parse_period
from dudao.cli.options import AuditUserOption, JsonOption, StoreOption
from dudao.cli.render import console, errors, print_jsonl
from dudao.compute import IndicatorResult

FrameworkOption = Annotated[
    str,
    typer.Option(help="Framework id: balance2012, balance2017, gd_leaders_basic_education, …"),
]
PathArgument = Annotated[
    Path | None, typer.Argument(exists=True, help="Dataset; default: the store.")
]
YearOption = Annotated[
    int | None, typer.Option(help="The assessed year; default: the latest year of the data.")
]
UnitOption = Annotated[list[str] | None, typer.Option(help="Only these org units.")]
LangOption = Annotated[
    Language,
    typer.Option(help="zh-Hans, zh-Hant or en: titles, grades and reasons in the table; "
                 "the --xlsx form is Chinese (zh-Hant converts it)."),
]  # fmt: skip


def assess_command(
    path: PathArgument = None,
    framework: FrameworkOption = "gd_leaders_basic_education",
    unit: UnitOption = None,
    year: YearOption = None,
    period: PeriodOption = None,
    as_json: JsonOption = False,
    store_url: StoreOption = None,
    data: DataOption = "approved",
    as_of: AsOfOption = None,
    xlsx: Annotated[
        Path | None, typer.Option(help="Also write the score sheet (一级/二级指标 … 自评/他评).")
    ] = None,
    record: Annotated[
        bool,
        typer.Option(
            "--record",
            help="Store the computed scores as a new version of each unit's assessment "
            "(only when the data or the points changed).",
        ),
    ] = False,
    user: AuditUserOption = None,
    lang: LangOption = "zh-Hans",
) -> None:
    """Score every unit of the framework's level: total, grade, rank, vetoes, each item's why."""
    chosen = _framework(framework)
    scored = run(
        chosen, path, store_url, data, unit, year, period, as_of, with_answers=record, user=user
    )
    if record:
        _record(scored, store_url)
    if xlsx is not None:
        from dudao.assess.sheet import write_score_sheet

        marks = _stored_marks(chosen, scored, store_url) if path is None or record else ({}, {})
        write_score_sheet(chosen, scored, xlsx, *marks, language=lang)
    if as_json:
        print_jsonl(assessment.to_json() for assessment in scored)
        return
    console.print(summary_table(chosen, scored, lang))
    if len(scored) == 1:
        console.print(items_table(scored[0], lang))
    if xlsx is not None:
        console.print(f"评分表 Score sheet: {xlsx}")


def explain_score(
    item: Annotated[str, typer.Argument(help="Item id of the framework (e.g. two_rises).")],
    unit: Annotated[str, typer.Option(help="Org unit code.")],
    path: PathArgument = None,
    framework: FrameworkOption = "gd_leaders_basic_education",
    year: YearOption = None,
    period: PeriodOption = None,
    as_json: JsonOption = False,
    store_url: StoreOption = None,
    data: DataOption = "approved",
    as_of: AsOfOption = None,
    user: AuditUserOption = None,
    lang: Annotated[
        Language | None,
        typer.Option(help="zh-Hans, zh-Hant or en; default zh-Hans and en both."),
    ] = None,
) -> None:
    """Explain one item's score for one unit: standard, rule, the values read, points, reason."""
    chosen = _framework(framework)
    try:
        declared = chosen.item(item)
    except KeyError:
        known = ", ".join(i.id for i, _ in chosen.walk())
        raise typer.BadParameter(
            f"未知评估项 unknown item {item!r}; known: {known}", param_hint="ITEM"
        ) from None
    scored = run(chosen, path, store_url, data, [unit], year, period, as_of, user=user)
    if not scored:
        raise typer.BadParameter(
            f"{unit} 不是 {chosen.level} 级单位 is not a unit of level {chosen.level}",
            param_hint="--unit",
        )
    score = scored[0].item(item)
    params = rule_params(chosen).get(item)
    rule = params.model_dump(exclude={"declared_at"}, exclude_none=True) if params else None
    if as_json:
        record = {
            "framework": chosen.id,
            "unit_code": unit,
            "years": list(scored[0].years),
            "standard_zh": declared.standard.zh if declared.standard else None,
            "standard_en": declared.standard.en if declared.standard else None,
            "rule_params": rule,
            "data_version": scored[0].data_version,
            **score.to_json(),
        }
        print(json.dumps(record, ensure_ascii=False, default=str))
        return
    languages: tuple[Language, ...] = (lang,) if lang else ("zh-Hans", "en")
    title = " ".join(escape(score.title.text(language)) for language in languages)
    console.print(f"[bold]{title}[/bold] ({item})")
    console.print(f"{escape(scored[0].unit_name or '')} {unit} · {_years(scored[0])}")
    if declared.standard:
        standard = Reason(declared.standard.zh, declared.standard.en)
        shown = "\n  ".join(escape(standard.text(language)) for language in languages)
        console.print(f"标准 standard: {shown}")
    console.print(f"规则 rule: {escape(json.dumps(rule, ensure_ascii=False, default=str))}")
    console.print(inputs_table(score.inputs))
    points = "待评 pending" if score.points is None else f"{score.points:.2f}"
    console.print(f"得分 points: {points} / {score.max_points:g} · {score.status}")
    for language in languages:
        word = "reason" if language == "en" else "理由"
        console.print(f"{word} {escape(score.reason.text(language))}")
    console.print(f"数据 data: {escape(scored[0].data_version or '')}")


def run(
    framework: Framework,
    path: Path | None,
    store_url: str | None,
    data: str,
    units: list[str] | None,
    year: int | None,
    period: str | None,
    as_of: object,
    with_answers: bool = False,
    user: str | None = None,
) -> list[UnitAssessment]:
    """Score the data at `path` (or the store's); the units' stored self answers (自评) count
    when the store is read or `with_answers` asks for them."""
    if year is not None and period is not None:
        raise typer.BadParameter(
            "--year 与 --period 只能选一个; give --year or --period, not both", param_hint="--year"
        )
    tables, sources = load_tables(path, store_url, data, purpose="assess", user=user)  # type: ignore[arg-type]
    span = parse_period(period)
    years = list(range(span[0], span[1] + 1)) if span else [year] if year else [_latest(tables)]
    answers = None
    if path is None or with_answers:
        store.setup(store_url)  # before the service module loads: it needs Django's models
        answers = store_assessments().stored_answers(framework.id, (years[0], years[-1]))
    return assess_tables(
        tables,
        framework,
        years=years,
        units=units or (),
        answers=answers,
        as_of=getattr(as_of, "date", lambda: None)(),
        data_version=data_version(sources),
    )


def _latest(tables: Mapping[str, pa.Table]) -> int:
    years = [
        year
        for table in tables.values()
        if "year" in table.column_names
        for year in table.column("year").to_pylist()
        if year is not None
    ]
    if not years:
        raise typer.BadParameter("数据中没有年份 the data hold no year", param_hint="PATH")
    return int(max(years))


def store_assessments() -> ModuleType:
    """The assessment store's service, imported once Django is set up."""
    return importlib.import_module("dudao.store.assessments.service")


def _record(scored: list[UnitAssessment], store_url: str | None) -> None:
    store.setup(store_url)  # before the service module loads: it needs Django's models
    for assessment in scored:
        number = store_assessments().record_computed(assessment, actor="dudao assess")
        errors.print(f"已存储 stored {assessment.unit_code}: computed v{number}")


def _stored_marks(
    framework: Framework, scored: list[UnitAssessment], store_url: str | None
) -> tuple[dict[str, dict[str, float | None]], dict[str, dict[str, float | None]]]:
    if not scored:
        return {}, {}
    store.setup(store_url)  # before the service module loads: it needs Django's models
    period = (scored[0].years[0], scored[0].years[-1])
    return store_assessments().people_marks(framework.id, [a.unit_code for a in scored], period)


def _framework(framework_id: str) -> Framework:
    try:
        return get_framework(framework_id)
    except CatalogueError as error:
        raise typer.BadParameter(str(error), param_hint="--framework") from None


def _years(assessment: UnitAssessment) -> str:
    first, last = assessment.years[0], assessment.years[-1]
    return f"{first}年" if first == last else f"{first}–{last}年"


def summary_table(
    framework: Framework, scored: list[UnitAssessment], language: Language = "zh-Hans"
) -> Table:
    table = Table(title=f"{framework.title.zh} {framework.title.en} ({framework.status})")
    for column in ("单位 unit", "时期 period", "总分 total", "等级 grade", "名次 rank"):
        table.add_column(column, justify="right" if column[:2] in ("总分", "名次") else "left")
    table.add_column("否决/必达 veto/must-meet", overflow="fold")
    table.add_column("待评 pending", justify="right")
    for a in sorted(scored, key=lambda a: (a.rank or 0, a.unit_code)):
        flags = [f"[red]否决 veto {i}[/red]" for i in a.veto_failed]
        flags += [f"[yellow]必达 {i}[/yellow]" for i in a.must_meet_failed]
        grade = _grade(a.grade, language) + ("（暂定 provisional）" if a.pending else "")
        table.add_row(
            f"{escape(a.unit_name or '')} {a.unit_code}",
            _years(a),
            f"{a.total:.2f} / {a.max_total:g}",
            grade,
            f"{a.rank}/{a.peers}",
            "\n".join(flags) or "—",
            str(len(a.pending)),
        )
    return table


def _grade(grade: GradeResult, language: Language) -> str:
    """Both zh-Hans and en as before, or zh-Hant with en."""
    return f"{grade.text(language)} {grade.en}" if language != "en" else grade.en


def items_table(assessment: UnitAssessment, language: Language = "zh-Hans") -> Table:
    table = Table(
        title=f"{escape(assessment.unit_name or '')} {assessment.unit_code} 各项得分 items"
    )
    for column in ("评估项 item", "规则 rule", "得分 points", "状态 status", "理由 reason"):
        table.add_column(
            column, overflow="fold", justify="right" if column[:2] == "得分" else "left"
        )
    for item in assessment.items:
        points = "待评" if item.points is None else f"{item.points:.2f}"
        table.add_row(
            "  " * (item.depth - 1) + escape(item.title.text(language)),
            item.rule or "",
            f"{points} / {item.max_points:g}",
            item.status,
            escape(item.reason.text(language)),
        )
    return table


def inputs_table(inputs: tuple[object, ...]) -> Table:
    table = Table(title="读取的数值 values read")
    for column in ("来源 source", "单位 unit", "口径 scope", "年份 year", "数值 value"):
        table.add_column(column)
    for value in inputs:
        record = value.to_json()  # type: ignore[attr-defined]
        year = record["year"] or "–".join(str(y) for y in record["period"] or [])
        shown = record["display"] if record["display"] is not None else record["value"]
        table.add_row(
            str(record["source"]), str(record["unit_code"]), str(record["scope"] or ""),
            str(year), escape(str(shown)),
        )  # fmt: skip
    return table


def frameworks_summary(
    tables: Mapping[str, pa.Table], results: list[IndicatorResult], period: tuple[int, int]
) -> tuple[Table, list[UnitAssessment]]:
    """Every shipped framework on one dataset over a period (for `dudao demo`): the best unit
    of each and the items that lost points."""
    years = list(range(period[0], period[1] + 1))
    table = Table(title=f"考核评估 Assessment {years[0]}–{years[-1]}")
    for column in (
        "考核体系 framework",
        "单位 unit",
        "总分 total",
        "等级 grade",
        "失分项 points lost",
    ):
        table.add_column(column, overflow="fold")
    everything: list[UnitAssessment] = []
    for framework in shipped_frameworks().values():
        scored = assess_tables(tables, framework, years=years, results=results)
        everything.extend(scored)
        if not scored:
            continue
        top = min(scored, key=lambda a: (a.rank or 0, a.unit_code))
        lost = [
            f"{escape(i.title.zh)} −{i.max_points - (i.points or 0):.2f}"
            for i in top.items
            if i.rule and i.status in ("not_met", "partial", "no_data") and i.max_points
        ]
        grade = f"{top.grade.zh}" + ("（暂定）" if top.pending else "")
        if top.veto_failed or top.must_meet_failed:
            grade += f"\n否决 {len(top.veto_failed)} · 必达未达 {len(top.must_meet_failed)}"
        table.add_row(
            f"{framework.id}\n{escape(framework.title.zh)}",
            f"{escape(top.unit_name or '')} {top.unit_code}\n{top.rank}/{top.peers}",
            f"{top.total:.2f}/{top.max_total:g}\n待评 {len(top.pending)}",
            grade,
            "，".join(lost) or "—",
        )
    return table, everything
