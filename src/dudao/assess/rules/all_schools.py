"""All schools: every school of the unit meets a per-school standard (教督〔2017〕6号:
≥ 6 of 7, the rest ≥ 85 %).

The standard is a school-level compliance indicator of the catalogue
(`balance2017_school_standard_<stage>`): compute judges each school with its
evidence, and this rule only counts the schools that fall short. A school that
cannot be judged (a value not reported) cannot meet the standard.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Literal

from dudao.assess.model import InputValue, Outcome, Reason
from dudao.assess.rules.base import ItemContext, RuleParams, full
from dudao.assess.values import label
from dudao.catalogue import Catalogue
from dudao.compute import IndicatorResult

SHOWN = 5  # failing schools named in the reason


class AllSchoolsParams(RuleParams):
    kind: Literal["all_schools"]
    indicator: str  # a school-level compliance indicator: the standard each school must meet
    per_failing_school: float | None = None  # points off per school; None: all or nothing

    def indicator_ids(self) -> tuple[str, ...]:
        return (self.indicator,)

    def catalogue_problems(self, catalogue: Catalogue) -> list[str]:
        indicator = catalogue.indicators[self.indicator]
        if indicator.kind == "compliance" and "school" in indicator.levels:
            return []
        return [
            f"{self.indicator} 不是学校层级的达标判定 is not a school-level compliance "
            f"indicator (kind {indicator.kind}, levels {list(indicator.levels)})"
        ]


def _below(verdict: IndicatorResult) -> list[str]:
    """The measures where the school is under its standard or did not report (evidence)."""
    evidence = verdict.evidence or {}
    values: Mapping[str, float | None] = evidence.get("values", {})  # type: ignore[assignment]
    thresholds: Mapping[str, float] = evidence.get("thresholds", {})  # type: ignore[assignment]
    return [
        name
        for name, standard in thresholds.items()
        if (value := values.get(name)) is None or value < standard
    ]


def _shortfalls(failing: Sequence[IndicatorResult]) -> Reason:
    """How many failing schools fall below each measure: where the gap is."""
    counts: dict[str, int] = {}
    for verdict in failing:
        for name in _below(verdict):
            counts[name] = counts.get(name, 0) + 1
    if not counts:
        return Reason("", "")
    ordered = sorted(((below, name) for name, below in counts.items()), reverse=True)
    parts = [f"{_measure(name)[0]} {below}所" for below, name in ordered]
    parts_en = [f"{_measure(name)[1]}: {below}" for below, name in ordered]
    return Reason(
        f"；未达标准的学校数：{'，'.join(parts)}",
        f"; schools below each standard: {'; '.join(parts_en)}",
    )


def _measure(indicator: str) -> tuple[str, str]:
    """A measure's name from its label: `小学生均体育运动场馆面积（优质均衡评估学校）` → `小学生均体育运动场馆面积`."""
    zh, en = label(indicator)
    zh = re.sub(r"（优质均衡评估学校）$", "", zh)
    en = re.sub(r" \(schools of the 20\d\d evaluation\)$", "", en)
    return zh, en


class AllSchools:
    name = "all_schools"
    params = AllSchoolsParams

    def score(self, params: RuleParams, context: ItemContext) -> Outcome:
        assert isinstance(params, AllSchoolsParams)
        if context.schools is None:
            reason = Reason("未提供各校数据，不计分", "no per-school verdicts given: no points")
            return Outcome("no_data", 0.0, reason)
        schools = context.schools.schools(context.unit_code, context.year, params.indicator)
        failing = [code for code, verdict in schools.items() if verdict.passed is not True]
        total = len(schools)
        fact = InputValue(
            source="schools", unit_code=context.unit_code, year=context.year,
            value=float(len(failing)), display=f"{total - len(failing)}/{total}",
            evidence={"schools": total, "failing": failing},
        )  # fmt: skip
        if total == 0:
            return Outcome(
                "no_data",
                0.0,
                Reason("无评估学校，不计分", "no schools to assess: no points"),
                (fact,),
            )
        if not failing:
            reason = Reason(
                f"{context.year}年 {total} 所学校全部达标，",
                f"{context.year}: all {total} schools meet the standard: ",
            ) + full(context.max_points)
            return Outcome("met", context.max_points, reason, (fact,))
        if params.per_failing_school is None:
            points = 0.0
        else:
            points = max(0.0, context.max_points - params.per_failing_school * len(failing))
        more = "…" if len(failing) > SHOWN else ""
        named, named_en = "、".join(failing[:SHOWN]) + more, ", ".join(failing[:SHOWN]) + more
        reason = Reason(
            f"{context.year}年 {total} 所学校中 {len(failing)} 所未达标（{named}），得 {points:g} 分",
            f"{context.year}: {len(failing)} of {total} schools fall short ({named_en}): {points:g} points",
        ) + _shortfalls([schools[code] for code in failing])
        return Outcome("partial" if points > 0 else "not_met", points, reason, (fact,))
