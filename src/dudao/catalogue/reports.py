"""Report models: the duty report (述职报告) and the self-evaluation report (自评报告) as
template trees declared in `data/reports/*.yaml`.

A section names the Jinja template that writes it, the figures it draws on, the tables
and charts it shows and the condition under which it appears; the report names the
findings rules (trends, compliance tests, targets, peers) whose strengths and shortfalls
the narrative states. Every indicator id is checked against the indicator catalogue, and
every problem names its file and line.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator

from dudao.catalogue.errors import CatalogueError, CatalogueProblem
from dudao.catalogue.frameworks import framework_files
from dudao.catalogue.loader import DATA_DIR, Catalogue, default_catalogue
from dudao.catalogue.models import Declared, Label
from dudao.catalogue.yaml_loader import line_of, load_yaml, to_plain

REPORTS_DIR = DATA_DIR / "reports"
ReportKind = Literal["duty", "self"]
Scope = Literal["consolidated", "own_level"]


class FigureRef(Declared):
    """An indicator a section states: for the unit itself or each of its child units, for
    every year of the report (`years`), over the campaign period (`period`) or at the
    cut-off date of case-based figures (`cut_off`)."""

    name: str
    indicator: str
    scope: Scope | None = None
    over: Literal["years", "period", "cut_off"] = "years"
    units: Literal["self", "children"] = "self"
    in_wan: bool = False  # print in 万 (13.81万人), as GB/T 15835 allows for large counts


class TableSpec(Declared):
    """A table of figures with one column per year and a year-on-year change column."""

    id: str
    caption: Label
    figures: tuple[
        str, ...
    ]  # names of the section's figures, one row each (children: one per unit)


class ChartSpec(Declared):
    """A trend of the unit's figures over the years, or child units compared in the last year."""

    id: str
    kind: Literal["trend", "comparison"]
    caption: Label
    figures: tuple[str, ...]


class Condition(Declared):
    """When a section appears: the unit's level is one of `levels`, it has child units."""

    levels: tuple[str, ...] = ()
    has_children: bool | None = None


class Section(Declared):
    id: str
    heading: Label | None = None
    area: str | None = None  # findings of this area are stated here
    when: Condition | None = None
    template: str | None = None
    passage: str | None = None  # free text the leader writes, kept in the passages file
    assessment: str | None = None  # a framework id: the unit's self-assessment is stated here
    role: Literal["body", "shortfalls", "next_steps"] = "body"
    figures: tuple[FigureRef, ...] = ()
    tables: tuple[TableSpec, ...] = ()
    charts: tuple[ChartSpec, ...] = ()
    sections: tuple[Section, ...] = ()

    def walk(self) -> Iterator[Section]:
        yield self
        for section in self.sections:
            yield from section.walk()


class TrendRule(Declared):
    """A strength when the figure improved over the report's years; a shortfall for every
    year it fell (as `higher_is_better` reads it)."""

    indicator: str
    scope: Scope | None = None
    area: str


class ComplianceRule(Declared):
    """A shortfall for every year a legal test failed; a strength when it passed every year."""

    indicator: str
    scopes: tuple[Scope, ...] = ("consolidated",)
    area: str


class TargetRule(Declared):
    """A shortfall when the last year's figure misses the target; a strength when it meets it."""

    indicator: str
    scope: Scope | None = None
    at_least: float
    area: str


class PeerRule(Declared):
    """Child units compared in the last year: the best is a strength, those more than
    `gap` below the unit's own figure are a shortfall (a low-balance district)."""

    indicator: str
    gap: float
    area: str


class FindingRules(Declared):
    trends: tuple[TrendRule, ...] = ()
    compliance: tuple[ComplianceRule, ...] = ()
    targets: tuple[TargetRule, ...] = ()
    peers: tuple[PeerRule, ...] = ()

    def indicators(self) -> Iterator[tuple[str, Declared]]:
        for group in (self.trends, self.compliance, self.targets, self.peers):
            for rule in group:
                yield rule.indicator, rule


