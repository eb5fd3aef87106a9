"""The unit's self-assessment against a framework (dudao.assess), as a report states it:
the total, grade and rank, a table of the framework's items, and every leaf item that
lost points as a shortfall. Items waiting for a person's answer are named as pending, and
the grade is then called provisional."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dudao.assess import Answers, ItemScore, UnitAssessment, assess, get_framework
from dudao.assess.frameworks import rule_params
from dudao.assess.rules import DEFAULT_RULES
from dudao.catalogue import Language
from dudao.catalogue.reports import ReportModel
from dudao.compute import IndicatorResult
from dudao.report.results import OrgUnits


def framework_indicators(framework_id: str) -> list[str]:
    params = rule_params(get_framework(framework_id), DEFAULT_RULES)
    return sorted({indicator for p in params.values() for indicator in p.indicator_ids()})


def model_frameworks(model: ReportModel) -> list[str]:
    return [s.assessment for s in model.walk() if s.assessment is not None]


def assess_unit(
    framework_id: str,
    results: Sequence[IndicatorResult],
    orgs: OrgUnits,
    unit: str,
    years: list[int],
    data_version: str,
    answers: Answers | None = None,
) -> UnitAssessment | None:
    """The unit scored; items people answered (`answers`, e.g. marks in the store) are scored
    from their answers, the others needing a person stay pending."""
    found = assess(
        framework_id,
        results,
        unit_levels=orgs.levels,
        units=[unit],
        years=years,
        unit_names=orgs.names,
        data_version=data_version,
        answers=answers,
    )
    return found[0] if found else None


@dataclass(frozen=True)
class AssessmentView:
    """What the templates read, in the report's language."""

    assessment: UnitAssessment
    language: Language

    def _text(self, zh: str, en: str) -> str:
        return en if self.language == "en" else zh

    @property
    def title(self) -> str:
        framework = get_framework(self.assessment.framework)
        return self._text(framework.title.zh, framework.title.en)

    @property
    def total(self) -> str:
        return _points(self.assessment.total)

    @property
    def max_total(self) -> str:
        return _points(self.assessment.max_total)

    @property
    def grade(self) -> str:
        grade = self.assessment.grade
        return self._text(grade.zh, grade.en)

    @property
    def rank(self) -> int | None:
        return self.assessment.rank if self.assessment.peers > 1 else None

    @property
    def peers(self) -> int:
        return self.assessment.peers

    @property
    def pending(self) -> list[str]:
        return [self.item_title(self.assessment.item(i)) for i in self.assessment.pending]

    @property
    def years(self) -> list[int]:
        return list(self.assessment.years)

    def item_title(self, item: ItemScore) -> str:
        return self._text(item.title.zh, item.title.en)

    def table_rows(self) -> list[tuple[str, str, str, str]]:
        """The scored items down to the second level: title, full points, points, status."""
        rows = []
        for item in self.assessment.items:
            if item.depth > 2 or item.max_points == 0:
                continue
            points = "—" if item.points is None else _points(item.points)
            indent = "　" * (item.depth - 1)
            rows.append(
                (
                    indent + self.item_title(item),
                    _points(item.max_points),
                    points,
                    self.status(item),
                )
            )
        return rows

    def status(self, item: ItemScore) -> str:
        words = {
            "met": ("达标", "met"),
            "partial": ("部分达标", "partly met"),
            "not_met": ("未达标", "not met"),
            "pending": ("待人工核实", "awaiting a person's check"),
            "no_data": ("缺数据", "no data"),
        }[item.status]
        return self._text(*words)

    def lost(self) -> list[ItemScore]:
        """Leaf items scored by a rule that lost points (or failed a must-meet or veto test)."""
        return [
            item
            for item in self.assessment.items
            if item.rule is not None and item.status in ("partial", "not_met", "no_data")
        ]


def _points(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"
