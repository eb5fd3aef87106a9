"""assess(): score units against a framework from computed indicators and people's answers."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence

from dudao.assess.answers import Answers
from dudao.assess.frameworks import get_framework, rule_params
from dudao.assess.grades import grade_of, rank
from dudao.assess.model import ItemScore, Reason, UnitAssessment
from dudao.assess.rules import DEFAULT_RULES, ItemContext, RuleParams, ScoringRule, rules_by_name
from dudao.assess.schools import SchoolVerdicts
from dudao.assess.tree import Scorer, item_max
from dudao.assess.values import Values
from dudao.catalogue.frameworks import Framework
from dudao.compute import IndicatorResult

FAILING = ("not_met", "no_data")  # a must-meet item must be shown met: missing data fails it


def assess(
    framework: Framework | str,
    results: Iterable[IndicatorResult],
    *,
    unit_levels: Mapping[str, str],
    units: Collection[str] = (),
    years: Sequence[int] | None = None,
    answers: Answers | None = None,
    schools: SchoolVerdicts | None = None,
    unit_names: Mapping[str, str] | None = None,
    data_version: str | None = None,
    rules: tuple[ScoringRule, ...] = DEFAULT_RULES,
) -> list[UnitAssessment]:
    """Every unit of the framework's level scored, graded and ranked among its peers.

    `years`: the assessed year, or every year of a period (rules read the last year
    unless they check each); default the latest year of the results. `units` only
    filters what is returned: ranks always compare every unit of the level.
    """
    framework = get_framework(framework) if isinstance(framework, str) else framework
    registry = rules_by_name(rules)
    params = rule_params(framework, rules)
    read = {indicator for p in params.values() for indicator in p.indicator_ids()}
    values = Values(r for r in results if r.indicator in read)
    assessed = tuple(sorted(years)) if years else (values.latest_year(),)
    peers = tuple(sorted(code for code, level in unit_levels.items() if level == framework.level))
    scored = [
        _assess_unit(framework, unit, assessed, values, peers, registry, params, answers, schools)
        for unit in peers
    ]
    rank(scored)
    names = unit_names or {}
    for assessment in scored:
        assessment.unit_name = names.get(assessment.unit_code)
        assessment.data_version = data_version
    return [a for a in scored if not units or a.unit_code in units]


def _assess_unit(
    framework: Framework,
    unit: str,
    years: tuple[int, ...],
    values: Values,
    peers: tuple[str, ...],
    registry: dict[str, ScoringRule],
    params: Mapping[str, RuleParams],
    answers: Answers | None,
    schools: SchoolVerdicts | None,
) -> UnitAssessment:
    base = ItemContext("", unit, years, 0.0, values, peers, schools=schools)
    unit_answers = dict((answers or {}).get(unit, {}))
    scorer = Scorer(registry, params, base, unit_answers)
    items: list[ItemScore] = []
    for item in framework.items:
        items.extend(scorer.score(item, framework.points, None, 1))
    total = sum(i.points or 0.0 for i in items if i.depth == 1)
    vetoed = tuple(
        i.item_id for i in items if i.role == "veto" and i.rule and i.status == "not_met"
    )
    must_meet = tuple(
        i.item_id for i in items if i.role == "must_meet" and i.rule and i.status in FAILING
    )
    pending = tuple(i.item_id for i in items if i.status == "pending" and i.rule is not None)
    grade, notes = grade_of(framework, total, vetoed, must_meet)
    if pending:
        notes += (
            Reason(
                f"{len(pending)}项待评，等级为暂定",
                f"{len(pending)} items pending: the grade is provisional",
            ),
        )
    return UnitAssessment(
        framework=framework.id,
        unit_code=unit,
        unit_name=None,
        years=years,
        total=total,
        max_total=sum(item_max(item, framework.points) for item in framework.items),
        grade=grade,
        vetoed=bool(vetoed),
        veto_failed=vetoed,
        must_meet_failed=must_meet,
        pending=pending,
        items=tuple(items),
        notes=notes,
    )
