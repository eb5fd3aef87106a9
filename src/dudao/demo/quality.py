"""Which schools hold which designation: decided before sizes, because model highs are big.

Standardised schools (规范化学校) hit the coverage of four units exactly; the
senior schools fall in three groups whose seats make the two seat shares:
model highs held or in progress (47.75 % of seats), other first-class schools,
and plain schools (the 10.88 % outside 89.12 %).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from dudao.demo import calibration as target
from dudao.demo.allocation import allocate
from dudao.demo.geography import DISTRICTS, Zone
from dudao.demo.model import School
from dudao.demo.rounding import numerator_for

STANDARDISED_RATE = {Zone.CORE: 0.85, Zone.INNER: 0.62, Zone.OUTER: 0.55}
MODEL_SIZE = 3.0  # model highs are the big, sought-after schools
PLAIN_SIZE = 0.95
PLAIN_PUBLIC = 18  # weak rural senior schools outside first class, beside the private ones


@dataclass
class QualityPlan:
    standardised: set[str] = field(default_factory=set)  # holders in 2008
    model_held: list[str] = field(default_factory=list)
    model_in_progress: list[str] = field(default_factory=list)
    model_failed: str = ""  # awarded once, failed its re-evaluation in 2009
    first_class: dict[str, str] = field(default_factory=dict)  # school -> provincial / city
    plain_senior: set[str] = field(default_factory=set)


def plan_quality(schools: list[School], rng: random.Random) -> QualityPlan:
    plan = QualityPlan()
    plan.standardised = _standardised(schools, rng)
    _senior_groups(schools, plan, rng)
    return plan


def standardised_counts(schools: list[School]) -> dict[str, tuple[int, int]]:
    """District -> (holders, compulsory schools) in 2008; the city's ratio prints as 70.05."""
    compulsory = {
        d.code: sum(1 for s in schools if s.district == d.code and s.is_compulsory(2008))
        for d in DISTRICTS
    }
    fixed = {
        code: numerator_for(value, compulsory[code])
        for code, value in target.STANDARDISED_COVERAGE.items()
        if code in compulsory
    }
    city = numerator_for(target.STANDARDISED_COVERAGE[target.CITY], sum(compulsory.values()))
    others = [d for d in DISTRICTS if d.code not in fixed]
    weights = [compulsory[d.code] * STANDARDISED_RATE[d.zone] for d in others]
    shares = allocate(
        city - sum(fixed.values()), weights, caps=[compulsory[d.code] for d in others]
    )
    holders = fixed | {d.code: share for d, share in zip(others, shares, strict=True)}
    return {code: (holders[code], compulsory[code]) for code in compulsory}  # fmt: skip


def _standardised(schools: list[School], rng: random.Random) -> set[str]:
    chosen: set[str] = set()
    for district, (holders, _) in standardised_counts(schools).items():
        pool = [s for s in schools if s.district == district and s.is_compulsory(2008)]
        weights = [(3.0 if s.ownership == "public" else 0.6) * sum(s.sizes.values()) for s in pool]
        chosen |= {s.code for s in weighted_sample(pool, weights, holders, rng)}
    return chosen


def _senior_groups(schools: list[School], plan: QualityPlan, rng: random.Random) -> None:
    senior = [s for s in schools if "senior" in s.stages and s.closed is None and s.opened <= 2008]
    public = [s for s in senior if s.ownership == "public"]
    model = _model_highs(public, rng)
    plan.model_held = [s.code for s in model[: target.MODEL_SENIOR_HIGHS]]
    plan.model_in_progress = [s.code for s in model[target.MODEL_SENIOR_HIGHS :]]
    rest = [s for s in public if s not in model]
    outer = [s for s in rest if _zone(s) is Zone.OUTER]
    plain = [s for s in senior if s.ownership == "private"] + rng.sample(outer, PLAIN_PUBLIC)
    plan.plain_senior = {s.code for s in plain}
    first = [s for s in rest if s.code not in plan.plain_senior]
    plan.model_failed = rng.choice(first).code
    plan.first_class = {s.code: "provincial" for s in model}
    plan.first_class |= {s.code: rng.choice(("provincial", "city")) for s in first}
    for school in senior:
        group = MODEL_SIZE if school in model else PLAIN_SIZE if school in plain else 1.0
        school.sizes["senior"] *= group


def _model_highs(public: list[School], rng: random.Random) -> list[School]:
    """The named city-level schools, each district's flagship, then others: held ones first."""
    named = [s for s in public if "named" in s.tags]
    flagships = [max((s for s in public if s.district == d.code and s not in named), key=lambda s: s.sizes["senior"]) for d in DISTRICTS]  # fmt: skip
    others = [
        s for s in public if s not in named and s not in flagships and _zone(s) is not Zone.OUTER
    ]
    wanted = target.MODEL_SENIOR_HIGHS + target.MODEL_SENIOR_HIGHS_IN_PROGRESS
    extra = rng.sample(others, wanted - len(named) - len(flagships))
    ranked = named + [s for s in flagships if _zone(s) is Zone.CORE] + extra
    return ranked + [s for s in flagships if _zone(s) is not Zone.CORE]


def weighted_sample(
    items: list[School], weights: list[float], count: int, rng: random.Random
) -> list[School]:
    """Sampling without replacement in proportion to weight (Efraimidis and Spirakis)."""
    keys = [rng.random() ** (1 / weight) for weight in weights]
    order = sorted(range(len(items)), key=lambda i: -keys[i])
    return [items[i] for i in sorted(order[:count])]


def _zone(school: School) -> Zone:
    return next(d.zone for d in DISTRICTS if d.code == school.district)
