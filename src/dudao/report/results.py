"""Computed results indexed the way a report looks them up, and the org units around a unit."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pyarrow as pa

from dudao.catalogue.reports import FigureRef
from dudao.compute import IndicatorResult, org_attribute


@dataclass(frozen=True)
class OrgUnits:
    names: Mapping[str, str]
    levels: Mapping[str, str]
    parents: Mapping[str, str | None]

    @classmethod
    def of(cls, tables: Mapping[str, pa.Table]) -> OrgUnits:
        return cls(
            org_attribute(tables, "name"),
            org_attribute(tables, "level"),
            org_attribute(tables, "parent_code"),
        )

    def children(self, code: str) -> list[str]:
        return sorted(child for child, parent in self.parents.items() if parent == code)

    def related(self, code: str) -> list[str]:
        """The unit, the units above it and every unit below it: whose returns its figures read."""
        found, above = [code], self.parents.get(code)
        while above and above not in found:
            found.append(above)
            above = self.parents.get(above)
        below = [code]
        while below:
            below = [child for unit in below for child in self.children(unit) if child not in found]
            found += below
        return found

    def name(self, code: str) -> str:
        return self.names.get(code, code)


class ResultIndex:
    """Results by (indicator, unit, scope, year); period results under year None."""

    def __init__(self, results: Iterable[IndicatorResult]) -> None:
        self._by_key: dict[tuple[str, str, str | None, int | None], IndicatorResult] = {}
        for result in results:
            self._by_key[result.key] = result

    def get(
        self, indicator: str, unit: str, scope: str | None, year: int | None
    ) -> IndicatorResult | None:
        return self._by_key.get((indicator, unit, scope, year))

    def valued(
        self, indicator: str, unit: str, scope: str | None, year: int | None
    ) -> IndicatorResult | None:
        result = self.get(indicator, unit, scope, year)
        return result if result is not None and result.value is not None else None

    def for_figure(self, ref: FigureRef, unit: str, years: list[int]) -> list[IndicatorResult]:
        """The results a figure states: one per report year, or its period or cut-off value."""
        if ref.over == "period":
            found = self.valued(ref.indicator, unit, ref.scope, None)
            return [found] if found else []
        series = [self.valued(ref.indicator, unit, ref.scope, year) for year in years]
        values = [result for result in series if result is not None]
        if ref.over == "cut_off":
            dated = [result for result in values if result.as_of is not None]
            return dated[-1:]
        return values
