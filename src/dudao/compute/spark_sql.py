"""Translate the engine's SQL from DuckDB's dialect to Spark's: sqlglot, plus fixes.

Each fix rewrites a DuckDB construct that sqlglot passes through unchanged but
that Spark 4 refuses, into the Spark form with the same value. Kept apart from
`dudao.compute.spark` so that it is tested without Java.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlglot
from sqlglot import exp


def _grouping_id(node: exp.Expression) -> exp.Expression:
    """GROUPING(a, b, …) → GROUPING_ID(a, b, …): Spark's grouping takes one column.

    Both give the same bit mask, the first column in the highest bit.
    """
    if isinstance(node, exp.Grouping) and len(node.expressions) > 1:
        return exp.GroupingId(expressions=node.expressions)
    return node


def _exact_percentile(node: exp.Expression) -> exp.Expression:
    """QUANTILE_CONT(x, q) → PERCENTILE(x, q); QUANTILE_DISC(x, q) → PERCENTILE_DISC(q) WITHIN
    GROUP (ORDER BY x).

    Spark refuses the two-argument forms, and sqlglot's own rewrite is PERCENTILE_APPROX, an
    estimate: Spark's PERCENTILE interpolates exactly as QUANTILE_CONT does. Function names
    are written as anonymous calls so that the Spark generator keeps them. A list of
    quantiles is left as it is.
    """
    fraction = node.args.get("expression")
    if not isinstance(node, exp.PercentileCont | exp.PercentileDisc):
        return node
    if (
        fraction is None
        or isinstance(fraction, exp.Array)
        or isinstance(node.parent, exp.WithinGroup)
    ):
        return node
    if isinstance(node, exp.PercentileCont):
        return exp.Anonymous(this="PERCENTILE", expressions=[node.this.copy(), fraction.copy()])
    order = exp.Order(expressions=[exp.Ordered(this=node.this.copy(), nulls_first=False)])
    discrete = exp.Anonymous(this="PERCENTILE_DISC", expressions=[fraction.copy()])
    return exp.WithinGroup(this=discrete, expression=order)


FIXES: tuple[Callable[[exp.Expression], exp.Expression], ...] = (
    _grouping_id,
    _exact_percentile,
)


def to_spark_sql(sql: str) -> str:
    """One statement written in DuckDB's dialect, as Spark SQL."""
    tree = sqlglot.parse_one(sql, read="duckdb")
    for fix in FIXES:
        tree = tree.transform(fix)
    return tree.sql(dialect="spark")
