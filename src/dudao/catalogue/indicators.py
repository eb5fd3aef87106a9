"""Typed objects of the indicator catalogue."""

from __future__ import annotations

from enum import StrEnum

from dudao.catalogue.models import Declared, Label


class Measure(StrEnum):
    """What a value is measured in, and so how a report prints it."""

    PERCENT = "percent"  # 108.88 -> 108.88%
    RATIO_TO_ONE = "ratio_to_one"  # 8.49 -> 8.49:1
    COUNT = "count"
    MONEY = "money"  # 万元


class Operand(Declared):
    """An SQL aggregate over one exchange-format table, optionally within a school set."""

    table: str
    expr: str
    school_set: str | None = None


class Indicator(Declared):
    id: str
    label: Label
    definition: Label
    source: str
    kind: str
    numerator: Operand
    denominator: Operand | None = None
    scale: float = 1.0
    cap: float | None = None
    measure: Measure
    decimals: int
    higher_is_better: bool = True
    levels: tuple[str, ...]
    stages: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def display(self, value: float | None) -> str | None:
        """The value as a report prints it (`108.88%`, `8.49:1`)."""
        if value is None:
            return None
        number = format_half_up(value, self.decimals)
        if self.measure is Measure.PERCENT:
            return f"{number}%"
        if self.measure is Measure.RATIO_TO_ONE:
            return f"{number}:1"
        return number


def format_half_up(value: float, decimals: int) -> str:
    """Round half-up as Chinese statistics print (2.345 -> 2.35), not half-to-even."""
    from decimal import ROUND_HALF_UP, Decimal

    quantum = Decimal(1).scaleb(-decimals)
    return str(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))
