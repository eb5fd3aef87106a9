"""The catalogue's operand expressions as vectorised pandas: what an analyst would write by hand.

`SUM(enrolment) FILTER (WHERE stage = 'primary')` becomes
`frame["enrolment"].where(frame["stage"] == "primary")`, summed by a groupby.
Only the SQL an operand uses today is translated; anything else raises
Untranslatable and the indicator is left out of the pandas baseline (and said so).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import sqlglot
from sqlglot import exp


class Untranslatable(ValueError):
    pass


@dataclass(frozen=True)
class Aggregate:
    """Values to sum per group; `min_count` 1 gives SQL's NULL for a SUM of no values."""

    values: Callable[[pd.DataFrame], pd.Series]
    min_count: int


COMPARISONS: dict[type[exp.Expression], Callable[[Any, Any], Any]] = {exp.EQ: operator.eq, exp.NEQ: operator.ne, exp.GT: operator.gt, exp.GTE: operator.ge, exp.LT: operator.lt, exp.LTE: operator.le}  # fmt: skip
ARITHMETIC: dict[type[exp.Expression], Callable[[Any, Any], Any]] = {exp.Add: operator.add, exp.Sub: operator.sub, exp.Mul: operator.mul, exp.Div: operator.truediv}  # fmt: skip


def aggregate(sql: str) -> Aggregate:
    """An operand's aggregate: SUM(x) or COUNT(*|x), optionally FILTER (WHERE condition)."""
    tree = sqlglot.parse_one(sql, dialect="duckdb")
    condition: Callable[[pd.DataFrame], pd.Series] | None = None
    if isinstance(tree, exp.Filter):
        condition = expression(tree.expression.this)
        tree = tree.this
    if isinstance(tree, exp.Sum):
        inner, min_count = expression(tree.this), 1
    elif isinstance(tree, exp.Count):
        argument = tree.this
        star = argument is None or isinstance(argument, exp.Star)
        inner = (lambda f: pd.Series(1, index=f.index)) if star else _counted(expression(argument))
        min_count = 0
    else:
        raise Untranslatable(f"aggregate {tree.key!r} in {sql!r}")
    if condition is None:
        return Aggregate(inner, min_count)
    where = condition
    return Aggregate(lambda f: inner(f).where(where(f).fillna(False).astype(bool)), min_count)


def _counted(inner: Callable[[pd.DataFrame], pd.Series]) -> Callable[[pd.DataFrame], pd.Series]:
    return lambda f: inner(f).notna().astype(np.int64)


def expression(node: exp.Expression) -> Callable[[pd.DataFrame], pd.Series]:
    """A scalar SQL expression as a function of a frame."""
    if isinstance(node, exp.Paren):
        return expression(node.this)
    if isinstance(node, exp.Column):
        name = node.name
        return lambda f: f[name]
    if isinstance(node, exp.Literal):
        value = node.this if node.is_string else float(node.this)
        return lambda f: value  # type: ignore[return-value]
    if isinstance(node, exp.Boolean):
        flag = node.this
        return lambda f: flag  # type: ignore[return-value]
    if type(node) in COMPARISONS or type(node) in ARITHMETIC:
        function = {**COMPARISONS, **ARITHMETIC}[type(node)]
        left, right = expression(node.this), expression(node.expression)
        return lambda f: function(left(f), right(f))
    return _logical(node)


def _logical(node: exp.Expression) -> Callable[[pd.DataFrame], pd.Series]:
    if isinstance(node, exp.And | exp.Or):
        combine = operator.and_ if isinstance(node, exp.And) else operator.or_
        left, right = expression(node.this), expression(node.expression)
        return lambda f: combine(left(f), right(f))
    if isinstance(node, exp.Not):
        inner = expression(node.this)
        return lambda f: ~inner(f)
    if isinstance(node, exp.In) and not node.args.get("query"):
        subject = expression(node.this)
        values = [item.this if item.is_string else float(item.this) for item in node.expressions]
        return lambda f: subject(f).isin(values)
    if isinstance(node, exp.Between):
        subject, low, high = (expression(node.args[k]) for k in ("this", "low", "high"))
        return lambda f: subject(f).between(low(f), high(f))
    if isinstance(node, exp.Is) and isinstance(node.expression, exp.Null):
        subject = expression(node.this)
        return lambda f: subject(f).isna()
    raise Untranslatable(f"{node.key}: {node.sql()}")
