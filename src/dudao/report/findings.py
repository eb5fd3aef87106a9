"""Findings from data: rules that turn indicator values, trends, legal tests and targets
into strengths and shortfalls, each with the results that are its evidence.

Shortfalls are never filtered out: every fall, failed test and missed target found in
the report's years is one. The narrative states them in the "不足" paragraph and builds
the next-steps section from their areas.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from dudao.assess import ItemScore
from dudao.catalogue import Catalogue, Indicator, format_half_up
from dudao.catalogue.reports import (
    ComplianceRule,
    FindingRules,
    PeerRule,
    TargetRule,
    TrendRule,
)
from dudao.compute import IndicatorResult
from dudao.report.results import OrgUnits, ResultIndex

FindingKind = Literal["strength", "shortfall"]


@dataclass(frozen=True)
class Finding:
    kind: FindingKind
    rule: (
        str  # rose, fell, test_passed, test_failed, target_met, target_missed, peer_best, peers_low
    )
    area: str
    indicator: str
    scope: str | None
    years: tuple[int, ...]
    evidence: tuple[IndicatorResult, ...]  # the results the statement prints, in order
    target: float | None = None
    item: ItemScore | None = None  # an assessment item that lost points


@dataclass(frozen=True)
class FindingContext:
    catalogue: Catalogue
    index: ResultIndex
    orgs: OrgUnits
    unit: str
    years: list[int]

    def indicator(self, indicator_id: str) -> Indicator:
        return self.catalogue.indicators[indicator_id]

    def series(
        self, indicator: str, scope: str | None, with_previous: bool = False
    ) -> list[IndicatorResult]:
        years = ([self.years[0] - 1] if with_previous else []) + self.years
        found = [self.index.valued(indicator, self.unit, scope, year) for year in years]
        return [result for result in found if result is not None]


def trend_findings(rule: TrendRule, context: FindingContext) -> Iterator[Finding]:
    indicator = context.indicator(rule.indicator)
    series = context.series(rule.indicator, rule.scope, with_previous=True)
    better = 1 if indicator.higher_is_better else -1

    def printed(result: IndicatorResult) -> float:
        return float(format_half_up(result.value or 0.0, indicator.decimals))

    for before, after in pairwise(series):
        if after.year is not None and (printed(after) - printed(before)) * better < 0:
            yield Finding(
                "shortfall", "fell", rule.area, rule.indicator, rule.scope,
                (before.year or 0, after.year), (before, after),
            )  # fmt: skip
    within = [result for result in series if result.year in context.years]
    if len(within) >= 2 and (printed(within[-1]) - printed(within[0])) * better > 0:
        first, last = within[0], within[-1]
        yield Finding(
            "strength", "rose", rule.area, rule.indicator, rule.scope,
            (first.year or 0, last.year or 0), (first, last),
        )  # fmt: skip


def compliance_findings(rule: ComplianceRule, context: FindingContext) -> Iterator[Finding]:
    test = context.indicator(rule.indicator).test
    assert test is not None  # a compliance indicator declares its test
    for scope in rule.scopes:
        results = [context.index.get(rule.indicator, context.unit, scope, y) for y in context.years]
        judged = [result for result in results if result is not None and result.passed is not None]
        for result in judged:
            if not result.passed and result.year is not None:
                evidence = tuple(_test_evidence(result, test.rule, test.indicators, context))
                yield Finding(
                    "shortfall", "test_failed", rule.area, rule.indicator, scope,
                    (result.year,), evidence,
                )  # fmt: skip
        if judged and all(result.passed for result in judged):
            years = tuple(result.year or 0 for result in judged)
            yield Finding("strength", "test_passed", rule.area, rule.indicator, scope, years, ())


def _test_evidence(
    result: IndicatorResult, rule: str, indicators: tuple[str, ...], context: FindingContext
) -> Iterator[IndicatorResult]:
    """The values the test compared: this year's (and, for year-on-year rules, last year's)."""
    year = result.year or 0
    used = (result.evidence or {}).get("used")
    for indicator in [used] if isinstance(used, str) else indicators:
        years = [year] if rule == "greater" else [year - 1, year]
        for each in years:
            found = context.index.valued(indicator, context.unit, result.scope, each)
            if found is not None:
                yield found


def target_findings(rule: TargetRule, context: FindingContext) -> Iterator[Finding]:
    series = context.series(rule.indicator, rule.scope)
    if not series:
        return
    last = series[-1]
    kind: FindingKind = "strength" if (last.value or 0.0) >= rule.at_least else "shortfall"
    name = "target_met" if kind == "strength" else "target_missed"
    yield Finding(
        kind, name, rule.area, rule.indicator, rule.scope, (last.year or 0,), (last,),
        target=rule.at_least,
    )  # fmt: skip


def peer_findings(rule: PeerRule, context: FindingContext) -> Iterator[Finding]:
    """Child units in the last year with values: the best, and those far below the unit."""
    own = context.series(rule.indicator, None)
    if not own or own[-1].year is None:
        return
    year = own[-1].year
    peers = [
        found
        for child in context.orgs.children(context.unit)
        if (found := context.index.valued(rule.indicator, child, None, year)) is not None
    ]
    if not peers:
        return
    ranked = sorted(peers, key=lambda result: result.value or 0.0, reverse=True)
    yield Finding("strength", "peer_best", rule.area, rule.indicator, None, (year,), (ranked[0],))
    low = [r for r in ranked if (r.value or 0.0) < (own[-1].value or 0.0) - rule.gap]
    if low:
        yield Finding(
            "shortfall", "peers_low", rule.area, rule.indicator, None, (year,),
            (own[-1], *low), target=rule.gap,
        )  # fmt: skip


Rule = TrendRule | ComplianceRule | TargetRule | PeerRule
RULES: tuple[tuple[str, Callable[..., Iterator[Finding]]], ...] = (
    ("trends", trend_findings),
    ("compliance", compliance_findings),
    ("targets", target_findings),
    ("peers", peer_findings),
)


def find(rules: FindingRules, context: FindingContext) -> list[Finding]:
    """Every finding of the report's rules, strengths and shortfalls, in declaration order."""
    found: list[Finding] = []
    for group, apply in RULES:
        for rule in getattr(rules, group):
            found.extend(apply(rule, context))
    # a fall a failed legal test already cites is stated once, with the test
    cited = {
        tuple(r.key for r in f.evidence) for f in found if f.rule == "test_failed" and f.evidence
    }
    return [
        f for f in found if not (f.rule == "fell" and tuple(r.key for r in f.evidence) in cited)
    ]


def assessment_findings(lost: list[ItemScore], area: str, years: tuple[int, ...]) -> list[Finding]:
    """Every assessment item that lost points is a shortfall of the area that states it."""
    return [
        Finding("shortfall", "item_lost", area, "", None, years, (), item=item) for item in lost
    ]
