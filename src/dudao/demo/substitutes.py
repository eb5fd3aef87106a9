"""Substitute teachers (代课教师) and how each case was settled, up to and after October 2009.

By 31 October 2009: 1,041 converted by examination, 80 by open recruitment,
2,246 cases in all, almost all settled. A few cases settled after the cut-off
and a few still pending keep the cut-off date meaningful.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from dudao.demo import calibration as target
from dudao.demo.allocation import allocate
from dudao.demo.geography import DISTRICTS, Zone
from dudao.demo.model import Row

SETTLED_AFTER_CUT_OFF = {"exam_to_established": 6, "open_recruitment": 3}
PENDING = 14
OTHER_OUTCOMES = {
    "support_staff": 0.33,
    "retrained_reemployed": 0.27,
    "dismissed_compensated": 0.40,
}
ZONE_CASES = {
    Zone.CORE: 0.1,
    Zone.INNER: 0.8,
    Zone.OUTER: 1.6,
}  # substitutes taught mostly in rural schools
Outcome = tuple[str, int, bool]  # outcome, cases, settled by the cut-off


def substitute_rows(rng: random.Random) -> list[Row]:
    cases = [(outcome, settled) for outcome, count, settled in _outcomes() for _ in range(count)]
    rng.shuffle(cases)  # case numbers follow the order cases were filed, not their outcome
    weights = [d.population * ZONE_CASES[d.zone] for d in DISTRICTS]
    places = rng.choices(DISTRICTS, weights, k=len(cases))
    return [
        _case(number, district.code, outcome, settled, rng)
        for number, ((outcome, settled), district) in enumerate(zip(cases, places, strict=True), 1)
    ]


def _outcomes() -> list[Outcome]:
    """The seed's conversions by the cut-off, the rest placed otherwise, a few late or pending."""
    outcomes: list[Outcome] = [
        ("exam_to_established", target.SUBSTITUTE_EXAM_TO_ESTABLISHED, True),
        ("open_recruitment", target.SUBSTITUTE_OPEN_RECRUITMENT, True),
        *((outcome, count, False) for outcome, count in SETTLED_AFTER_CUT_OFF.items()),
        ("pending", PENDING, False),
    ]
    rest = target.SUBSTITUTE_TOTAL - sum(count for _, count, _ in outcomes)
    shares = allocate(rest, list(OTHER_OUTCOMES.values()))
    return outcomes + [
        (outcome, count, True) for outcome, count in zip(OTHER_OUTCOMES, shares, strict=True)
    ]


def _case(number: int, org: str, outcome: str, before: bool, rng: random.Random) -> Row:
    cut_off, settled = target.SUBSTITUTES_AS_OF, None
    if outcome != "pending":
        start = date(2008, 3, 1) if before else cut_off + timedelta(days=1)
        end = cut_off if before else date(2009, 12, 31)
        settled = start + timedelta(days=rng.randint(0, (end - start).days))
    compensation = rng.randint(12, 60) * 1_000 if outcome == "dismissed_compensated" else None
    return {
        "case_id": f"DK{org}-{number:04d}", "org_code": org, "teacher_id": f"S{number:05d}",
        "identified_year": rng.choice((2007, 2008, 2008, 2009)) if settled is None or settled.year > 2008 else rng.choice((2007, 2008)),
        "outcome": outcome, "outcome_date": settled, "compensation": compensation,
    }  # fmt: skip
