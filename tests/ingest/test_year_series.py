"""The series helpers compare as DuckDB compares a column with a decimal literal."""

from __future__ import annotations

import duckdb
import numpy as np
import pyarrow as pa
import pytest

from dudao.ingest.vectors import group_ids
from dudao.ingest.year_series import at_least, more_than, previous_valid, walk

INTEGERS = [0, 1, 2, 9, 10, 11, 19, 20, 21, 29, 30, 31, 99, 100, 110, 111, 2**40 + 1]
FLOATS = [0.0, 0.1, 0.3, 1.0, 1.1, 2.9999999, 3.0, 3.3, 10.0, 11.0, 19.95, 20.0, 33.0]


@pytest.mark.parametrize("factor", [1.1, 1.5, 3.0, 3.3, 7.0])
@pytest.mark.parametrize("values", [INTEGERS, FLOATS], ids=["integers", "floats"])
def test_more_than_is_duckdbs_comparison_with_the_literal(values: list, factor: float) -> None:
    pairs = pa.table({"v": [a for a in values for _ in values], "p": values * len(values)})
    connection = duckdb.connect()
    connection.register("pairs", pairs)
    want = connection.execute(f"SELECT v > {factor} * p FROM pairs").fetchall()
    got = more_than(pairs["v"].to_numpy(), factor, pairs["p"].to_numpy())
    assert got.tolist() == [row[0] for row in want]


@pytest.mark.parametrize("floor", [0.0, 19.5, 20.0, 20.5])
@pytest.mark.parametrize("values", [INTEGERS, FLOATS], ids=["integers", "floats"])
def test_at_least_is_duckdbs_comparison_with_the_literal(values: list, floor: float) -> None:
    cells = pa.table({"v": values})
    connection = duckdb.connect()
    connection.register("cells", cells)
    want = connection.execute(f"SELECT v >= {floor} FROM cells").fetchall()
    assert at_least(cells["v"].to_numpy(), floor).tolist() == [row[0] for row in want]


def test_previous_valid_skips_empty_values_within_a_series_only() -> None:
    series = group_ids([pa.array(["a", "b", "a", None, "a", None])], 6)
    order = walk(series, pa.array([2003, 2001, 2001, 2002, 2002, 2001]))
    values = np.array([True, True, True, True, False, True])
    before = previous_valid(order, values)
    # sorted: a 2001 (2), a 2002 (4, empty), a 2003 (0), b 2001 (1), None 2001 (5), None 2002 (3)
    assert order.order.tolist() == [2, 4, 0, 1, 5, 3]
    assert before.tolist() == [-1, 0, 0, -1, -1, 4]
    assert (
        previous_valid(walk(np.zeros(0, np.int64), pa.array([], pa.int64())), values[:0]).size == 0
    )
