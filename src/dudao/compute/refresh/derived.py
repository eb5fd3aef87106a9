"""Tests, means and counts of passing districts above the root, after their inputs moved.

A test or a mean is judged again by its own kind from the refreshed inputs of the
same unit (t and t−1), where one of them moved; it is stale where one of them is.
A count of districts passing moves by the root's own verdict: the old count, minus
the verdict it had, plus the one it has.
"""

from __future__ import annotations

from collections.abc import Mapping

from dudao.catalogue import Indicator, Measure
from dudao.compute.hierarchy import Units
from dudao.compute.kinds import DerivedKind
from dudao.compute.refresh.patch import Context, Patch
from dudao.compute.results import IndicatorResult, ResultKey

SCOPES: tuple[str | None, ...] = (None, "consolidated", "own_level")


class Merged(Mapping[ResultKey, IndicatorResult]):
    """The figures above the root as after the change: patched ones over those before."""

    def __init__(self, context: Context, patch: Patch) -> None:
        self.context, self.patch = context, patch

    def __getitem__(self, key: ResultKey) -> IndicatorResult:
        found = self.patch.results.get(key)
        if found is not None:
            return found
        if key in self.patch.removed:
            raise KeyError(key)
        return self.context.before[key]

    def __iter__(self):  # type: ignore[no-untyped-def]
        raise TypeError("Merged figures are looked up, not listed")

    def __len__(self) -> int:
        raise TypeError("Merged figures are looked up, not listed")


def patch_derived(context: Context, indicator: Indicator, kind: DerivedKind, into: Patch) -> None:
    if kind.name == "passing":
        _passing(context, indicator, into)
        return
    merged = Merged(context, into)
    units = Units(context.chain.level, dict(zip(context.chain.units, (*context.chain.units[1:], None), strict=True)))  # fmt: skip
    for unit in context.chain.above:
        if context.chain.level[unit] not in indicator.levels:
            continue
        inputs, moved, stale = _inputs(context, kind.depends(indicator), unit, merged, into)
        if not moved:
            continue
        judged = {r.key: r for r in kind.derive(indicator, inputs, units)}
        for scope, year in moved:
            key = (indicator.id, unit, scope, year)
            if (scope, year) in stale:
                into.stale.add(key)
            elif key in judged:
                into.results[key] = judged[key]
            elif key in context.before:
                into.removed.add(key)


def _inputs(
    context: Context, depends: tuple[str, ...], unit: str, merged: Merged, patch: Patch
) -> tuple[dict[ResultKey, IndicatorResult], set[tuple[str | None, int]], set[tuple[str | None, int]]]:  # fmt: skip
    """The inputs at the unit, the places (scope, year) where one moved at t or t−1, and
    those where one is stale."""
    inputs: dict[ResultKey, IndicatorResult] = {}
    moved: set[tuple[str | None, int]] = set()
    stale: set[tuple[str | None, int]] = set()
    for name in depends:
        for scope in SCOPES:
            for year in context.years:
                if year is None:
                    continue
                key = (name, unit, scope, year)
                if key in merged:
                    inputs[key] = merged[key]
                touched = key in patch.results or key in patch.removed or key in patch.stale
                if touched:
                    moved |= {(scope, year), (scope, year + 1)}
                if key in patch.stale:
                    stale |= {(scope, year), (scope, year + 1)}
    return inputs, moved, stale


def _passing(context: Context, indicator: Indicator, into: Patch) -> None:
    root = context.chain.root
    if context.chain.level[root] != indicator.among:
        for unit in context.chain.above:
            if context.chain.level[unit] in indicator.levels:
                into.stale.update(
                    (indicator.id, unit, scope, year) for scope in SCOPES for year in context.years
                    if (indicator.id, unit, scope, year) in context.before
                )  # fmt: skip
        return
    for tested in indicator.of:
        for scope in SCOPES:
            for year in context.years:
                key = (tested, root, scope, year)
                was, now = context.before.get(key), context.after.get(key)
                if _verdict(was) == _verdict(now):
                    continue
                for unit in context.chain.above:
                    if context.chain.level[unit] in indicator.levels:
                        _recount(context, indicator, (indicator.id, unit, scope, year), was, now, into)  # fmt: skip


def _verdict(result: IndicatorResult | None) -> tuple[bool, bool | None]:
    return (result is not None, result.passed if result is not None else None)


def _recount(
    context: Context,
    indicator: Indicator,
    key: ResultKey,
    was: IndicatorResult | None,
    now: IndicatorResult | None,
    into: Patch,
) -> None:
    old = into.results.get(key) or context.before.get(key)
    passed, judged = (old.numerator or 0.0, old.denominator or 0.0) if old else (0.0, 0.0)
    missing = _missing(old)
    for result, sign in ((was, -1), (now, 1)):
        if result is not None:
            passed += sign * (result.passed is True)
            judged += sign * (result.passed is not None)
            missing += sign * (result.passed is None)
    if judged == 0 and missing == 0:
        into.results.pop(key, None)
        if key in context.before:
            into.removed.add(key)
        return
    value = passed if indicator.measure is Measure.COUNT else (indicator.scale * passed / judged if judged else None)  # fmt: skip
    notes = indicator.notes + ((f"not_judged_{missing}",) if missing else ())
    into.results[key] = IndicatorResult(
        indicator=indicator.id, unit_code=key[1], scope=key[2], year=key[3], value=value,
        numerator=passed, denominator=judged, display=indicator.display(value),
        notes=notes, kind=indicator.kind,
    )  # fmt: skip


def _missing(result: IndicatorResult | None) -> int:
    notes = result.notes if result else ()
    return next((int(n.rsplit("_", 1)[1]) for n in notes if n.startswith("not_judged_")), 0)
