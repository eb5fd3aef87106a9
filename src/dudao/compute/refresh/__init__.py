"""Refresh after one school's rows changed: its chain's figures, without a full recompute.

The figures a change can move are those of the school's chain of units (its
district, city, province, nation) for the indicators that read a changed table,
and the tests and counts that read those. The district's are computed again on the
district's own rows (`compute_indicators`, exact, every kind: a dispersion needs
every school of it); above the district a sum moves by what the district's moved,
and each kind forms its value again from the patched sums; tests are judged again,
and counts of districts passing move by the district's verdict. What cannot be made
exactly so is listed as stale, never guessed.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import pyarrow as pa
import pyarrow.compute as pc

from dudao.catalogue import Catalogue, default_catalogue
from dudao.compute.indicators import compute_indicators
from dudao.compute.kinds import DEFAULT_KINDS, DerivedKind, IndicatorKind, SqlKind, kinds_by_name
from dudao.compute.refresh.chain import Chain, RefreshError, chain_of, root_rows
from dudao.compute.refresh.derived import SCOPES, patch_derived
from dudao.compute.refresh.patch import Context, Patch, patch_sql
from dudao.compute.refresh.reads import Reads
from dudao.compute.refresh.sums import Sums
from dudao.compute.results import IndicatorResult, ResultKey, as_results
from dudao.compute.selection import with_dependencies

__all__ = ["Refresh", "RefreshError", "chain_results", "refresh_results", "root_rows"]


@dataclass(frozen=True)
class Refresh:
    """The chain's figures a change could move, as after it."""

    chain: Chain
    results: dict[ResultKey, IndicatorResult]  # recomputed (the district and below) and patched
    removed: frozenset[ResultKey]  # figures that no longer exist (every input became null)
    stale: frozenset[ResultKey]  # could not be refreshed exactly: their old values are wrong
    recomputed: int  # on the district's rows
    patched: int  # above the district, from its change

    def applied(self, previous: Mapping[ResultKey, IndicatorResult]) -> dict[ResultKey, IndicatorResult]:  # fmt: skip
        """Every figure after the change: the previous ones, refreshed; stale ones left out."""
        dropped = self.removed | self.stale
        kept = {key: result for key, result in previous.items() if key not in dropped}
        return kept | self.results


def refresh_results(
    previous: Mapping[ResultKey, IndicatorResult] | pa.Table,
    tables: Mapping[str, pa.Table],
    school: str,
    *,
    changed: Collection[str] = ("school_stage_year",),
    catalogue: Catalogue | None = None,
    kinds: tuple[IndicatorKind, ...] = DEFAULT_KINDS,
    period: tuple[int, int] | None = None,
    as_of: date | None = None,
    stage_weights: Mapping[str, float] | None = None,
) -> Refresh:
    """Refresh `previous` (every figure, by key, or `compute_table`'s table of them,
    computed with the same options) after the rows of `school` in the `changed` tables
    became those in `tables` (all the data). Only the chain's figures are read: of a
    table, only their rows become objects (a national run's 5.8 M would take 6 GB)."""
    catalogue = catalogue or default_catalogue()
    registry = kinds_by_name(kinds)
    chain = chain_of(tables, school)
    if isinstance(previous, pa.Table):
        previous = chain_results(previous, chain, catalogue)
    reads = Reads(catalogue, changed)
    ids = reads.affected(registry)
    period = period or _period(previous, catalogue, chain) or _span(tables)
    fresh = compute_indicators(
        root_rows(tables, chain.root), catalogue=catalogue, indicator_ids=sorted(ids), kinds=kinds,
        period=period, as_of=as_of, stage_weights=stage_weights,
    )  # fmt: skip
    after = {r.key: r for r in fresh if r.unit_code in chain.recomputed}
    years = _years(after.values(), period)
    patch = Patch(results={}, removed=set(), stale=set())
    _ancestors_read(catalogue, ids, after, patch)
    context = Context(Sums(catalogue), chain, reads, previous, after, years)
    patch.removed |= {
        key
        for key in _keys(ids, chain.recomputed, years)
        if key in previous and key not in after and key not in patch.stale
    }
    ordered = [i for i in with_dependencies(catalogue, sorted(ids), registry) if i.id in ids]
    above = [i for i in ordered if any(chain.level[u] in i.levels for u in chain.above)]
    sql = [(i, k) for i in above if isinstance(k := registry[i.kind], SqlKind)]
    patch_sql(context, sql, patch)  # first: tests, means and counts read these
    for indicator in above:
        if isinstance(kind := registry[indicator.kind], DerivedKind):
            patch_derived(context, indicator, kind, patch)
    return Refresh(
        chain=chain,
        results=after | patch.results,
        removed=frozenset(patch.removed),
        stale=frozenset(patch.stale),
        recomputed=len(after),
        patched=len(patch.results),
    )


def chain_results(
    table: pa.Table, chain: Chain, catalogue: Catalogue
) -> dict[ResultKey, IndicatorResult]:
    """The figures of the chain's units in a results table (RESULT_SCHEMA), by key."""
    units = pa.array(list(chain.units), pa.string())
    rows = table.filter(pc.is_in(table["unit_code"], value_set=units))
    return {result.key: result for result in as_results(rows, catalogue.indicators)}


def _ancestors_read(
    catalogue: Catalogue,
    ids: Collection[str],
    after: dict[ResultKey, IndicatorResult],
    patch: Patch,
) -> None:
    """An operand read at an ancestor's level needs that ancestor's whole rows: stale."""
    for key in [k for k in after if any(op.at_level for op in catalogue.indicators[k[0]].operands)]:
        patch.stale.add(key)
        del after[key]


def _keys(ids: Iterable[str], units: Iterable[str], years: Iterable[int | None]) -> set[ResultKey]:
    return {(i, u, s, y) for i in ids for u in units for s in SCOPES for y in years}


def _years(results: Iterable[IndicatorResult], period: tuple[int, int]) -> tuple[int | None, ...]:
    """Every year a figure of the chain can have: those with data, the period's; None for
    a period's figures."""
    found = {r.year for r in results if r.year is not None} | set(range(period[0], period[1] + 1))
    return (*sorted(found), None)


def _period(
    previous: Mapping[ResultKey, IndicatorResult], catalogue: Catalogue, chain: Chain
) -> tuple[int, int] | None:
    """The period the previous figures were computed over (a period figure of the chain says)."""
    for indicator in catalogue.indicators.values():
        for unit in chain.units:
            for scope in SCOPES:
                found = previous.get((indicator.id, unit, scope, None))
                if found is not None and found.period is not None:
                    return found.period
    return None


def _span(tables: Mapping[str, pa.Table]) -> tuple[int, int]:
    """The first and last year of the data's yearly tables (the engine's default period)."""
    bounds = [pc.min_max(t["year"]).as_py() for t in tables.values() if "year" in t.column_names and t.num_rows]  # fmt: skip
    years = [y for b in bounds for y in (b["min"], b["max"]) if y is not None]
    return (min(years), max(years)) if years else (0, 0)
