"""Validation SQL on Arrow gives what DuckDB gives, row for row; what it cannot, it refuses."""

from __future__ import annotations

import duckdb
import pyarrow as pa
import pytest

from dudao.catalogue import default_catalogue
from dudao.catalogue.rules import ValidationRule
from dudao.ingest.check_context import CheckContext
from dudao.ingest.rule_frames import RuleFrames
from dudao.ingest.rules_arrow import Unsupported, evaluate, supported
from dudao.ingest.rules_validation import _arrow_rows, _violations_sql, violation
from dudao.ingest.sheets import Place
from tests.ingest.test_rules_batched import Spoilt, spoilt

CELLS = pa.table(
    {
        "a": pa.array([0, 1, 5, None, 7, 0, -3], pa.int64()),
        "b": pa.array([0, 0, 2, 4, None, 5, 2], pa.int64()),
        "x": pa.array([0.0, 1.5, float("nan"), None, -0.0, float("inf"), 2.0], pa.float64()),
        "s": pa.array(["primary", "junior", None, "", "senior", "x", "primary"], pa.string()),
    }
)
EXPRESSIONS = [
    "a + b",
    "a - b * 2",
    "-a",
    "a / b",
    "x / a",
    "a * 10000 / b",
    "coalesce(a, 0) + coalesce(b, 0)",
    "coalesce(s, '')",
    "a <= b",
    "a / b <= 2",
    "x >= 1",
    "x < a",
    "x = x",
    "x != 0",
    "x / a > 0",
    "a / b = a / b",
    "s = 'primary'",
    "s IN ('junior', 'senior')",
    "s IS NULL",
    "s IS NOT NULL",
    "NOT coalesce((a) <= (b), true) AND (a IS NOT NULL AND b IS NOT NULL)",
    "coalesce((s IN ('junior', 'senior')), false) OR a > 3",
    "NOT (x > 1)",
    "6",
    "a > 5000",
]


@pytest.mark.parametrize("sql", EXPRESSIONS)
def test_each_expression_is_duckdbs(sql: str) -> None:
    assert supported(sql)
    connection = duckdb.connect()
    connection.register("cells", CELLS)
    want = [row[0] for row in connection.execute(f"SELECT {sql} FROM cells").fetchall()]
    got = evaluate(sql, CELLS)
    values = [got.as_py()] * CELLS.num_rows if isinstance(got, pa.Scalar) else got.to_pylist()
    assert repr(values) == repr(want)  # repr: NaN equals NaN


@pytest.mark.parametrize("sql", ["abs(a) > 1", "a <= 0.5 * b", "a BETWEEN 1 AND 2", "s LIKE 'p%'"])
def test_sql_outside_the_subset_is_left_to_duckdb(sql: str) -> None:
    assert not supported(sql)
    with pytest.raises(Unsupported):
        evaluate(sql, CELLS)


def test_an_overflow_is_left_to_duckdb() -> None:
    """DuckDB raises on it too, and its error is the rule_failed finding's text."""
    catalogue = default_catalogue()
    table = catalogue.tables["population_year"]
    rule = next(
        r
        for r in catalogue.rules.values()
        if isinstance(r, ValidationRule) and "+" in r.right.expression
    )
    columns = {name: pa.array([2**62], pa.int64()) for name in ("age_3", "age_4", "age_5")}
    frame = pa.table({"__part": [0], "__row": [2], "age_3_5": [1], **columns})
    assert _arrow_rows([violation(rule, table)], frame) is None


def test_every_tables_rules_find_on_arrow_what_duckdb_finds(spoilt: Spoilt) -> None:
    parts, _ = spoilt
    catalogue = default_catalogue()
    context = CheckContext(parts, catalogue, Place("spoilt", None, catalogue))
    frames = RuleFrames(context)
    rules = [r for r in catalogue.rules.values() if isinstance(r, ValidationRule)]
    try:
        compared = 0
        for table_id in sorted({rule.table for rule in rules}):
            if not context.has_table(table_id):
                continue
            table = catalogue.tables[table_id]
            violations = [violation(r, table) for r in rules if r.table == table_id]
            got = _arrow_rows(violations, frames.dataset_table(table_id))
            want = frames.rows(_violations_sql(violations, frames.dataset(table_id)))
            assert got is not None, table_id
            assert repr(got) == repr(want), table_id
            compared += len(want)
        assert compared > 100  # the spoilt returns break many rules
    finally:
        frames.close()


__all__ = ["spoilt"]  # the fixture, shared
