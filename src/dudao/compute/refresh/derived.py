"""Tests, means and counts of passing units above the root, after their inputs moved.

A test or a mean is judged again by its own kind from the refreshed inputs of the
same unit (t and t−1), where one of them moved; it is stale where one of them is.
A count of units passing moves by the verdicts of the chain's units it counts (the
district's): the old count, minus the verdict each had, plus the one it has.
"""

from __future__ import annotations

from dudao.catalogue import Indicator, Measure
from dudao.compute.hierarchy import Units
from dudao.compute.kinds import DerivedKind
from dudao.compute.refresh.patch import Context, Patch
from dudao.compute.results import IndicatorResult, ResultKey, as_results

SCOPES: tuple[str | None, ...] = (None, "consolidated", "own_level")
Place = tuple[str | None, int]  # scope, year


def patch_derived(context: Context, indicator: Indicator, kind: DerivedKind, into: Patch) -> None:
    if kind.name == "passing":
        _passing(context, indicator, into)
        return
    chain = context.chain
    units = Units(chain.level, dict(zip(chain.units, (*chain.units[1:], None), strict=True)))
    for unit in chain.above:
        if chain.level[unit] not in indicator.levels:
            continue
        inputs, moved, stale = _inputs(context, kind.depends(indicator), unit, into)
        if not moved:
            continue
        derived = as_results(kind.derive(indicator, inputs, units), {indicator.id: indicator})
        judged = {r.key: r for r in derived}
        for scope, year in moved:
            key = (indicator.id, unit, scope, year)
            if (scope, year) in stale:
                into.stale.add(key)
            elif key in judged:
                into.results[key] = judged[key]
            elif key in context.before:
                into.removed.add(key)


def now(context: Context, patch: Patch, key: ResultKey) -> IndicatorResult | None:
    """A figure as after the change: recomputed, patched, or as it was."""
    if key[1] in context.chain.recomputed:
        return context.after.get(key)
    if key in patch.removed:
        return None
    return patch.results.get(key) or context.before.get(key)


def _inputs(
    context: Context, depends: tuple[str, ...], unit: str, patch: Patch
) -> tuple[dict[ResultKey, IndicatorResult], set[Place], set[Place]]:
    """The inputs at the unit, the places where one moved at t or t−1, and those where one
    is stale."""
    inputs: dict[ResultKey, IndicatorResult] = {}
    moved: set[Place] = set()
    stale: set[Place] = set()
    for key in ((n, unit, s, y) for n in depends for s in SCOPES for y in context.years if y):
        found = now(context, patch, key)
        if found is not None:
            inputs[key] = found
        _, _, scope, year = key
        if key in patch.results or key in patch.removed or key in patch.stale:
            moved |= {(scope, year), (scope, year + 1)}
        if key in patch.stale:
            stale |= {(scope, year), (scope, year + 1)}
    return inputs, moved, stale


def _passing(context: Context, indicator: Indicator, into: Patch) -> None:
    chain = context.chain
    if indicator.among == "school":  # the school's own verdicts are not among the figures
        for scope in SCOPES:
            for year in context.years:
                _stale_above(context, indicator, chain.root, scope, year, into)
        return
    counted = [unit for unit in chain.units if chain.level[unit] == indicator.among]
    for tested in indicator.of:
        for scope in SCOPES:
            for year in context.years:
                for unit in counted:
                    key = (tested, unit, scope, year)
                    was, is_ = context.before.get(key), now(context, into, key)
                    if key in into.stale:
                        _stale_above(context, indicator, unit, scope, year, into)
                    elif _verdict(was) != _verdict(is_):
                        for above in chain.units[chain.units.index(unit) + 1 :]:
                            if chain.level[above] in indicator.levels:
                                _recount(context, indicator, (indicator.id, above, scope, year), was, is_, into)  # fmt: skip


def _stale_above(
    context: Context, indicator: Indicator, unit: str, scope: str | None, year: int | None, into: Patch
) -> None:  # fmt: skip
    chain = context.chain
    for above in chain.units[chain.units.index(unit) + 1 :]:
        key = (indicator.id, above, scope, year)
        if chain.level[above] in indicator.levels and key in context.before:
            into.stale.add(key)


def _verdict(result: IndicatorResult | None) -> tuple[bool, bool | None]:
    return (result is not None, result.passed if result is not None else None)


def _recount(
    context: Context,
    indicator: Indicator,
    key: ResultKey,
    was: IndicatorResult | None,
    now_: IndicatorResult | None,
    into: Patch,
) -> None:
    """The count at `key` with one counted unit's verdict `was` replaced by `now_`."""
    if key in into.stale:
        return
    old = into.results.get(key) or (None if key in into.removed else context.before.get(key))
    passed, judged = (old.numerator or 0.0, old.denominator or 0.0) if old else (0.0, 0.0)
    missing = _missing(old)
    for result, sign in ((was, -1), (now_, 1)):
        if result is not None:
            passed += sign * (result.passed is True)
            judged += sign * (result.passed is not None)
            missing += sign * (result.passed is None)
    into.results.pop(key, None)
    if judged == 0 and missing == 0:
        if key in context.before:
            into.removed.add(key)
        return
    into.removed.discard(key)
    value = passed if indicator.measure is Measure.COUNT else (indicator.scale * passed / judged if judged else None)  # fmt: skip
    into.results[key] = IndicatorResult(
        indicator=indicator.id, unit_code=key[1], scope=key[2], year=key[3], value=value,
        numerator=passed, denominator=judged, display=indicator.display(value),
        notes=indicator.notes + ((f"not_judged_{missing}",) if missing else ()), kind=indicator.kind,
    )  # fmt: skip


def _missing(result: IndicatorResult | None) -> int:
    notes = result.notes if result else ()
    return next((int(n.rsplit("_", 1)[1]) for n in notes if n.startswith("not_judged_")), 0)
