"""Figures above the root, patched from the root's change: a unit's total of each
operand moves by what the root's moved, then the kind forms the value again.

Exact only when every operand is either untouched by the change (its total is read
back as it was) or a sum of rows (sums.patched); a fiscal own-level sum holds the
school only at the level of its sponsor. Otherwise the figure is stale, never wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from dudao.catalogue import Indicator, Operand
from dudao.compute.compile import ALIASES
from dudao.compute.kinds import SqlKind
from dudao.compute.refresh.chain import Chain
from dudao.compute.refresh.form import Formed, Totals, form
from dudao.compute.refresh.reads import Reads
from dudao.compute.refresh.sums import Carrier, Results, Sums, patched, total
from dudao.compute.results import IndicatorResult, ResultKey

OWN_LEVEL = "own_level"


@dataclass
class Patch:
    """What the change made of the figures above the root."""

    results: dict[ResultKey, IndicatorResult]
    removed: set[ResultKey]
    stale: set[ResultKey]


@dataclass(frozen=True)
class Context:
    sums: Sums
    chain: Chain
    reads: Reads  # what the changed tables are, and what reads them
    before: Results  # every figure before the change
    after: Results  # the root's figures after it
    years: tuple[int | None, ...]  # every year a figure can have (None: a period's)


def patch_sql(context: Context, indicators: list[tuple[Indicator, SqlKind]], into: Patch) -> None:
    """Patch indicators of SQL kinds at every unit above the root where they moved; the
    values formed in one query."""
    rows: list[tuple[ResultKey, Totals]] = []
    for indicator, kind in indicators:
        rows.extend(_totals(context, indicator, kind, into))
    for (key, totals), formed in zip(rows, form([t for _, t in rows]), strict=True):
        into.results[key] = _result(context, totals.indicator, key, formed)


def _totals(
    context: Context, indicator: Indicator, kind: SqlKind, into: Patch
) -> Iterator[tuple[ResultKey, Totals]]:
    operands = kind.operands(indicator)
    shifts = (0, 1) if kind.previous else (0,)
    places = [
        (unit, scope, year)
        for scope, year in _moved(context, indicator, operands, shifts)
        for unit in context.chain.above
        if context.chain.level[unit] in indicator.levels
    ]
    for unit, scope, year in places:
        key = (indicator.id, unit, scope, year)
        columns = _columns(context, operands, shifts, unit, scope, year)
        if columns is None:
            into.stale.add(key)
        elif any(columns.get(alias) is not None for alias in ("n", "d")):
            yield key, Totals(indicator, kind, columns)
        elif key in context.before:
            into.removed.add(key)


def _moved(
    context: Context, indicator: Indicator, operands: list[Operand], shifts: tuple[int, ...]
) -> Iterator[tuple[str | None, int | None]]:
    """The (scope, year) places where a changed operand's total at the root moved; where
    one has no carrier to read it from, those where the root has the figure at all."""
    root = context.chain.root
    changing = [op for op in operands if context.reads.changes(op)]
    carriers = [context.sums.carrier(op, (context.chain.level[root],)) for op in changing]
    for scope in _scopes(context, operands):
        for year in context.years:
            if None in carriers and any(
                (indicator.id, root, scope, year) in results
                for results in (context.before, context.after)
            ):
                yield scope, year
                continue
            shifted = [year] if year is None else [year - shift for shift in shifts]
            if any(
                total(context.before, carrier, root, seen, at)
                != total(context.after, carrier, root, seen, at)
                for operand, carrier in zip(changing, carriers, strict=True)
                if carrier is not None
                for seen in {scope, _root_scope(operand, scope)}
                for at in shifted
            ):
                yield scope, year


def _root_scope(operand: Operand, scope: str | None) -> str | None:
    """Where the root shows the school's part: an own-level sum of a unit above the district
    holds schools the root's own level does not, whose change the consolidated sum shows."""
    return "consolidated" if operand.by_scope and scope == OWN_LEVEL else scope


def _scopes(context: Context, operands: list[Operand]) -> tuple[str | None, ...]:
    scoped = any(context.sums.key(op)[-1] for op in operands)
    return ("consolidated", OWN_LEVEL) if scoped else (None,)


def _columns(
    context: Context,
    operands: list[Operand],
    shifts: tuple[int, ...],
    unit: str,
    scope: str | None,
    year: int | None,
) -> dict[str, float | None] | None:
    """The kind's columns of totals at the unit after the change, or None if not exact."""
    columns: dict[str, float | None] = {}
    for alias, operand in zip(ALIASES, operands, strict=False):
        for shift in shifts:
            at = None if year is None else year - shift
            found = _total(context, operand, unit, scope, at)
            if found is None:
                return None
            columns[("p" if shift else "") + alias] = found[0]
    return columns


def _total(
    context: Context, operand: Operand, unit: str, scope: str | None, year: int | None
) -> tuple[float | None] | None:
    """(the operand's total at the unit after the change,), or None if it cannot be exact."""
    chain, level = context.chain, context.chain.level
    if not context.reads.changes(operand):
        carrier = context.sums.carrier(operand, (level[unit],))
        return None if carrier is None else (total(context.before, carrier, unit, scope, year),)
    carrier = context.sums.carrier(operand, (level[unit], level[chain.root]))
    if carrier is None or not context.reads.decomposable(operand):
        return None
    before = total(context.before, carrier, unit, scope, year)
    if operand.by_scope and scope == OWN_LEVEL:
        return _own_level(context, carrier, unit, before, year)
    exact, value = patched(
        before,
        total(context.before, carrier, chain.root, scope, year),
        total(context.after, carrier, chain.root, scope, year),
    )
    return (value,) if exact else None


def _own_level(
    context: Context, carrier: Carrier, unit: str, before: float | None, year: int | None
) -> tuple[float | None] | None:
    """An own-level total holds the school only at its sponsor's level (a unit above the
    district: its own level); there its part moved by what the root's consolidated total
    moved, the school's rows being the only change."""
    chain = context.chain
    if "schools" in context.reads.changed:
        return None  # the sponsor itself may have changed
    if chain.level[unit] != chain.sponsor_level:
        return (before,)
    root_before = total(context.before, carrier, chain.root, "consolidated", year)
    root_after = total(context.after, carrier, chain.root, "consolidated", year)
    if root_before == root_after:
        return (before,)
    if before is None or root_before is None or root_after is None:
        return None
    return (before + root_after - root_before,)


def _result(
    context: Context, indicator: Indicator, key: ResultKey, formed: Formed
) -> IndicatorResult:
    _, unit, scope, year = key
    was = context.before.get(key)
    # org coverage notes stay: a school's rows do not change which units report org rows
    kept = tuple(n for n in (was.notes if was else ()) if n.startswith("reported_"))
    notes = indicator.notes + ((formed.note,) if formed.note else ()) + kept
    old = was or context.after.get((indicator.id, context.chain.root, scope, year))
    base = IndicatorResult(
        indicator=indicator.id, unit_code=unit, year=year, scope=scope, value=formed.value,
        numerator=formed.numerator, denominator=formed.denominator,
        display=indicator.display(formed.value), notes=notes, kind=indicator.kind,
    )  # fmt: skip
    return replace(base, period=old.period, as_of=old.as_of) if old else base
