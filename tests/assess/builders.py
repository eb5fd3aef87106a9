"""Hand-made indicator results and contexts for rule tests."""

from __future__ import annotations

from typing import Any

from dudao.assess.answers import Answer
from dudao.assess.rules import ItemContext, RuleParams, rules_by_name
from dudao.assess.schools import SchoolVerdicts
from dudao.assess.values import Values
from dudao.compute import IndicatorResult


def value(
    indicator: str, unit: str, year: int, number: float | None, scope: str | None = None
) -> IndicatorResult:
    return IndicatorResult(
        indicator=indicator, unit_code=unit, year=year, value=number, numerator=None,
        denominator=None, display=None if number is None else f"{number:g}", scope=scope, kind="ratio",
    )  # fmt: skip


def compliance_result(
    indicator: str, unit: str, year: int, passed: bool | None, scope: str | None = None
) -> IndicatorResult:
    return IndicatorResult(
        indicator=indicator, unit_code=unit, year=year, value=None, numerator=None,
        denominator=None, display=None, scope=scope, kind="compliance", passed=passed,
        evidence={"values": {f"edu_budget@{year}": 10.0, f"edu_budget@{year - 1}": 11.0}},
    )  # fmt: skip


def context(
    results: list[IndicatorResult],
    *,
    unit: str = "440103",
    years: tuple[int, ...] = (2008,),
    points: float = 10.0,
    peers: tuple[str, ...] = ("440103",),
    answer: Answer | None = None,
    schools: SchoolVerdicts | None = None,
) -> ItemContext:
    return ItemContext("item", unit, years, points, Values(results), peers, answer, schools)


def params(kind: str, **fields: Any) -> RuleParams:
    return rules_by_name()[kind].params.model_validate({"kind": kind, **fields})


def score(kind: str, ctx: ItemContext, **fields: Any):  # type: ignore[no-untyped-def]
    return rules_by_name()[kind].score(params(kind, **fields), ctx)
