"""Validation rules' SQL evaluated on Arrow arrays, as DuckDB evaluates it.

A DuckDB statement costs ~4-25 ms to plan whatever the table's size (its ~100 expressions on a
return's 72 population rows take 12 ms); the same expressions as compute calls cost ~1 ms. The
rule set's SQL is a small subset: columns, whole-number and text literals, + - * /, the six
comparisons, coalesce, IN, IS NULL, NOT, AND, OR. Anything else (a plug-in's function call, a
decimal literal) is Unsupported and the table's rules run in DuckDB; so does a table whose
evaluation raises (an int64 overflow), so that its rule_failed finding is DuckDB's own.

DuckDB's semantics kept: `/` divides as DOUBLE (x/0 is ±inf, 0/0 NaN), NaN equals NaN and
sorts above every number, integer arithmetic raises on overflow, NULL propagates (three-valued
AND, OR, NOT).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TypeAlias

import pyarrow as pa
import pyarrow.compute as pc
import sqlglot
from sqlglot import exp

Value: TypeAlias = "pa.Array | pa.Scalar"
MAX_LITERAL = 2**31 - 1  # DuckDB types a larger whole number otherwise than INTEGER

_ARITHMETIC: dict[type[exp.Expr], str] = {
    exp.Add: "add_checked",
    exp.Sub: "subtract_checked",
    exp.Mul: "multiply_checked",
}
_COMPARISONS: dict[type[exp.Expr], str] = {
    exp.EQ: "equal",
    exp.NEQ: "not_equal",
    exp.LT: "less",
    exp.LTE: "less_equal",
    exp.GT: "greater",
    exp.GTE: "greater_equal",
}


_OPERATORS = {"=": "equal", "!=": "not_equal", "<": "less", "<=": "less_equal"}
_OPERATORS |= {">": "greater", ">=": "greater_equal"}


class Unsupported(Exception):
    """SQL outside the subset evaluated here: DuckDB evaluates it."""


@cache
def parsed(sql: str) -> exp.Expr:
    return sqlglot.parse_one(sql, dialect="duckdb")


@cache
def supported(sql: str) -> bool:
    """Whether every node of `sql` is one `evaluate` knows (checked before any data is read)."""
    try:
        _check(parsed(sql))
    except Unsupported:
        return False
    return True


def evaluate(sql: str, table: pa.Table) -> Value:
    """The expression over the table's rows: an array, or a scalar for a constant."""
    if not supported(sql):
        raise Unsupported(sql)
    return _evaluate(parsed(sql), lambda name: table.column(name).combine_chunks())


def _check(node: exp.Expr) -> None:
    kind = type(node)
    if isinstance(node, exp.Literal):
        if not node.is_string and not (node.this.isdigit() and int(node.this) <= MAX_LITERAL):
            raise Unsupported(node.sql())
        return
    if kind not in _KNOWN:
        raise Unsupported(node.sql())
    if isinstance(node, exp.Is) and not isinstance(node.expression, exp.Null):
        raise Unsupported(node.sql())
    for child in node.iter_expressions():
        _check(child)


def _evaluate(node: exp.Expr, column: Callable[[str], pa.Array]) -> Value:
    def of(child: exp.Expr) -> Value:
        return _evaluate(child, column)

    if isinstance(node, exp.Column):
        return column(node.name)
    if isinstance(node, exp.Literal):
        return pa.scalar(node.this if node.is_string else int(node.this))
    if isinstance(node, exp.Boolean):
        return pa.scalar(bool(node.this))
    if isinstance(node, exp.Paren):
        return of(node.this)
    if isinstance(node, exp.Neg):
        return pc.negate_checked(of(node.this))
    if type(node) in _ARITHMETIC:
        return pc.call_function(_ARITHMETIC[type(node)], [of(node.this), of(node.expression)])
    if isinstance(node, exp.Div):
        return pc.divide(_double(of(node.this)), _double(of(node.expression)))
    if type(node) in _COMPARISONS:
        return _compare(_COMPARISONS[type(node)], of(node.this), of(node.expression))
    if isinstance(node, exp.Coalesce):
        return pc.coalesce(of(node.this), *(of(other) for other in node.expressions))
    if isinstance(node, exp.In):
        return _in(of(node.this), [of(item) for item in node.expressions])
    if isinstance(node, exp.Is):
        return pc.is_null(of(node.this))
    if isinstance(node, exp.Not):
        return pc.invert(of(node.this))
    if isinstance(node, exp.And):
        return pc.and_kleene(of(node.this), of(node.expression))
    if isinstance(node, exp.Or):
        return pc.or_kleene(of(node.this), of(node.expression))
    raise Unsupported(node.sql())


_KNOWN = frozenset(
    {exp.Column, exp.Identifier, exp.Paren, exp.Neg, exp.Div, exp.Coalesce, exp.In, exp.Is}
    | {exp.Not, exp.And, exp.Or, exp.Null, exp.Boolean}
    | set(_ARITHMETIC)
    | set(_COMPARISONS)
)


def compare(operator: str, left: Value, right: Value) -> Value:
    """`left operator right` for an operator as SQL writes it (=, !=, <, <=, >, >=)."""
    return _compare(_OPERATORS[operator], left, right)


def _double(value: Value) -> Value:
    return pc.cast(value, pa.float64())


def _compare(function: str, left: Value, right: Value) -> Value:
    """A comparison; between floats, NaN is equal to NaN and above every number (DuckDB)."""
    compared = pc.call_function(function, [left, right])
    if not (pa.types.is_floating(left.type) or pa.types.is_floating(right.type)):
        return compared
    left_nan, right_nan = _nan(left), _nan(right)
    ranks = pc.call_function(
        function, [pc.cast(left_nan, pa.int8()), pc.cast(right_nan, pa.int8())]
    )
    ranked = pc.if_else(pc.or_(left_nan, right_nan), ranks, compared)
    return pc.if_else(pc.is_null(compared), compared, ranked)  # NULL against NaN is NULL


def _nan(value: Value) -> Value:
    """NaN as true; a number, and NULL (decided by the comparison itself), as false."""
    if pa.types.is_floating(value.type):
        return pc.fill_null(pc.is_nan(value), False)
    return pa.scalar(False)


def _in(value: Value, items: list[Value]) -> Value:
    """SQL IN over literals: NULL for a NULL value, else whether it is one of them."""
    options = pa.array([item.as_py() for item in items if isinstance(item, pa.Scalar)])
    if len(options) != len(items):
        raise Unsupported("IN over expressions")
    found = pc.is_in(value, value_set=options.cast(value.type))
    return pc.if_else(pc.is_null(value), pa.scalar(None, pa.bool_()), found)
