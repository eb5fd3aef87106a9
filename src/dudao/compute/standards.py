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
    # One grouped pass per table and filters the inputs read, shared by the tests: (t, n) is
    # input n of test t, its school value the column v<t>_<n> of the pass s<g>.
    sources: dict[tuple[object, ...], list[tuple[int, int]]] = {}
    for t, indicator in enumerate(tests):
        assert indicator.test is not None
        for n, input_id in enumerate(indicator.test.indicators):
            numerator = _ratio(catalogue.indicators[input_id]).numerator
            assert numerator is not None
            sources.setdefault(numerator.key[:-1], []).append((t, n))
    passes = {f"s{g}": inputs for g, inputs in enumerate(sources.values())}
    ctes = ", ".join(
        f"{name} AS ({_school_values(catalogue, tests, inputs, period)})"
        for name, inputs in passes.items()
    )
    parts = [_verdicts(test, t, passes) for t, test in enumerate(tests)]
    return f"WITH {ctes} {' UNION ALL '.join(parts)}"


def _verdicts(indicator: Indicator, t: int, passes: dict[str, list[tuple[int, int]]]) -> str:
    """The test's verdict per school and year, from the passes holding its inputs."""
    test = indicator.test
    assert test is not None
    found = {n: f"{name}.v{t}_{n}" for name, inputs in passes.items() for u, n in inputs if u == t}
    names = [name for name, inputs in passes.items() if any(u == t for u, _ in inputs)]
    # Every school year of any pass: full joins, each on the key of the passes before it.
    joins = names[0]
    for number, name in enumerate(names[1:], start=1):
        joins += (
            f" FULL JOIN {name} ON {name}.school_code = {_first(names[:number], 'school_code')} "
            f"AND {name}.year = {_first(names[:number], 'year')}"
        )
    columns = [found[n] for n in range(len(test.indicators))]
    return (
        f"SELECT {_first(names, 'school_code')} AS school_code, {_first(names, 'year')} AS year, "
        f"{literal(indicator.id)} AS test, "
        f"{_passed(test, columns)} AS passed, {_met(test, columns)} AS met FROM {joins}"
    )


def _first(names: list[str], column: str) -> str:
    """The column of the first of the passes `names` that has the row."""
    found = [f"{name}.{column}" for name in names]
    return found[0] if len(found) == 1 else f"COALESCE({', '.join(found)})"


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
    catalogue: Catalogue,
    tests: list[Indicator],
    inputs: list[tuple[int, int]],
    period: tuple[int, int],
) -> str:
    """scale × Σnumerator ÷ Σdenominator over each school's own rows (a ratio's school value),
    as v<t>_<n> for each input (t, n), of inputs reading the same table and filters."""
    indicators = []
    for t, n in inputs:
        test = tests[t].test
        assert test is not None
        indicators.append(catalogue.indicators[test.indicators[n]])
    sample = indicators[0].numerator
    assert sample is not None
    rows = own_rows(catalogue, sample, period)
    expressions = [expr for i in indicators for expr in (_expr(i.numerator), _expr(i.denominator))]
    values = ", ".join(
        f"{indicator.scale!r} * op_{2 * k} / NULLIF(op_{2 * k + 1}, 0) AS v{t}_{n}"
        for k, (indicator, (t, n)) in enumerate(zip(indicators, inputs, strict=True))
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
