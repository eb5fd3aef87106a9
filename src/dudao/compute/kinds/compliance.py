"""Compliance tests (三个增长, 两个提高, 两个只增不减): pass/fail with the evidence.

A test is judged for every (unit, scope, year) where one of its indicators has
a result. An input that is missing makes `passed` null and the evidence names
what is missing: a test never passes silently.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pyarrow as pa

from dudao.catalogue import ComplianceTest, Indicator
from dudao.compute.hierarchy import Units
from dudao.compute.results import Computed, ResultKey, evidence_json, result_table

Values = Mapping[ResultKey, Computed]
Place = tuple[str, str | None, int]  # unit_code, scope, year
Verdict = tuple[bool | None, dict[str, object]]


class Compliance:
    name = "compliance"

    def depends(self, indicator: Indicator) -> tuple[str, ...]:
        return indicator.test.indicators if indicator.test else ()

    def formula(self, indicator: Indicator) -> str:
        assert indicator.test is not None
        names = indicator.test.indicators
        return {
            "greater": f"{names[0]}(t) > {names[-1]}(t)",
            "rises": " and ".join(f"{name}(t) > {name}(t−1)" for name in names),
            "no_decrease": " and ".join(f"{name}(t) ≥ {name}(t−1)" for name in names),
            "rises_first_available": f"X(t) > X(t−1), X the first reported of {', '.join(names)}",
            "at_most": " and ".join(
                f"{name} ≤ {limit:g}"
                for name, limit in zip(names, indicator.test.thresholds, strict=False)
            ),
            "meets_standards": f"at least {indicator.test.at_least} of "
            + ", ".join(
                f"{n} ≥ {t:g}" for n, t in zip(names, indicator.test.thresholds, strict=False)
            )
            + f"; each other ≥ {indicator.test.floor or 0:g} × its standard",
        }[indicator.test.rule]

    def derive(self, indicator: Indicator, results: Values, units: Units) -> pa.Table:
        test = indicator.test
        assert test is not None
        places = sorted(
            {(unit, scope, year) for (ind, unit, scope, year) in results if ind in test.indicators
             and year is not None and units.level.get(unit) in indicator.levels},
            key=lambda place: (place[0], place[1] or "", place[2]),
        )  # fmt: skip
        verdicts = [RULES[test.rule](test, results, place) for place in places]
        return result_table(
            indicator,
            {
                "unit_code": [unit for unit, _, _ in places],
                "scope": [scope for _, scope, _ in places],
                "year": [year for _, _, year in places],
                "notes": [indicator.notes] * len(places),
                "passed": [passed for passed, _ in verdicts],
                "evidence": [evidence_json(evidence) for _, evidence in verdicts],
            },
        )


def _value(results: Values, indicator: str, place: Place, back: int = 0) -> float | None:
    unit, scope, year = place
    result = results.get((indicator, unit, scope, year - back))
    return None if result is None else result.value


def _greater(test: ComplianceTest, results: Values, place: Place) -> Verdict:
    first, second = test.indicators[:2]
    values = {name: _value(results, name, place) for name in (first, second)}
    return _verdict(values, lambda: values[first] > values[second])  # type: ignore[operator]


def _against_last_year(strict: bool) -> Callable[[ComplianceTest, Values, Place], Verdict]:
    def rule(test: ComplianceTest, results: Values, place: Place) -> Verdict:
        values = _pairs(test.indicators, results, place)
        return _verdict(
            values, lambda: all(_moved(values, name, strict) for name in test.indicators)
        )

    return rule


def _rises_first_available(test: ComplianceTest, results: Values, place: Place) -> Verdict:
    for name in test.indicators:
        values = _pairs((name,), results, place)
        if None not in values.values():
            return bool(_moved(values, name, True)), {"values": values, "used": name}
    return _verdict(_pairs(test.indicators, results, place), lambda: False)


def _pairs(names: tuple[str, ...], results: Values, place: Place) -> dict[str, float | None]:
    year = place[2]
    return {
        f"{name}@{year - back}": _value(results, name, place, back)
        for name in names
        for back in (0, 1)
    }


def _moved(values: Mapping[str, float | None], name: str, strict: bool) -> bool:
    keys = [key for key in values if key.startswith(f"{name}@")]
    now, before = values[keys[0]], values[keys[1]]
    assert now is not None and before is not None
    return now > before if strict else now >= before


def _verdict(values: Mapping[str, float | None], judge: Callable[[], bool]) -> Verdict:
    missing = [name for name, value in values.items() if value is None]
    evidence: dict[str, object] = {"values": dict(values)}
    if missing:
        return None, {**evidence, "missing": missing}
    return bool(judge()), evidence


def _at_most(test: ComplianceTest, results: Values, place: Place) -> Verdict:
    values = {name: _value(results, name, place) for name in test.indicators}
    limits = dict(zip(test.indicators, test.thresholds, strict=True))
    passed, evidence = _verdict(
        values,
        lambda: all(values[name] <= limit for name, limit in limits.items()),  # type: ignore[operator]
    )
    return passed, {**evidence, "thresholds": limits}


def _meets_standards(test: ComplianceTest, results: Values, place: Place) -> Verdict:
    """At least `at_least` values reach their standard; each other one `floor` × it."""
    values = {name: _value(results, name, place) for name in test.indicators}
    standards = dict(zip(test.indicators, test.thresholds, strict=True))
    passed, evidence = _verdict(values, lambda: True)
    if passed is None:
        return None, {**evidence, "thresholds": standards}
    below = [name for name, standard in standards.items() if values[name] < standard]  # type: ignore[operator]
    floor = test.floor or 0.0
    far_below = [name for name in below if values[name] < floor * standards[name]]  # type: ignore[operator]
    at_least = test.at_least if test.at_least is not None else len(standards)
    met = len(standards) - len(below)
    return met >= at_least and not far_below, {
        **evidence,
        "thresholds": standards,
        "met": met,
        "below": below,
        "below_floor": far_below,
    }


RULES: dict[str, Callable[[ComplianceTest, Values, Place], Verdict]] = {
    "greater": _greater,
    "rises": _against_last_year(strict=True),
    "no_decrease": _against_last_year(strict=False),
    "rises_first_available": _rises_first_available,
    "at_most": _at_most,
    "meets_standards": _meets_standards,
}
