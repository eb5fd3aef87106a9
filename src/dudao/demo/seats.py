"""Senior seats (学位数): 2009 seats are apportioned by group so that both seat shares print right.

Model highs held or in progress hold 47.75 % of the city's senior seats and
first-class schools 89.12 % (figures.yaml). Private senior schools report no
seats: the shares then count their enrolment, as DATA.md says.
"""

from __future__ import annotations

import random

from dudao.demo import calibration as target
from dudao.demo.allocation import allocate
from dudao.demo.model import Row, School, count
from dudao.demo.quality import QualityPlan
from dudao.demo.rounding import numerator_for

Key = tuple[str, int, str]


def add_seats(
    rows: dict[Key, Row], schools: list[School], plan: QualityPlan, rng: random.Random
) -> None:
    private = {s.code for s in schools if s.ownership == "private"}
    senior_2009 = {
        code: row for (code, year, stage), row in rows.items() if (year, stage) == (2009, "senior")
    }
    capacity = {code: rng.uniform(1.0, 1.12) for code in sorted(senior_2009)}
    base = {code: _enrolment(row) if code in private else round(_enrolment(row) * capacity[code]) for code, row in senior_2009.items()}  # fmt: skip
    seats = _seats_2009(plan, base, private)
    for (code, year, stage), row in rows.items():
        if stage != "senior" or code in private:
            continue  # private schools report no seats
        if code in seats:
            row["seats"] = _seats_in(year, row, seats[code], senior_2009[code])
        else:  # merged before 2009
            row["seats"] = round(_enrolment(row) * 1.05)


def _seats_2009(plan: QualityPlan, base: dict[str, int], private: set[str]) -> dict[str, int]:
    """Seats of public senior schools, group by group, so that both shares print as the seed's."""
    total = sum(base.values())
    model = set(plan.model_held) | set(plan.model_in_progress)
    quality = numerator_for(target.QUALITY_SEAT_SHARE, total)
    _balance_plain(plan, base, total - quality, model | private)
    first = set(plan.first_class) - model
    seats = _apportion(base, model, numerator_for(target.MODEL_SENIOR_HIGH_SEAT_SHARE, total))
    seats |= _apportion(base, first, quality - sum(seats.values()))
    plain = set(base) - model - first - private
    return seats | _apportion(
        base, plain, total - quality - sum(base[c] for c in private if c in base)
    )


def _balance_plain(plan: QualityPlan, base: dict[str, int], wanted: int, fixed: set[str]) -> None:
    """Move schools between first-class and plain until plain seats come near what the share leaves."""
    plain = sum(base[code] for code in plan.plain_senior if code in base)
    movable = sorted(
        c for c in plan.first_class if c in base and c not in fixed and c != plan.model_failed
    )
    while plain < 0.95 * wanted and movable:
        code = min(movable, key=lambda c: (abs(base[c] - (wanted - plain)), c))
        movable.remove(code)
        del plan.first_class[code]
        plan.plain_senior.add(code)
        plain += base[code]
    public_plain = sorted(c for c in plan.plain_senior if c in base and c not in fixed)
    while plain > 1.05 * wanted and public_plain:
        code = min(public_plain, key=lambda c: (abs(plain - base[c] - wanted), c))
        public_plain.remove(code)
        plan.plain_senior.discard(code)
        plan.first_class[code] = "city"
        plain -= base[code]


def _apportion(base: dict[str, int], group: set[str], total: int) -> dict[str, int]:
    codes = sorted(code for code in base if code in group)
    return dict(zip(codes, allocate(total, [base[c] for c in codes]), strict=True))


def _seats_in(year: int, row: Row, seats_2009: int, row_2009: Row) -> int:
    """Earlier years keep the school's 2009 ratio of seats to pupils (places were added as needed)."""
    if year == 2009:
        return seats_2009
    return round(seats_2009 * _enrolment(row) / max(1, _enrolment(row_2009)))


def _enrolment(row: Row) -> int:
    return count(row, "enrolment")
