"""Two-stage aggregation: partial sums per unit rolled up through the closure equal the sums
of the rows placed under every unit (dudao.compute.rollup), for the whole catalogue."""

from __future__ import annotations

import math
from collections.abc import Mapping

import pyarrow as pa
import pytest

from dudao.catalogue import default_catalogue
from dudao.compute.engine import DuckDBEngine
from dudao.compute.indicators import RunOptions, prepare_run
from dudao.compute.kinds import DEFAULT_KINDS, SqlKind, kinds_by_name
from dudao.compute.operands import group_operands, placed_query, tables_read
from dudao.compute.rollup import decompose, flag_filters, group_query
from dudao.compute.views import build_views
from dudao.demo import write_seed_city
from dudao.ingest import read_dataset


def test_decomposable_aggregates_split_into_partials_and_their_rollup() -> None:
    found = decompose(
        (
            "SUM(f.enrolment) FILTER(WHERE f.stage = 'primary')",
            "COUNT(*)",
            "CAST(SUM(f.a) AS DOUBLE) / NULLIF(SUM(f.enrolment) FILTER(WHERE f.stage = 'primary'), 0)",
            "MAX(f.b) - MIN(f.b)",
        )
    )
    assert found is not None
    assert found.partials == (
        "SUM(f.enrolment) FILTER(WHERE f.stage = 'primary')",
        "COUNT(*)",
        "SUM(f.a)",
        "MAX(f.b)",
        "MIN(f.b)",
    )
    assert found.finals == (
        "SUM(q.p_0)",
        "SUM(q.p_1)",  # a count of counts is their sum
        "CAST(SUM(q.p_2) AS DOUBLE) / NULLIF(SUM(q.p_0), 0)",
        "MAX(q.p_3) - MIN(q.p_4)",
    )


def test_filters_become_flags_the_rows_are_grouped_by() -> None:
    found = flag_filters(
        (
            "SUM(f.a) FILTER(WHERE f.stage = 'primary')",
            "COUNT(*) FILTER(WHERE f.stage = 'junior')",
            "SUM(f.a) FILTER(WHERE f.stage = 'junior')",
            "MAX(f.b)",
        )
    )
    assert found is not None
    assert found.bases == ("SUM(f.a)", "COUNT(*)", "MAX(f.b)")
    assert found.flags == ("f.stage = 'primary'", "f.stage = 'junior'")
    assert found.partials == (
        "SUM(b_0) FILTER (WHERE c_0)",
        "COALESCE(SUM(b_1) FILTER (WHERE c_1), 0)",  # no row counted is 0, not null
        "SUM(b_0) FILTER (WHERE c_1)",
        "MAX(b_2)",
    )


@pytest.mark.parametrize(
    "partials",
    [
        ("SUM(f.a)", "COUNT(*)"),  # no filter: nothing to gain
        ("SUM(f.a) FILTER(WHERE s.org_code = 'x')",),  # a condition beyond the row
        tuple(f"SUM(f.a) FILTER(WHERE f.c{n} = 1 AND f.d = 2)" for n in range(4)),  # many
    ],
)
def test_filters_stay_when_flags_would_not_pay(partials: tuple[str, ...]) -> None:
    assert flag_filters(partials) is None


@pytest.mark.parametrize(
    "expression",
    [
        "COUNT(DISTINCT f.unit_code)",  # a unit counted under two children would count twice
        "f.year + SUM(f.a)",  # a row column outside the aggregates
        "MEDIAN(f.a)",
        "SUM(f.a) / COUNT(DISTINCT f.b)",
    ],
)
def test_other_aggregates_keep_the_one_stage_query(expression: str) -> None:
    assert decompose(("SUM(f.a)", expression)) is None


@pytest.fixture(scope="module")
def seed_tables(tmp_path_factory: pytest.TempPathFactory) -> Mapping[str, pa.Table]:
    return read_dataset(write_seed_city(tmp_path_factory.mktemp("seed_city"))).tables


def _rows(table: pa.Table) -> dict[tuple[object, ...], tuple[object, ...]]:
    rows = table.to_pylist()
    found = {(r["unit_code"], r["year"], r["scope"]): tuple(r.values())[3:] for r in rows}
    assert len(found) == len(rows)
    return found


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-12)
    return a == b


@pytest.mark.parametrize("at_schools", [False, True])
def test_every_catalogue_group_sums_the_same_in_two_stages(
    seed_tables: Mapping[str, pa.Table], at_schools: bool
) -> None:
    catalogue = default_catalogue()
    registry = kinds_by_name(DEFAULT_KINDS)
    operands = [
        operand
        for indicator in catalogue.indicators.values()
        if isinstance(kind := registry[indicator.kind], SqlKind)
        for operand in kind.operands(indicator)
    ]
    keys = {operand.key for operand in operands} if at_schools else set()
    two_stage = 0
    with DuckDBEngine(catalogue, seed_tables) as engine:
        run = prepare_run(engine, catalogue, RunOptions())
        build_views(engine, catalogue, tables_read(catalogue, operands), run.period)
        for group in group_operands(operands, keys):
            query = group_query(catalogue, group, run.period)
            one_stage = placed_query(catalogue, group, run.period)
            two_stage += query != one_stage
            expected, found = _rows(engine.run(one_stage)), _rows(engine.run(query))
            assert found.keys() == expected.keys(), group.sample.table
            unequal = [
                key for key, values in expected.items() if not all(map(_same, values, found[key]))
            ]
            assert unequal == [], (group.sample.table, group.expressions)
    assert two_stage >= 10  # most groups: the test compares something
