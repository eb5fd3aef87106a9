"""Designation events of schools (designations): standardised, model and first-class schools.

Histories are written so that holding is decided by the latest event, as
DATA.md says: awards re-evaluated, awards that failed review or were revoked,
applications still open, and one school with three events in one year.
"""

from __future__ import annotations

import random

from dudao.demo.model import Row, School
from dudao.demo.quality import QualityPlan

RESULT_ORDER = (
    "applied",
    "passed_initial_review",
    "awarded",
    "passed_review",
    "failed_review",
    "revoked",
)
Event = tuple[str, str | None, int, str]  # kind, level, year, result


def school_events(schools: list[School], plan: QualityPlan, rng: random.Random) -> list[Row]:
    events: list[Row] = []
    for school in schools:
        history = (
            _standardised(school, plan, rng) + _senior(school, plan, rng) + _other(school, rng)
        )
        events += [_row(school.code, event) for event in history]
    return events


def _row(code: str, event: Event) -> Row:
    kind, level, year, result = event
    return {"unit_kind": "school", "unit_code": code, "org_code": None, "kind": kind, "level": level, "year": year, "result": result}  # fmt: skip


def _standardised(school: School, plan: QualityPlan, rng: random.Random) -> list[Event]:
    kind = "standardised_school"
    if not school.is_compulsory(2008):  # closed ones may have held it before they closed
        early = school.is_compulsory(2005) and rng.random() < 0.1
        return [(kind, None, 2005, "awarded")] if early else []
    if school.code in plan.standardised:
        year = rng.randint(max(2005, school.opened), 2008)  # new schools are accepted on opening
        events: list[Event] = [(kind, None, year, "awarded")]
        if year > 2005 and rng.random() < 0.4:
            events.append((kind, None, year - 1, "applied"))
        if year <= 2006 and rng.random() < 0.3:
            events.append((kind, None, 2008, "passed_review"))
        return events
    draw = rng.random()
    if draw < 0.12 and school.is_open(2009):  # awarded after the year of the figure
        return [(kind, None, 2008, "applied"), (kind, None, 2009, "awarded")]
    if draw < 0.15 and school.opened < 2005:  # lost in re-evaluation
        return [(kind, None, 2005, "awarded"), (kind, None, 2008, "failed_review")]
    return [(kind, None, 2008, "applied")] if draw < 0.4 else []


def _senior(school: School, plan: QualityPlan, rng: random.Random) -> list[Event]:
    code, kind = school.code, "model_senior_high"
    events: list[Event] = []
    if code in plan.model_held:
        events = _model_held(plan.model_held.index(code), rng)
    elif code in plan.model_in_progress:
        year = rng.choice((2008, 2009))
        progress = plan.model_in_progress.index(code) < 6
        events = [(kind, "provincial", year - 1 if progress else 2009, "applied")]
        events += [(kind, "provincial", year, "passed_initial_review")] if progress else []
    elif code == plan.model_failed:
        events = [
            (kind, "provincial", 2005, "awarded"),
            (kind, "provincial", 2009, "failed_review"),
        ]
    level = plan.first_class.get(code)
    if level:
        events.append(("first_class_school", level, rng.randint(2004, 2008), "awarded"))
    return events


def _model_held(rank: int, rng: random.Random) -> list[Event]:
    kind = "model_senior_high"
    if rank == 20:  # applied, reviewed and awarded in one year: the last of these counts
        return [(kind, "provincial", 2008, result) for result in RESULT_ORDER[:3]]
    year = rng.randint(2004, 2006) if rank < 17 else rng.randint(2007, 2009)
    events: list[Event] = [(kind, "provincial", year, "awarded")]
    return events + ([(kind, "provincial", 2009, "passed_review")] if year == 2004 else [])


def _other(school: School, rng: random.Random) -> list[Event]:
    """Kindergartens' model status and first-class compulsory schools: context, not figures."""
    if school.ownership != "public" or school.closed is not None:
        return []
    if school.school_type == "111" and rng.random() < 0.08:
        return [
            (
                "model_kindergarten",
                rng.choice(("provincial", "city")),
                rng.randint(2004, 2009),
                "awarded",
            )
        ]
    if school.school_type in ("211", "311") and rng.random() < 0.12:
        return [("first_class_school", "city", rng.randint(2004, 2009), "awarded")]
    return []


def first_class_traps(plan: QualityPlan, schools: list[School], rng: random.Random) -> list[Row]:
    """A school holding first-class at both levels (counted once), and one whose title was revoked."""
    provincial = sorted(code for code, level in plan.first_class.items() if level == "provincial" and code not in plan.model_held)  # fmt: skip
    public_plain = sorted(
        s.code for s in schools if s.code in plan.plain_senior and s.ownership == "public"
    )
    both, revoked = rng.choice(provincial), rng.choice(public_plain)
    return [
        _row(both, ("first_class_school", "city", 2003, "awarded")),
        _row(revoked, ("first_class_school", "city", 2005, "awarded")),
        _row(revoked, ("first_class_school", "city", 2008, "revoked")),
    ]
