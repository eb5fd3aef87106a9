"""Typed objects of the indicator catalogue."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Literal

from dudao.catalogue.models import Declared, Label


class Measure(StrEnum):
    """What a value is measured in, and so how a report prints it."""

    PERCENT = "percent"  # 108.88 -> 108.88%
    RATIO_TO_ONE = "ratio_to_one"  # 8.49 -> 8.49:1
    SPLIT_OF_TEN = "split_of_ten"  # 5.4 -> 5.4:4.6
    COUNT = "count"  # 5172 -> 5172
    MONEY = "money"  # 万元; 1239200 -> 123.92亿元
    AREA = "area"  # m²; 5707000 -> 570.70万平方米
    QUANTITY = "quantity"  # a plain number in the unit of its field (km)
    PASS_FAIL = "pass_fail"  # compliance tests: no value, passed true/false/null


class Holding(Declared):
    """Rows of schools whose latest event of a designation (DATA.md "holds") is one of `results`."""

    kind: str
    levels: tuple[str, ...] = ()
    results: tuple[str, ...] = ("awarded", "passed_review")


class Operand(Declared):
    """An SQL aggregate over one exchange-format table or derived view, optionally filtered.

    `school_set` keeps the schools of a set that year; `holding` the schools holding a
    designation that year; `period` sums over the run's period [a, b] instead of one year;
    `at_level` reads the value of the unit's ancestor at that level (the province's row);
    `by_scope` splits school rows by fiscal scope: consolidated every school, own_level
    the schools the unit's own government sponsors (DATA.md, per-student own level);
    `where` keeps the rows meeting a condition (a dispersion's stage).
    """

    table: str
    expr: str
    school_set: str | None = None
    holding: Holding | None = None
    period: bool = False
    at_level: str | None = None
    by_scope: bool = False
    where: str | None = None

    @property
    def key(self) -> tuple[object, ...]:
        filters = (self.school_set, self.holding_key, self.period, self.by_scope, self.where)
        return (self.table, *filters, self.expr)

    @property
    def holding_key(self) -> tuple[object, ...] | None:
        if self.holding is None:
            return None
        return (self.holding.kind, self.holding.levels, self.holding.results)


class SexSplit(Declared):
    """The numerator and denominator of each sex, for the UIS net enrolment rule."""

    female: tuple[Operand, Operand]
    male: tuple[Operand, Operand]


class ComplianceTest(Declared):
    """A pass/fail test over other indicators' values at t (and t-1).

    greater: the first indicator's value exceeds the second's; rises: each value
    exceeds its value of t-1; no_decrease: each is at least its value of t-1;
    rises_first_available: the first indicator with both years reported rises;
    at_most: each value is at most its threshold (a CV limit); meets_standards: at
    least `at_least` values reach their thresholds and the rest reach `floor` × theirs.
    """

    rule: Literal[
        "greater", "rises", "no_decrease", "rises_first_available", "at_most", "meets_standards"
    ]
    indicators: tuple[str, ...]
    thresholds: tuple[float, ...] = ()  # one per indicator (at_most, meets_standards)
    at_least: int | None = None
    floor: float | None = None


class Indicator(Declared):
    id: str
    label: Label
    definition: Label
    source: str
    kind: str
    numerator: Operand | None = None
    denominator: Operand | None = None
    test: ComplianceTest | None = None
    of: tuple[str, ...] = ()  # the indicators a derived kind (mean, passing) reads
    among: str | None = None  # passing: the level of the units whose verdicts are counted
    scale: float = 1.0
    cap: float | None = None
    uis_split: SexSplit | None = None  # divide by the larger sex ratio when it exceeds 1
    measure: Measure
    decimals: int = 0
    higher_is_better: bool = True
    levels: tuple[str, ...]
    stages: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def operands(self) -> tuple[Operand, ...]:
        """Numerator, denominator, then the female and male pairs of a UIS split."""
        split = (*self.uis_split.female, *self.uis_split.male) if self.uis_split else ()
        return (*(op for op in (self.numerator, self.denominator) if op is not None), *split)

    @property
    def over_period(self) -> bool:
        return any(operand.period for operand in self.operands)

    def display(self, value: float | None, passed: bool | None = None) -> str | None:
        """The value as a report prints it (`108.88%`, `8.49:1`, `123.92亿元`); a test's
        verdict (`达标 passed`) for a pass/fail measure."""
        if self.measure is Measure.PASS_FAIL:
            return VERDICTS[passed]
        if value is None:
            return None
        shown = value / 10_000 if self.measure in (Measure.MONEY, Measure.AREA) else value
        number = format_half_up(shown, self.decimals)
        if self.measure is Measure.SPLIT_OF_TEN:
            return f"{number}:{format_half_up(10 - value, self.decimals)}"
        return f"{number}{SUFFIXES.get(self.measure, '')}"


VERDICTS = {True: "达标 passed", False: "未达标 failed", None: "缺数据 missing"}

SUFFIXES = {
    Measure.PERCENT: "%",
    Measure.RATIO_TO_ONE: ":1",
    Measure.MONEY: "亿元",
    Measure.AREA: "万平方米",
}


def format_half_up(value: float, decimals: int) -> str:
    """Round half-up as Chinese statistics print (2.345 -> 2.35), not half-to-even."""
    quantum = Decimal(1).scaleb(-decimals)
    return str(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))
