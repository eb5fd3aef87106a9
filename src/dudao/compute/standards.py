"""The school_standards view: each school's verdict on every per-school standard test.

A test of rule `meets_standards` (the 2017 seven standards) reads per-school ratio
indicators. Counting the schools that meet it below a unit must not carry every
school's seven values through Python, so the verdicts are made in SQL, once per
(school, year, test): each input indicator's value for the school (its own rows,
through the same placed operand rows as the engine), then at least `at_least` at
their threshold and the rest at `floor` × theirs. `passed` is null when an input is
missing. The per-school results with their evidence are the compliance kind's
(dudao.compute.kinds.compliance, rule meets_standards); a test pins the two together.
"""

from __future__ import annotations

from dudao.catalogue import Catalogue, CatalogueError, ComplianceTest, Indicator
from dudao.compute.contributions import literal
from dudao.compute.operands import aggregates, operand_rows

EMPTY = (
    "SELECT CAST(NULL AS VARCHAR) AS school_code, CAST(NULL AS BIGINT) AS year, "
    "CAST(NULL AS VARCHAR) AS test, CAST(NULL AS BOOLEAN) AS passed, "
    "CAST(NULL AS BIGINT) AS met WHERE 1 = 0"
)


def school_standards_query(catalogue: Catalogue, period: tuple[int, int]) -> str:
    tests = [
        indicator
        for indicator in catalogue.indicators.values()
        if indicator.test is not None and indicator.test.rule == "meets_standards"
    ]
    parts = [_verdicts(catalogue, indicator, period) for indicator in tests]
    return " UNION ALL ".join(parts) if parts else EMPTY


def _verdicts(catalogue: Catalogue, indicator: Indicator, period: tuple[int, int]) -> str:
    test = indicator.test
    assert test is not None
    values = [_school_values(catalogue, catalogue.indicators[i], period) for i in test.indicators]
    keys = " UNION ".join(
        f"SELECT school_code, year FROM ({v}) AS v{n}" for n, v in enumerate(values)
    )
    joins = " ".join(
        f"LEFT JOIN ({v}) AS v{n} ON v{n}.school_code = k.school_code AND v{n}.year = k.year"
        for n, v in enumerate(values)
    )
    return (
        f"SELECT k.school_code, k.year, {literal(indicator.id)} AS test, "
        f"{_passed(test)} AS passed, {_met(test)} AS met FROM ({keys}) AS k {joins}"
    )


def _met(test: ComplianceTest) -> str:
    return " + ".join(
        f"CASE WHEN v{n}.v >= {limit!r} THEN 1 ELSE 0 END"
        for n, limit in enumerate(test.thresholds)
    )


def _passed(test: ComplianceTest) -> str:
    missing = " OR ".join(f"v{n}.v IS NULL" for n in range(len(test.thresholds)))
    floor = test.floor or 0.0
    floors = " AND ".join(f"v{n}.v >= {floor * limit!r}" for n, limit in enumerate(test.thresholds))
    at_least = test.at_least if test.at_least is not None else len(test.thresholds)
    return f"CASE WHEN {missing} THEN NULL ELSE ({_met(test)}) >= {at_least:d} AND {floors} END"


def _school_values(catalogue: Catalogue, indicator: Indicator, period: tuple[int, int]) -> str:
    """scale × Σnumerator ÷ Σdenominator over each school's own rows (a ratio's school value)."""
    numerator, denominator = indicator.numerator, indicator.denominator
    if numerator is None or denominator is None or numerator.key[:-1] != denominator.key[:-1]:
        raise CatalogueError(
            [indicator.problem(f"{indicator.id}: a per-school standard reads a ratio of one table")]
        )
    rows = operand_rows(catalogue, numerator, period, at_schools=True)
    conditions = " AND ".join((*rows.conditions, "c.depth = 0"))  # the school itself
    sums = aggregates((numerator.expr, denominator.expr))
    return (
        f"SELECT school_code, year, {indicator.scale!r} * op_0 / NULLIF(op_1, 0) AS v FROM "
        f"(SELECT c.ancestor AS school_code, CAST({rows.year} AS BIGINT) AS year, {sums} "
        f"FROM {rows.source} WHERE {conditions} GROUP BY c.ancestor, {rows.year}) AS s"
    )
