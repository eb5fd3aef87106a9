"""Compliance: the legal funding tests (三个增长, 两个提高, 两个只增不减) of each year, with evidence.

Full points when every named test passed in every year of the period; with
`per_failure`, that many points come off for each failing test-year instead.
A test with a missing input is never taken as passed.
"""

from __future__ import annotations

from typing import Literal

from dudao.assess.model import InputValue, Outcome, Reason
from dudao.assess.rules.base import ItemContext, RuleParams, Scope, full, named
from dudao.catalogue.models import Declared


class ComplianceTestRef(Declared):
    indicator: str
    scope: Scope | None = None


class ComplianceParams(RuleParams):
    kind: Literal["compliance"]
    tests: tuple[ComplianceTestRef, ...]
    per_failure: float | None = None  # points off per failing test-year; None: all or nothing

    def indicator_ids(self) -> tuple[str, ...]:
        return tuple(test.indicator for test in self.tests)


class Compliance:
    name = "compliance"
    params = ComplianceParams

    def score(self, params: RuleParams, context: ItemContext) -> Outcome:
        assert isinstance(params, ComplianceParams)
        inputs: list[InputValue] = []
        failed: list[Reason] = []
        unknown: list[Reason] = []
        for test in params.tests:
            for year in context.years:
                result = context.values.get(test.indicator, context.unit_code, test.scope, year)
                label = _label(test, year)
                if result is None or result.passed is None:
                    unknown.append(label)
                    if result is not None:
                        inputs.append(InputValue.of(result))
                    continue
                inputs.append(InputValue.of(result))
                if not result.passed:
                    failed.append(label + _values(result.evidence))
        return _outcome(params, context, failed, unknown, tuple(inputs))


def _outcome(
    params: ComplianceParams,
    context: ItemContext,
    failed: list[Reason],
    unknown: list[Reason],
    inputs: tuple[InputValue, ...],
) -> Outcome:
    lost = len(failed) + len(unknown)
    if params.per_failure is None:
        points = 0.0 if lost else context.max_points
    else:
        points = max(0.0, context.max_points - params.per_failure * lost)
    parts = [Reason("未达标：", "failed: ") + f for f in failed]
    parts += [
        Reason("缺数据（不视为达标）：", "missing, not taken as passed: ") + u for u in unknown
    ]
    if not parts:
        reason = Reason("各年各项均达标，", "every test passed in every year: ") + full(points)
        return Outcome("met", points, reason, inputs)
    summary = Reason(f"得 {points:g} 分", f"{points:g} points")
    reason = Reason.join([*parts, summary])
    if not failed:
        return Outcome("no_data", points, reason, inputs)
    return Outcome("partial" if points > 0 else "not_met", points, reason, inputs)


def _label(test: ComplianceTestRef, year: int) -> Reason:
    name = named(test.indicator, test.scope)
    return Reason(f"{year}年 {name.zh}", f"{name.en} {year}")


def _values(evidence: dict[str, object] | None) -> Reason:
    """The values the test compared: `教育经费占财政支出总额比例 2007年 16.88，2006年 18.27`."""
    values = (evidence or {}).get("values")
    if not isinstance(values, dict):
        return Reason("", "")
    zh, en = [], []
    for key, value in values.items():
        if not isinstance(value, int | float):
            continue
        indicator, _, year = str(key).partition("@")
        name = named(indicator)
        zh.append(f"{name.zh}{f' {year}年' if year else ''} {value:.2f}")
        en.append(f"{name.en}{f' {year}' if year else ''} {value:.2f}")
    return Reason(f"（{'，'.join(zh)}）", f" ({', '.join(en)})")
