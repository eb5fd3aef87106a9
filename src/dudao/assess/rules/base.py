"""The extension point of scoring rules: each kind is a class with a params model and `score`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, Protocol, runtime_checkable

from pydantic import model_validator

from dudao.assess.answers import Answer
from dudao.assess.model import InputValue, Outcome, Reason
from dudao.assess.schools import SchoolVerdicts
from dudao.assess.values import Values, label
from dudao.catalogue import Catalogue
from dudao.catalogue.models import Declared
from dudao.compute import IndicatorResult

Scope = Literal["consolidated", "own_level"]


class RuleParams(Declared):
    """A rule's parameters as declared in a framework (the plug-in's own pydantic model)."""

    kind: str

    def indicator_ids(self) -> tuple[str, ...]:
        """The catalogue indicators the rule reads (checked when the framework loads)."""
        return ()

    def catalogue_problems(self, catalogue: Catalogue) -> list[str]:
        """What is wrong with the indicators read, beyond being unknown (checked at load)."""
        return []


@dataclass(frozen=True)
class ItemContext:
    """Everything one rule may read for one item of one unit."""

    item_id: str
    unit_code: str
    years: tuple[int, ...]  # the assessed year, or every year of the period
    max_points: float
    values: Values
    peers: tuple[str, ...]  # the units compared in ranks: every unit of the framework's level
    answer: Answer | None = None
    schools: SchoolVerdicts | None = None

    @property
    def year(self) -> int:
        """The year a value is read at when the rule does not ask for each year: the last."""
        return self.years[-1]


@runtime_checkable
class ScoringRule(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def params(self) -> type[RuleParams]: ...

    def score(self, params: RuleParams, context: ItemContext) -> Outcome: ...


class Comparison(Declared):
    """A bound on a value: exactly one of at_least, at_most, above, below."""

    at_least: float | None = None
    at_most: float | None = None
    above: float | None = None
    below: float | None = None

    @model_validator(mode="after")
    def _one_bound(self) -> Comparison:
        bounds = [self.at_least, self.at_most, self.above, self.below]
        if sum(bound is not None for bound in bounds) != 1:
            raise ValueError("give exactly one of at_least, at_most, above, below")
        return self

    def holds(self, value: float) -> bool:
        if self.at_least is not None:
            return value >= self.at_least
        if self.at_most is not None:
            return value <= self.at_most
        if self.above is not None:
            return value > self.above
        assert self.below is not None
        return value < self.below

    @property
    def text(self) -> str:
        pairs = (("≥", self.at_least), ("≤", self.at_most), (">", self.above), ("<", self.below))
        return next(f"{sign} {_number(bound)}" for sign, bound in pairs if bound is not None)


class Condition(Comparison):
    """An indicator of the unit compared with a bound, in the last year or in each year."""

    indicator: str
    scope: Scope | None = None
    each_year: bool = False


@dataclass(frozen=True)
class Reading:
    year: int
    result: IndicatorResult | None
    held: bool | None  # None when the value is missing


def read_condition(condition: Condition, context: ItemContext) -> list[Reading]:
    years = context.years if condition.each_year else (context.year,)
    readings = []
    for year in years:
        result = context.values.get(condition.indicator, context.unit_code, condition.scope, year)
        value = None if result is None else result.value
        held = None if value is None else condition.holds(value)
        readings.append(Reading(year, result, held))
    return readings


def this_year_value(
    indicator: str, scope: str | None, context: ItemContext
) -> tuple[IndicatorResult, float] | Outcome:
    """The indicator's result and value for the item's unit and year, or the no-points outcome
    that names what is missing."""
    result = context.values.get(indicator, context.unit_code, scope, context.year)
    if result is None or result.value is None:
        inputs = (InputValue.of(result),) if result else ()
        return Outcome("no_data", 0.0, missing(indicator, context.year), inputs)
    return result, result.value


def inputs_of(readings: list[Reading]) -> tuple[InputValue, ...]:
    return tuple(InputValue.of(r.result) for r in readings if r.result is not None)


def shown(result: IndicatorResult | None) -> str:
    if result is None or result.value is None:
        return "—"
    return result.display or _number(result.value)


def scope_text(scope: str | None) -> Reason:
    return {
        "own_level": Reason("本级", "own level"),
        "consolidated": Reason("全域", "consolidated"),
    }.get(scope or "", Reason("", ""))


def missing(indicator: str, year: int | None) -> Reason:
    zh, en = label(indicator)
    when = f"{year}年" if year else ""
    return Reason(
        f"缺少{when}数据：{zh}，不计分", f"no value of {en} for {year or 'the period'}: no points"
    )


def named(indicator: str, scope: str | None = None) -> Reason:
    """`教育经费占财政支出总额比例（本级）` / `Education budget … (own level)`."""
    zh, en = label(indicator)
    where = scope_text(scope)
    return Reason(
        zh + (f"（{where.zh}）" if where.zh else ""), en + (f" ({where.en})" if where.en else "")
    )


def full(points: float) -> Reason:
    """What meeting the standard earns: full points, or, on a veto or must-meet item, a pass."""
    return Reason("得满分", "full points") if points else Reason("达标", "met")


def _number(value: float) -> str:
    return f"{value:g}"


RuleRegistry = Mapping[str, ScoringRule]
