"""The narrative: each section of a report model written by its Jinja template.

Templates are per language (`templates/zh-Hans`, `templates/en`); a report kind whose genre
differs (the self-evaluation's institutional "我区…" voice) keeps its own templates in a
subfolder named by the model id, found before the shared ones. zh-Hant is the zh-Hans
text converted whole by OpenCC `s2t` (Traditional characters, mainland vocabulary, as the
seed writes). StrictUndefined makes a missing value an error, never an empty placeholder.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from dudao.catalogue import Catalogue, Language
from dudao.catalogue.language import s2t
from dudao.catalogue.reports import ChartSpec, FigureRef, ReportModel, Section
from dudao.report.assessment import AssessmentView
from dudao.report.document import (
    Document,
    Heading,
    Note,
    Paragraph,
    Segment,
    Table,
    figure_numbers,
)
from dudao.report.figures import MARK_CLOSE, MARK_OPEN, Cell, Marks, Series
from dudao.report.findings import Finding
from dudao.report.notes import above_hundred, notes
from dudao.report.numbers import points, span_text, years_text
from dudao.report.results import OrgUnits, ResultIndex
from dudao.report.tables import figure_table

TEMPLATES = Path(__file__).with_name("templates")
MARK = re.compile(f"{MARK_OPEN}(\\d+){MARK_CLOSE}")
ZH_NUMERALS = "一二三四五六七八九十"


@cache
def environment(language: str, report: str | None = None) -> jinja2.Environment:
    folder = TEMPLATES / ("en" if language == "en" else "zh-Hans")
    folders = [folder / report, folder] if report else [folder]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # plain text: each writer escapes for its own format
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    written: Language = "en" if language == "en" else "zh-Hans"  # zh-Hant: zh-Hans, converted
    env.globals.update(
        years_text=lambda years, lang=written: years_text(years, lang),
        span_text=lambda a, b, lang=written: span_text(a, b, lang),
        points=lambda change, lang=written: points(change, lang),
        plural=plural,
    )
    return env


def plural(cell: Cell, one: str, many: str) -> str:
    """English agreement with a printed count: "1 was recruited", "7 were recruited"."""
    return one if cell.value == 1 else many


to_traditional = s2t  # one converter for reports and assessments (dudao.catalogue.language)


@dataclass(frozen=True)
class Setting:
    """What every template of one report sees."""

    catalogue: Catalogue
    model: ReportModel
    index: ResultIndex
    orgs: OrgUnits
    unit: str
    years: list[int]
    period: tuple[int, int]
    cut_off: str | None
    language: Language
    findings: list[Finding]
    passages: dict[str, str]
    assessments: dict[str, AssessmentView]  # framework id -> the unit's assessment


class Writer:
    """Renders a report model into a Document; every figure printed goes through `marks`."""

    def __init__(self, setting: Setting, marks: Marks) -> None:
        self.setting = setting
        self.marks = marks
        self.env = environment(setting.language, setting.model.id)
        self.document = Document(setting.language, "", "")
        self._macros: Any = None

    def write(self) -> Document:
        s = self.setting
        self.document.title = self.text(s.model.title.text(s.language), self.base())
        self.document.subtitle = s.model.label.text(s.language)
        counters = [0, 0, 0, 0]
        for section in s.model.sections:
            self.section(section, 1, counters)
        return self.document

    # --- context ---------------------------------------------------------------

    def base(self) -> dict[str, Any]:
        s = self.setting
        own, whole = self.scope_words()
        subject = self.subject_words()
        return {
            "unit": s.orgs.name(s.unit),
            "level": s.orgs.levels.get(s.unit, "city"),
            "own": own,
            "whole": whole or subject.get("subject") or s.orgs.name(s.unit),
            **subject,
            "years": span_text(s.years[0], s.years[-1], s.language),
            "first_year": s.years[0],
            "last_year": s.years[-1],
            "period": span_text(*s.period, s.language),
            "cut_off": s.cut_off,
        }

    def scope_words(self) -> tuple[str, str]:
        """How the text names the own level and the whole area: 市本级 / 全市, 区本级 / 全区."""
        if self.setting.language == "en":
            return ("own-level", "")
        level = self.setting.orgs.levels.get(self.setting.unit, "city")
        return {"city": ("市本级", "全市"), "district": ("区本级", "全区")}.get(level, ("本级", ""))

    def subject_words(self) -> dict[str, str]:
        """Who acts in the text, after the unit as the Chinese says 我市/我区: `place` (市/区,
        city/district), and in English `subject` (the city / the district / its name),
        `Subject` to begin a sentence, `subjects` (its possessive)."""
        s = self.setting
        level = s.orgs.levels.get(s.unit, "city")
        if s.language != "en":
            return {"place": {"city": "市", "district": "区"}.get(level, "")}
        place = level if level in ("city", "district") else ""
        subject = f"the {place}" if place else s.orgs.name(s.unit)
        return {
            "place": place or s.orgs.name(s.unit),
            "subject": subject,
            "Subject": subject[:1].upper() + subject[1:],
            "subjects": f"{subject}'s",
        }

    def scope_word(self, scope: str | None) -> str:
        own, whole = self.scope_words()
        return {"own_level": own, "consolidated": whole}.get(scope or "", "")

    def figures(self, section: Section) -> dict[str, Series | list[Series]]:
        found: dict[str, Series | list[Series]] = {}
        for ref in section.figures:
            if ref.units == "children":
                found[ref.name] = [
                    self.series(ref, child)
                    for child in self.setting.orgs.children(self.setting.unit)
                ]
            else:
                found[ref.name] = self.series(ref, self.setting.unit)
        return found

    def series(self, ref: FigureRef, unit: str) -> Series:
        s = self.setting
        indicator = s.catalogue.indicators[ref.indicator]
        cells = tuple(
            Cell(result, indicator, self.unit_name(unit), s.language, self.marks, ref.in_wan)
            for result in s.index.for_figure(ref, unit, s.years)
        )
        return Series(ref.name, indicator, unit, self.unit_name(unit), cells, s.language)

    def unit_name(self, code: str) -> str:
        """The unit's name in the report's script: tables and charts print it unconverted."""
        return self.convert(self.setting.orgs.name(code))

    def cells(self, finding: Finding) -> list[Cell]:
        s = self.setting
        return [
            Cell(
                result,
                s.catalogue.indicators[result.indicator],
                self.unit_name(result.unit_code),
                s.language,
                self.marks,
            )
            for result in finding.evidence
        ]

    def sentence(self, finding: Finding) -> str:
        """One finding as a clause (no final stop), by the macro of its rule."""
        s = self.setting
        macros = self.macros()
        if finding.item is not None:
            item = finding.item
            title = item.title.en if s.language == "en" else item.title.zh
            title = title.replace("“", "‘").replace("”", "’")  # quoted inside “…”
            points = "0" if item.points is None else f"{item.points:.2f}".rstrip("0").rstrip(".")
            full = f"{item.max_points:.2f}".rstrip("0").rstrip(".")
            return str(macros.item_lost(title=title, points=points, full=full)).strip()
        indicator = s.catalogue.indicators[finding.indicator]
        cells = self.cells(finding)
        groups: dict[str, list[Cell]] = {}
        for cell in cells:
            groups.setdefault(cell.indicator.id, []).append(cell)
        clause = getattr(macros, finding.rule)(
            finding=finding,
            label=indicator.label.text(s.language),
            c=cells,
            groups=list(groups.values()),
            scope=self.scope_word(finding.scope),
        )
        return str(clause).strip()

    def macros(self) -> Any:
        if self._macros is None:
            self._macros = self.env.get_template("findings.j2").make_module(self.base())
        return self._macros

    def area_findings(self, area: str | None) -> dict[str, list[str]]:
        found = [f for f in self.setting.findings if f.area == area]
        return {
            "strengths": [self.sentence(f) for f in found if f.kind == "strength"],
            "shortfalls": [self.sentence(f) for f in found if f.kind == "shortfall"],
        }

    # --- sections ----------------------------------------------------------------

    def section(self, section: Section, level: int, counters: list[int]) -> None:
        if not self.applies(section):
            return
        context = self.base() | {"f": self.figures(section)} | self.area_findings(section.area)
        view = self.setting.assessments.get(section.assessment or "")
        context["assessment"] = view
        if section.heading is not None:
            counters[level - 1] += 1
            for deeper in range(level, len(counters)):
                counters[deeper] = 0
            heading = self.text(section.heading.text(self.setting.language), context)
            self.document.blocks.append(
                Heading(level, self.number(level, counters[level - 1]), heading)
            )
        start = len(self.document.blocks)
        if section.role == "shortfalls":
            self.paragraphs(
                self.env.get_template("shortfalls.j2").render(context | self.shortfall_context())
            )
        elif section.role == "next_steps":
            self.next_steps(context, level)
        if section.template:
            self.paragraphs(self.env.get_template(f"{section.template}.j2").render(context))
        if section.passage:
            self.passage(section.passage)
        if view is not None:
            self.document.blocks.append(assessment_table(view))
        for table in section.tables:
            self.document.blocks.append(figure_table(table, context["f"], self.setting, self.marks))
        for chart in section.charts:
            self.chart(chart, context["f"])
        self.explain(start)
        for child in section.sections:
            self.section(child, level + 1, counters)

    def explain(self, start: int) -> None:
        """Under the last block from `start` that prints a rate above 100%, a note on why
        (notes.py): the figure stands as computed, and the reader is told where it stands."""
        blocks = self.document.blocks
        shown, last = [], None
        for index in range(start, len(blocks)):
            cells = [self.marks.cells[number - 1] for number in figure_numbers(blocks[index])]
            above = [cell for cell in cells if above_hundred(cell)]
            if above:
                shown += above
                last = index
        if last is not None:
            found = notes(shown, self.setting.language)
            blocks[last + 1 : last + 1] = [Note(self.convert(text)) for text in found]

    def chart(self, spec: ChartSpec, figures: dict[str, Series | list[Series]]) -> None:
        """A chart, or, when no CJK font is installed, a warning and no chart: a report
        without a picture beats one with empty boxes for characters."""
        from dudao.report.charts import MissingGlyphs, figure_chart  # matplotlib only here

        try:
            self.document.blocks.append(figure_chart(spec, figures, self.setting))
        except MissingGlyphs as error:
            warnings.warn(f"图表省略 chart left out: {error}", stacklevel=2)

    def applies(self, section: Section) -> bool:
        condition = section.when
        if condition is None:
            return True
        s = self.setting
        if condition.levels and s.orgs.levels.get(s.unit) not in condition.levels:
            return False
        has_children = bool(s.orgs.children(s.unit))
        return condition.has_children is None or condition.has_children == has_children

    def shortfall_context(self) -> dict[str, Any]:
        s = self.setting
        groups = []
        for area in s.model.areas:  # in the order the model declares them
            sentences = self.area_findings(area)["shortfalls"]
            if sentences:
                groups.append(
                    {
                        "area": area,
                        "shortfall": s.model.areas[area].shortfall.text(s.language),
                        "sentences": sentences,
                    }
                )
        return {"groups": groups}

    def next_steps(self, context: dict[str, Any], level: int) -> None:
        s = self.setting
        groups = self.shortfall_context()["groups"]
        for counter, group in enumerate(groups, 1):
            text = s.model.areas[group["area"]]
            heading = text.plan_title.text(s.language)
            self.document.blocks.append(
                Heading(level + 1, self.number(level + 1, counter), heading)
            )
            self.paragraphs(
                self.env.get_template("next_step.j2").render(
                    context | {"plan": text.plan.text(s.language), "sentences": group["sentences"]}
                )
            )
        if not groups:
            self.paragraphs(self.env.get_template("next_step_none.j2").render(context))

    def passage(self, passage_id: str) -> None:
        text = self.setting.passages.get(passage_id, "")
        self.paragraphs(text, convert=False)

    # --- text ------------------------------------------------------------------

    def number(self, level: int, count: int) -> str:
        if self.setting.language == "en":
            return {1: f"{count}. ", 2: f"({count}) ", 3: f"{count}. ", 4: f"({count}) "}[level]
        numeral = ZH_NUMERALS[count - 1] if count <= 10 else str(count)
        return {1: f"{numeral}、", 2: f"（{numeral}）", 3: f"{count}.", 4: f"（{count}）"}[level]

    def text(self, template: str, context: dict[str, Any]) -> str:
        rendered = self.env.from_string(template).render(context)
        return self.convert(rendered)

    def convert(self, text: str) -> str:
        return to_traditional().convert(text) if self.setting.language == "zh-Hant" else text

    def paragraphs(self, rendered: str, convert: bool = True) -> None:
        """Blank-line separated paragraphs; whitespace inside a paragraph is the template's
        layout, not the text's."""
        text = self.convert(rendered) if convert else rendered
        for chunk in re.split(r"\n\s*\n", text):
            joined = "".join(line.strip() for line in chunk.splitlines())
            if self.setting.language == "en":
                joined = re.sub(r" {2,}", " ", " ".join(chunk.split())).strip()
            if joined:
                self.document.blocks.append(Paragraph(self.segments(joined)))

    def segments(self, text: str) -> tuple[Segment, ...]:
        parts: list[Segment] = []
        position = 0
        for match in MARK.finditer(text):
            if match.start() > position:
                parts.append(text[position : match.start()])
            parts.append(self.marks.resolve(int(match.group(1))))
            position = match.end()
        if position < len(text):
            parts.append(text[position:])
        return tuple(parts)


ASSESSMENT_HEADER = {
    "zh-Hans": ("考核项目", "满分", "自评得分", "状态"),
    "zh-Hant": ("考核項目", "滿分", "自評得分", "狀態"),
    "en": ("Item", "Full points", "Points", "Status"),
}


def assessment_table(view: AssessmentView) -> Table:
    rows = tuple(tuple((cell,) for cell in row) for row in view.table_rows())
    caption = view.title
    if view.language == "zh-Hant":
        caption = to_traditional().convert(caption)
        rows = tuple(tuple((to_traditional().convert(c[0]),) for c in row) for row in rows)
    return Table("assessment", caption, ASSESSMENT_HEADER[view.language], rows)
