"""The computed indicators an assessment reads, indexed by indicator, unit, scope and year."""

from __future__ import annotations

from collections.abc import Iterable

from dudao.compute import IndicatorResult

Key = tuple[str, str, str | None, int | None]


class Values:
    """Lookup of indicator results; a period result answers for any year of its period."""

    def __init__(self, results: Iterable[IndicatorResult]) -> None:
        self._by_key: dict[Key, IndicatorResult] = {}
        for result in results:
            self._by_key[(result.indicator, result.unit_code, result.scope, result.year)] = result

    def get(
        self, indicator: str, unit_code: str, scope: str | None, year: int
    ) -> IndicatorResult | None:
        found = self._by_key.get((indicator, unit_code, scope, year))
        if found is not None:
            return found
        over_period = self._by_key.get((indicator, unit_code, scope, None))
        if over_period is not None and over_period.period is not None:
            first, last = over_period.period
            return over_period if first <= year <= last else None
        return None

    def units(self) -> set[str]:
        return {key[1] for key in self._by_key}

    def latest_year(self) -> int:
        years = [key[3] for key in self._by_key if key[3] is not None]
        if not years:
            raise ValueError("没有年度数据可评估 no yearly results to assess")
        return max(years)


def label(indicator_id: str) -> tuple[str, str]:
    """The indicator's label (zh-Hans, en) from the catalogue, for reasons people read."""
    from dudao.catalogue import default_catalogue

    indicator = default_catalogue().indicators.get(indicator_id)
    if indicator is None:
        return indicator_id, indicator_id
    return indicator.label.zh_hans, indicator.label.en
