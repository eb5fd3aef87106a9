"""Findings from data: shortfalls are found and never left out of the report."""

from __future__ import annotations

from dudao.catalogue import Language, default_catalogue
from dudao.catalogue.reports import ComplianceRule, TrendRule
from dudao.compute import IndicatorResult
from dudao.report.document import Document, Heading
from dudao.report.findings import FindingContext, compliance_findings, trend_findings
from dudao.report.results import OrgUnits, ResultIndex

ORGS = OrgUnits({"c": "市", "d": "区"}, {"c": "city", "d": "district"}, {"c": None, "d": "c"})


def share(year: int, value: float, scope: str = "own_level") -> IndicatorResult:
    return IndicatorResult(
        "edu_share_of_general_budget", "c", year, value, value, 100.0, None, scope=scope
    )


def context(results: list[IndicatorResult], years: list[int]) -> FindingContext:
    return FindingContext(default_catalogue(), ResultIndex(results), ORGS, "c", years)


def test_a_fall_is_a_shortfall_and_the_rise_over_the_years_a_strength() -> None:
    results = [share(2006, 21.0), share(2007, 19.4), share(2008, 19.6)]
    rule = TrendRule(indicator="edu_share_of_general_budget", scope="own_level", area="funding")
    found = list(trend_findings(rule, context(results, [2006, 2007, 2008])))
    assert [(f.kind, f.rule, f.years) for f in found] == [("shortfall", "fell", (2006, 2007))]


def test_a_change_below_the_printed_precision_is_no_fall() -> None:
    results = [share(2006, 21.004), share(2007, 20.996)]  # both print 21.00%
    rule = TrendRule(indicator="edu_share_of_general_budget", scope="own_level", area="funding")
    assert list(trend_findings(rule, context(results, [2006, 2007]))) == []


def test_a_failed_legal_test_is_a_shortfall_with_the_values_compared() -> None:
    failed = IndicatorResult(
        "two_rises_share", "c", 2007, None, None, None, None, scope="own_level", kind="compliance",
        passed=False, evidence={"used": "edu_share_of_general_budget"},
    )  # fmt: skip
    results = [failed, share(2006, 21.0), share(2007, 19.4)]
    rule = ComplianceRule(indicator="two_rises_share", scopes=("own_level",), area="funding")
    (finding,) = compliance_findings(rule, context(results, [2007]))
    assert (finding.kind, finding.years) == ("shortfall", (2007,))
    assert [r.value for r in finding.evidence] == [21.0, 19.4]


def test_the_seed_own_level_share_falling_in_2007_is_a_shortfall(seed_results: list) -> None:
    from dudao.report.generate import report_findings
    from dudao.report.seed import seed_request

    found = report_findings(seed_results, _orgs(seed_results), seed_request())
    shortfalls = {(f.rule, f.indicator, f.scope, f.years) for f in found if f.kind == "shortfall"}
    assert ("test_failed", "two_rises_share", "own_level", (2007,)) in shortfalls
    assert ("fell", "edu_share_of_general_budget", "own_level", (2006, 2007)) in shortfalls


def _orgs(results: list) -> OrgUnits:
    from dudao.demo import SEED_CITY_CODE

    units = {r.unit_code for r in results}
    parents = {
        u: (
            SEED_CITY_CODE if u != SEED_CITY_CODE and u.startswith("4401") and len(u) == 6 else None
        )
        for u in units
    }
    return OrgUnits({u: u for u in units}, {SEED_CITY_CODE: "city"}, parents)


def shortfall_paragraph(document: Document) -> str:
    """The "不足" paragraph: the last paragraph of section 二."""
    texts: list[str] = []
    inside = False
    for block in document.blocks:
        if isinstance(block, Heading) and block.level == 1:
            if inside:
                break
            inside = block.number in ("二、", "2. ")
        elif inside and hasattr(block, "segments"):
            texts.append(block.text)  # type: ignore[union-attr]
    return texts[-1]


def test_the_report_states_the_2007_fall_in_its_shortfalls_and_next_steps(
    seed_documents: dict[Language, Document],
) -> None:
    document = seed_documents["zh-Hans"]
    paragraph = shortfall_paragraph(document)
    assert "困难和问题" in paragraph
    assert "2007年市本级未达到“两个提高之一" in paragraph
    assert "市本级教育经费占一般预算支出比例由2006年的21.00%降至2007年的19.40%" in paragraph
    steps = [b for b in document.blocks if isinstance(b, Heading) and b.number == "三、"]
    assert steps, "no next-steps section"
    after = document.blocks[document.blocks.index(steps[0]) :]
    assert any(isinstance(b, Heading) and "两个提高" in b.text for b in after)


def test_the_self_assessment_is_stated_and_its_lost_points_are_shortfalls(
    seed_documents: dict[Language, Document],
) -> None:
    from dudao.report.document import Table

    document = seed_documents["zh-Hans"]
    texts = [b.text for b in document.paragraphs()]
    assert any(t.startswith("对照《广东省市县党政领导干部履行基础教育职责考核") for t in texts)
    table = next(b for b in document.blocks if isinstance(b, Table) and b.id == "assessment")
    assert table.header == ("考核项目", "满分", "自评得分", "状态")
    assert "考核项目“落实‘两个提高’”自评得" in shortfall_paragraph(document)
