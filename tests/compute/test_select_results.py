"""Choosing results by unit, year and level; period results pass any year filter."""

from __future__ import annotations

from dudao.compute import IndicatorResult, select_results


def _result(unit: str, year: int | None) -> IndicatorResult:
    period = (2006, 2008) if year is None else None
    return IndicatorResult("x", unit, year, 1.0, 1.0, 1.0, "1", period=period)


RESULTS = [_result("440100", 2008), _result("440103", 2008), _result("440103", 2009)]
PERIOD = _result("440103", None)
LEVELS = {"440100": "city", "440103": "district"}


def test_no_filter_keeps_everything() -> None:
    assert select_results([*RESULTS, PERIOD]) == [*RESULTS, PERIOD]


def test_filters_combine() -> None:
    chosen = select_results(
        [*RESULTS, PERIOD], years=[2009], levels=["district"], unit_levels=LEVELS
    )
    assert chosen == [RESULTS[2], PERIOD]
    assert select_results(RESULTS, units=["440100"]) == [RESULTS[0]]