class AreaText(Declared):
    """How the "不足" paragraph names an area's problem, and the next step it leads to."""

    shortfall: Label
    plan_title: Label
    plan: Label


class ReportModel(Declared):
    id: ReportKind
    label: Label
    title: Label
    levels: tuple[str, ...]
    sections: tuple[Section, ...]
    findings: FindingRules = FindingRules()
    areas: dict[str, AreaText] = Field(default_factory=dict)  # area -> problem and next step

    @field_validator("areas", mode="before")
    @classmethod
    def _plain_mapping(cls, value: object) -> object:
        """The loader marks every mapping with `declared_at`; in a mapping of areas it is no area."""
        if isinstance(value, dict):
            return {key: text for key, text in value.items() if key != "declared_at"}
        return value

    def walk(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    @property
    def section_areas(self) -> tuple[str, ...]:
        """The areas of the report's parts, in the order they appear."""
        return tuple(dict.fromkeys(s.area for s in self.walk() if s.area))


def load_report_models(
    directory: Path = REPORTS_DIR, catalogue: Catalogue | None = None
) -> dict[str, ReportModel]:
    """Every report model in `directory`, checked against the catalogue; raise once with all
    problems."""
    catalogue = catalogue or default_catalogue()
    models: dict[str, ReportModel] = {}
    problems: list[CatalogueProblem] = []
    for path in sorted(directory.glob("*.yaml")):
        tree = load_yaml(path)
        if not isinstance(tree, dict) or not isinstance(tree.get("report"), dict):
            problems.append(CatalogueProblem(str(path), 1, "expected a top-level `report:`"))
            continue
        try:
            model = ReportModel.model_validate(to_plain(tree["report"], str(path)))
        except ValidationError as error:
            for detail in error.errors():
                location = ("report", *detail["loc"])
                where = ".".join(str(step) for step in location)
                line = line_of(tree, location)
                problems.append(CatalogueProblem(str(path), line, f"{where}: {detail['msg']}"))
            continue
        problems.extend(check_report_model(model, catalogue))
        if model.id in models:
            problems.append(model.problem(f"report `{model.id}` declared twice"))
        models[model.id] = model
    if problems:
        raise CatalogueError(problems)
    return models


@cache
def default_report_models() -> dict[str, ReportModel]:
    """The report models shipped with dudao, loaded once per process."""
    return load_report_models()


def check_report_model(model: ReportModel, catalogue: Catalogue) -> Iterator[CatalogueProblem]:
    """Unknown indicators, templates' figure names and areas, each at its file and line."""
    known = catalogue.indicators
    for indicator, rule in model.findings.indicators():
        if indicator not in known:
            yield rule.problem(f"unknown indicator {indicator!r}")
    areas = set(model.section_areas)
    for _, rule in model.findings.indicators():
        area = getattr(rule, "area", None)
        if area not in areas or area not in model.areas:
            yield rule.problem(
                f"area {area!r} has no part or no `areas:` text; known: {sorted(areas)}"
            )
    frameworks = framework_files()
    for section in model.walk():
        if section.assessment is not None and section.assessment not in frameworks:
            yield section.problem(
                f"{section.id}: unknown framework {section.assessment!r}; known: {sorted(frameworks)}"
            )
        if section.assessment is not None and section.area is None:
            yield section.problem(
                f"{section.id}: an assessment needs the area its shortfalls go to"
            )
        names = {figure.name for figure in section.figures}
        for figure in section.figures:
            if figure.indicator not in known:
                yield figure.problem(f"{section.id}: unknown indicator {figure.indicator!r}")
        specs: list[TableSpec | ChartSpec] = [*section.tables, *section.charts]
        for spec in specs:
            for name in spec.figures:
                if name not in names:
                    yield spec.problem(f"{section.id}.{spec.id}: no figure named {name!r}")
    for area, text in model.areas.items():
        if area not in areas:
            yield text.problem(f"areas: {area!r} is the area of no part")
