"""All schools: every school meets at least `min_met` of the standards and the rest at
`rest_at_least` of theirs (教督〔2017〕6号: ≥ 6 of 7, the rest ≥ 85 %).

A school's value is its own R ÷ P of the standard's dispersion indicator
(`dudao.assess.schools`); a value not reported cannot meet a standard.
"""

from __future__ import annotations

import re
from typing import Literal

from dudao.assess.model import InputValue, Outcome, Reason
from dudao.assess.rules.base import ItemContext, RuleParams, full
from dudao.assess.values import label
from dudao.catalogue.models import Declared

SHOWN = 5  # failing schools named in the reason


class SchoolStandard(Declared):
    indicator: str  # a dispersion indicator: its per-school R ÷ P is the school's value
    at_least: float
    scale: float = 1.0  # value × scale is compared (万元 -> 元: 10000)


class AllSchoolsParams(RuleParams):
    kind: Literal["all_schools"]
    standards: tuple[SchoolStandard, ...]
    min_met: int
    rest_at_least: float = 0.85  # of the standard
    per_failing_school: float | None = None  # points off per school; None: all or nothing

    def indicator_ids(self) -> tuple[str, ...]:
        return tuple(s.indicator for s in self.standards)


def school_meets(params: AllSchoolsParams, values: dict[str, float | None]) -> bool:
    met = 0
    for standard in params.standards:
        value = values.get(standard.indicator)
        if value is None:
            return False
        if value * standard.scale >= standard.at_least:
            met += 1
        elif value * standard.scale < params.rest_at_least * standard.at_least:
            return False
    return met >= params.min_met


def _shortfalls(params: AllSchoolsParams, failing: list[dict[str, float | None]]) -> Reason:
    """How many failing schools fall below each standard: where the gap is."""
    counts = []
    for standard in params.standards:
        below = sum(
            1
            for values in failing
            if (value := values.get(standard.indicator)) is None
            or value * standard.scale < standard.at_least
        )
        if below:
            counts.append((below, standard.indicator))
    if not counts:
        return Reason("", "")
    parts = [
        f"{_standard(indicator)[0]} {below}所" for below, indicator in sorted(counts, reverse=True)
    ]
    parts_en = [
        f"{_standard(indicator)[1]}: {below}" for below, indicator in sorted(counts, reverse=True)
    ]
    return Reason(
        f"；未达标准的学校数：{'，'.join(parts)}",
        f"; schools below each standard: {'; '.join(parts_en)}",
    )


def _standard(indicator: str) -> tuple[str, str]:
    """The standard's name from its CV indicator's label: `小学生均体育运动场馆面积`."""
    zh, en = label(indicator)
    zh = re.sub(r"差异系数.*$", "", zh)
    en = re.sub(r"^CV of |,? \(balance20\d\d\)$", "", en)
    return zh, en


class AllSchools:
    name = "all_schools"
    params = AllSchoolsParams

    def score(self, params: RuleParams, context: ItemContext) -> Outcome:
        assert isinstance(params, AllSchoolsParams)
        if context.schools is None:
            reason = Reason("未提供各校数据，不计分", "no per-school values given: no points")
            return Outcome("no_data", 0.0, reason)
        schools = context.schools.schools(context.unit_code, context.year, params.indicator_ids())
        failing = [code for code, values in schools.items() if not school_meets(params, values)]
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
        ) + _shortfalls(params, [schools[code] for code in failing])
        return Outcome("partial" if points > 0 else "not_met", points, reason, (fact,))
