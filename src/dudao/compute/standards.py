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

from dudao.catalogue import Catalogue, CatalogueError, ComplianceTest, Indicator, Operand
from dudao.compute.contributions import literal
from dudao.compute.operands import aggregates, own_rows

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
    if not tests:
        return EMPTY
    values: dict[str, str] = {}
    parts = [
        _verdicts(catalogue, indicator, period, values, f"t{t}")
        for t, indicator in enumerate(tests)
    ]
    ctes = ", ".join(f"{name} AS ({sql})" for name, sql in values.items())
    return f"WITH {ctes} {' UNION ALL '.join(parts)}"


def _verdicts(
    catalogue: Catalogue,
    indicator: Indicator,
    period: tuple[int, int],
    values: dict[str, str],
    prefix: str,
) -> str:
    """One grouped pass per table (and filters) the inputs read (into `values`, named
    `<prefix>_g<n>`), joined per school and year."""
    test = indicator.test
    assert test is not None
    sources: dict[tuple[object, ...], list[int]] = {}
    for n, input_id in enumerate(test.indicators):
        numerator = _ratio(catalogue.indicators[input_id]).numerator
        assert numerator is not None
        sources.setdefault(numerator.key[:-1], []).append(n)
    names = [f"{prefix}_g{g}" for g in range(len(sources))]
    for name, ns in zip(names, sources.values(), strict=True):
        inputs = [catalogue.indicators[test.indicators[n]] for n in ns]
        values[name] = _school_values(catalogue, inputs, ns, period)
    keys = " UNION ".join(f"SELECT school_code, year FROM {name}" for name in names)
    joins = " ".join(
        f"LEFT JOIN {name} ON {name}.school_code = k.school_code AND {name}.year = k.year"
        for name in names
    )
    found = {
        n: f"{name}.v{n}" for name, ns in zip(names, sources.values(), strict=True) for n in ns
    }
    columns = [found[n] for n in range(len(test.indicators))]
    return (
        f"SELECT k.school_code, k.year, {literal(indicator.id)} AS test, "
        f"{_passed(test, columns)} AS passed, {_met(test, columns)} AS met "
        f"FROM ({keys}) AS k {joins}"
    )


def _met(test: ComplianceTest, values: list[str]) -> str:
    return " + ".join(
        f"CASE WHEN {value} >= {limit!r} THEN 1 ELSE 0 END"
        for value, limit in zip(values, test.thresholds, strict=True)
    )


def _passed(test: ComplianceTest, values: list[str]) -> str:
    missing = " OR ".join(f"{value} IS NULL" for value in values)
    floor = test.floor or 0.0
    floors = " AND ".join(
        f"{value} >= {floor * limit!r}"
        for value, limit in zip(values, test.thresholds, strict=True)
    )
    at_least = test.at_least if test.at_least is not None else len(test.thresholds)
    return f"CASE WHEN {missing} THEN NULL ELSE ({_met(test, values)}) >= {at_least:d} AND {floors} END"


def _ratio(indicator: Indicator) -> Indicator:
    numerator, denominator = indicator.numerator, indicator.denominator
    if (
        numerator is None
        or denominator is None
        or numerator.key[:-1] != denominator.key[:-1]
        or numerator.by_scope
    ):
        raise CatalogueError(
            [indicator.problem(f"{indicator.id}: a per-school standard reads a ratio of one table")]
        )
    return indicator


def _school_values(
    catalogue: Catalogue, indicators: list[Indicator], numbers: list[int], period: tuple[int, int]
) -> str:
    """scale × Σnumerator ÷ Σdenominator over each school's own rows (a ratio's school value),
    as v<n> for each input n, of inputs reading the same table and filters: one pass."""
    sample = indicators[0].numerator
    assert sample is not None
    rows = own_rows(catalogue, sample, period)
    expressions = [expr for i in indicators for expr in (_expr(i.numerator), _expr(i.denominator))]
    values = ", ".join(
        f"{indicator.scale!r} * op_{2 * k} / NULLIF(op_{2 * k + 1}, 0) AS v{n}"
        for k, (indicator, n) in enumerate(zip(indicators, numbers, strict=True))
    )
    return (
        f"SELECT school_code, year, {values} FROM "
        f"(SELECT {rows.school} AS school_code, CAST({rows.year} AS BIGINT) AS year, "
        f"{aggregates(expressions)} FROM {rows.source} {rows.where} "
        f"GROUP BY {rows.school}{', ' + rows.year if '.' in rows.year else ''}) AS s"
    )


def _expr(operand: Operand | None) -> str:
    assert operand is not None
    return operand.expr
