"""Compliance tests (三个增长, 两个提高, 两个只增不减): pass/fail with the evidence.

A test is judged for every (unit, scope, year) where one of its indicators has
a result. An input that is missing makes `passed` null and the evidence names
what is missing: a test never passes silently.

Each rule judges every place at once (numpy) and writes the evidence as JSON text
column by column (`dudao.compute.kinds.evidence`), the same text as json.dumps of
{"values": …, "missing": …, …}: the JSON Lines output is a public interface.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pyarrow as pa

from dudao.catalogue import ComplianceTest, Indicator
from dudao.compute.hierarchy import Units
from dudao.compute.kinds import evidence as text
from dudao.compute.kinds.evidence import Entry, Verdict
from dudao.compute.kinds.places import Grid, Places
from dudao.compute.results import Computed, ResultKey, notes_column, result_table

Values = Mapping[ResultKey, Computed]
Rule = Callable[[ComplianceTest, Places], Verdict]


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
        grid = Grid.of(results, test.indicators)
        dated = grid.rows["year"].is_valid().to_numpy(zero_copy_only=False)
        places = grid.places(grid.at_levels(units, indicator.levels) & dated)
        passed, evidence = RULES[test.rule](test, places) if len(places) else ([], [])
        return result_table(
            indicator,
            {
                "unit_code": places.unit_code,
                "scope": places.scope,
                "year": places.year,
                "notes": notes_column(indicator.notes, len(places)),
                "passed": passed,
                "evidence": evidence,
            },
        )


def _named(names: tuple[str, ...], places: Places) -> list[Entry]:
    """Each indicator's value in the year (once each, as the dict of them kept them)."""
    return [(text.dumps(name), places.value(name)) for name in dict.fromkeys(names)]


def _pairs(names: tuple[str, ...], places: Places) -> list[Entry]:
    """Each indicator's value in the year and the year before, keyed `name@year`."""
    return [
        (text.year_key(name, places.year_text(back)), places.value(name, back))
        for name in dict.fromkeys(names)
        for back in (0, 1)
    ]


def _moved(pairs: list[Entry], strict: bool) -> np.ndarray:
    """Whether every (now, before) pair moved up (strict) or held, at each place."""
    now = np.array([column.value for _, column in pairs[0::2]])
    before = np.array([column.value for _, column in pairs[1::2]])
    moved = now > before if strict else now >= before
    return np.asarray(moved.all(axis=0))


def _greater(test: ComplianceTest, places: Places) -> Verdict:
    values = _named(test.indicators[:2], places)
    return text.verdict(values, values[0][1].value > values[-1][1].value)


def _against_last_year(strict: bool) -> Rule:
    def rule(test: ComplianceTest, places: Places) -> Verdict:
        values = _pairs(test.indicators, places)
        return text.verdict(values, _moved(values, strict))

    return rule


def _rises_first_available(test: ComplianceTest, places: Places) -> Verdict:
    """The first indicator with both years reported rises; with none, null and what is
    missing."""
    names = tuple(dict.fromkeys(test.indicators))
    passed, evidence = text.verdict(_pairs(names, places), np.zeros(len(places), bool))
    for name in reversed(names):
        pair = _pairs((name,), places)
        both = text.complete(pair)
        used = text.members(text.values(pair), text.member("used", text.dumps(name)))
        passed = text.choose(both, pa.array(_moved(pair, True)), passed)
        evidence = text.choose(both, used, evidence)
    return passed, evidence


def _at_most(test: ComplianceTest, places: Places) -> Verdict:
    limits = dict(zip(test.indicators, test.thresholds, strict=True))
    values = _named(test.indicators, places)
    within = [
        column.value <= limit for (_, column), limit in zip(values, limits.values(), strict=True)
    ]
    thresholds = text.member("thresholds", text.dumps(limits))
    return text.verdict(values, np.all(within, axis=0), thresholds)


def _meets_standards(test: ComplianceTest, places: Places) -> Verdict:
    """At least `at_least` values reach their standard; each other one `floor` × it."""
    standards = dict(zip(test.indicators, test.thresholds, strict=True))
    values = _named(test.indicators, places)
    numbers = np.array([column.value for _, column in values])
    limits = np.array(list(standards.values()))[:, None]
    below = numbers < limits
    far_below = below & (numbers < (test.floor or 0.0) * limits)
    at_least = test.at_least if test.at_least is not None else len(standards)
    met = len(standards) - below.sum(axis=0)
    names = [text.dumps(name) for name in standards]
    full = text.complete(values)
    return text.verdict(
        values,
        (met >= at_least) & ~far_below.any(axis=0),
        text.member("thresholds", text.dumps(standards)),
        text.only(full, text.member("met", text.integers(met))),
        text.only(full, text.member("below", text.listed(names, below))),
        text.only(full, text.member("below_floor", text.listed(names, far_below))),
    )


RULES: dict[str, Rule] = {
    "greater": _greater,
    "rises": _against_last_year(strict=True),
    "no_decrease": _against_last_year(strict=False),
    "rises_first_available": _rises_first_available,
    "at_most": _at_most,
    "meets_standards": _meets_standards,
}
