"""The two shapes of an indicator kind."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol, runtime_checkable

from dudao.catalogue import Indicator, Operand
from dudao.compute.results import IndicatorResult, ResultKey


@runtime_checkable
class SqlKind(Protocol):
    """Compiled to SQL over the frame `k` (unit_code, year, scope).

    Operands are joined as `n` (numerator) and `d` (denominator) of the year, and,
    when `previous` is true, `pn` and `pd` of the year before. `select` returns the
    columns numerator, denominator, value and capped.
    """

    name: str
    previous: bool

    def operands(self, indicator: Indicator) -> list[Operand]: ...

    def select(self, indicator: Indicator) -> str: ...


@runtime_checkable
class DerivedKind(Protocol):
    """Judges the computed values of other indicators (their ids: `depends`)."""

    name: str

    def depends(self, indicator: Indicator) -> tuple[str, ...]: ...

    def derive(
        self, indicator: Indicator, results: Mapping[ResultKey, IndicatorResult]
    ) -> list[IndicatorResult]: ...


IndicatorKind = SqlKind | DerivedKind


def as_double(alias: str) -> str:
    return f"CAST({alias}.value AS DOUBLE)"
