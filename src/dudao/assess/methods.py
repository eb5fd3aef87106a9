"""评分办法: how a rule gives points, in words, for score sheets (when the framework gives none)."""

from __future__ import annotations

from collections.abc import Callable

from dudao.assess.model import Reason
from dudao.assess.rules import RuleParams
from dudao.assess.rules.all_schools import AllSchoolsParams
from dudao.assess.rules.bands import BandsParams
from dudao.assess.rules.base import Condition, named
from dudao.assess.rules.compliance import ComplianceParams
from dudao.assess.rules.deduction import DeductionParams
from dudao.assess.rules.evidence import EvidenceParams
from dudao.assess.rules.linear import LinearParams
from dudao.assess.rules.manual import ManualParams
from dudao.assess.rules.rating import RatingParams
from dudao.assess.rules.threshold import ThresholdParams
from dudao.catalogue import default_catalogue
from dudao.catalogue.frameworks import FrameworkItem


def method_of(item: FrameworkItem, params: RuleParams | None) -> Reason:
    if item.method is not None:
        return Reason(item.method.zh, item.method.en)
    if params is None:
        return Reason("按各分项合计", "sum of the sub-items")
    describe = DESCRIBERS.get(type(params))
    return describe(params) if describe else Reason(params.kind, params.kind)


def _condition(condition: Condition) -> Reason:
    name = named(condition.indicator, condition.scope)
    when = Reason("每年", "every year ") if condition.each_year else Reason("", "")
    return Reason(f"{name.zh}{when.zh}{condition.text}", f"{name.en} {when.en}{condition.text}")


def _threshold(p: RuleParams) -> Reason:
    assert isinstance(p, ThresholdParams)
    return _condition(p) + Reason("，达到得满分，否则0分", ": full points if met, else 0")


def _linear(p: RuleParams) -> Reason:
    assert isinstance(p, LinearParams)
    name = named(p.indicator, p.scope)
    return Reason(
        f"{name.zh} {p.floor:g} 得0分，{p.target:g} 得满分，其间按比例",
        f"{name.en}: 0 at {p.floor:g}, full at {p.target:g}, in proportion",
    )


def _bands(p: RuleParams) -> Reason:
    assert isinstance(p, BandsParams)
    name = named(p.indicator, p.scope)
    bands = "，".join(f"{band.text} {band.points:g}分" for band in p.bands)
    by = Reason("按排名", "by rank") if p.by == "rank" else Reason("按数值", "by value")
    return Reason(f"{name.zh}{by.zh}：{bands}", f"{name.en} {by.en}: {bands}")


def _compliance(p: RuleParams) -> Reason:
    assert isinstance(p, ComplianceParams)
    tests = [named(t.indicator, t.scope) for t in p.tests]
    listing = Reason.join(tests)
    if p.per_failure is None:
        return listing + Reason(
            "：各年均达标得满分，否则0分", ": full points if all pass every year, else 0"
        )
    return listing + Reason(
        f"：每项每年未达标或缺数据扣{p.per_failure:g}分",
        f": {p.per_failure:g} off per failing or missing test-year",
    )


def _deduction(p: RuleParams) -> Reason:
    assert isinstance(p, DeductionParams)
    return Reason.join([_condition(e) for e in p.elements]) + Reason(
        f"：每项未达标扣{p.per_failure:g}分", f": {p.per_failure:g} off per element not met"
    )


def _all_schools(p: RuleParams) -> Reason:
    """The standard's terms are the catalogue indicator's test: stated once, read here."""
    assert isinstance(p, AllSchoolsParams)
    test = default_catalogue().indicators[p.indicator].test
    assert test is not None
    count = len(test.thresholds)
    least = test.at_least if test.at_least is not None else count
    share = f"{(test.floor or 0) * 100:g}%"
    return Reason(
        f"每校{count}项中至少{least}项达标、其余不低于标准的{share}，全部学校达到得满分",
        f"each school meets ≥ {least} of {count}, the rest ≥ {share}; full points if all do",
    )


def _rating(p: RuleParams) -> Reason:
    assert isinstance(p, RatingParams)
    return Reason(
        f"{len(p.criteria)}项评定A/B/C，A≥{p.min_a}项且C≤{p.max_c}项为合格",
        f"{len(p.criteria)} criteria rated A/B/C; pass with A ≥ {p.min_a} and C ≤ {p.max_c}",
    )


def _manual(p: RuleParams) -> Reason:
    assert isinstance(p, ManualParams)
    scale = (
        Reason("按百分比折算", "percentage of the points")
        if p.scale == "percent"
        else Reason("直接给分", "points entered")
    )
    if p.pass_at is not None:
        scale = scale + Reason(f"，不低于{p.pass_at:g}为达标", f"; met at {p.pass_at:g} or more")
    return Reason("人工评分，", "entered by a person, ") + scale


def _evidence(p: RuleParams) -> Reason:
    return Reason(
        "查阅资料、实地核查，达到得满分，否则0分；未答为待评",
        "documents and visits: full points if met, else 0; unanswered is pending",
    )


DESCRIBERS: dict[type, Callable[[RuleParams], Reason]] = {
    ThresholdParams: _threshold,
    LinearParams: _linear,
    BandsParams: _bands,
    ComplianceParams: _compliance,
    DeductionParams: _deduction,
    AllSchoolsParams: _all_schools,
    RatingParams: _rating,
    ManualParams: _manual,
    EvidenceParams: _evidence,
}
