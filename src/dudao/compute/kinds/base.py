"""The two shapes of an indicator kind."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol, runtime_checkable

import pyarrow as pa

from dudao.catalogue import Indicator, Operand
from dudao.compute.hierarchy import Units
from dudao.compute.results import Computed, ResultKey


@runtime_checkable
class SqlKind(Protocol):
    """Compiled to SQL for each (unit_code, year, scope) where one of its operands has a value.

    `columns` names the SQL of the operands: `n` (numerator) and `d` (denominator) of
    the year, and, when `previous` is true, `pn` and `pd` of the year before. `select`
    returns the columns numerator, denominator, value and note (text saying how
    the value differs from numerator ÷ denominator, e.g. 'capped', else null).
    """

    name: str
    previous: bool

    def operands(self, indicator: Indicator) -> list[Operand]: ...

    def select(self, indicator: Indicator, columns: Mapping[str, str]) -> str: ...

    def formula(self, indicator: Indicator) -> str:
        """How the value is made from the numerator and denominator, for people (explain)."""
        ...


@runtime_checkable
class DerivedKind(Protocol):
    """Judges the computed values of other indicators (their ids: `depends`).

    `derive` reads the results of those indicators only, by key (a few indicators'
    results, so a dict is small), and returns its own as columns (RESULT_SCHEMA,
    `dudao.compute.results.result_table`).
    """

    name: str

    def depends(self, indicator: Indicator) -> tuple[str, ...]: ...

    def formula(self, indicator: Indicator) -> str: ...

    def derive(
        self, indicator: Indicator, results: Mapping[ResultKey, Computed], units: Units
    ) -> pa.Table:
        """Results at the indicator's levels (`units` knows every unit's level and parent)."""
        ...


IndicatorKind = SqlKind | DerivedKind


NO_NOTE = "CAST(NULL AS VARCHAR) AS note"


def as_double(column: str | None) -> str:
    return f"CAST({column or 'NULL'} AS DOUBLE)"
