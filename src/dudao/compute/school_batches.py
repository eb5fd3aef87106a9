"""Schools' figures a batch of schools at a time: a national run at every level without
holding half a million schools' results (89 M at full scale) in memory at once.

A school's figure reads only that school's own rows: no indicator computed per school
reads an operand at an ancestor's level, the previous year or a period (checked before
the first batch). So a batch's schools' results, computed from the tables cut to those
schools (a table naming no school is read whole), are the whole run's results for them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from dudao.catalogue import Catalogue, Indicator, default_catalogue
from dudao.compute.engine import DuckDBEngine, EngineName, Source, in_memory
from dudao.compute.indicators import compute_table, per_school
from dudao.compute.kinds import DEFAULT_KINDS, IndicatorKind, SqlKind, kinds_by_name
from dudao.compute.selection import with_dependencies
from dudao.compute.views import data_years

SCHOOLS_PER_BATCH = 10_000  # at BENCH_SCALE=0.1: peak 1.9 GB (3.0 GB at 20,000), same total time


def school_batches(
    tables: Mapping[str, Source],
    *,
    schools_per_batch: int = SCHOOLS_PER_BATCH,
    catalogue: Catalogue | None = None,
    indicator_ids: Iterable[str] | None = None,
    kinds: tuple[IndicatorKind, ...] = DEFAULT_KINDS,
    period: tuple[int, int] | None = None,
    as_of: date | None = None,
    engine_name: EngineName = "duckdb",
    stage_weights: Mapping[str, float] | None = None,
) -> Iterator[pa.Table]:
    """The school-level results (RESULT_SCHEMA) of the selected indicators computed per
    school, one table per batch of schools in register order; `compute_table(...,
    school_level=True)`'s school rows, in its order within a batch. The period defaults to
    the whole data's span, never a batch's."""
    catalogue = catalogue or default_catalogue()
    registry = kinds_by_name(kinds)
    selected = list(indicator_ids or catalogue.indicators)
    indicators = with_dependencies(catalogue, selected, registry)
    at_schools = per_school(indicators, registry, school_level=True)
    _own_rows_only([i for i in indicators if i.id in at_schools], registry)
    chosen = [i for i in selected if i in at_schools]
    if not chosen or "schools" not in tables:
        return
    span = period or _span(catalogue, tables)
    codes = in_memory(tables["schools"], ["school_code"])["school_code"].combine_chunks()
    for start in range(0, len(codes), schools_per_batch):
        batch = codes[start : start + schools_per_batch]
        results = compute_table(
            {name: _cut(source, batch) for name, source in tables.items()},
            catalogue=catalogue,
            indicator_ids=chosen,
            kinds=kinds,
            period=span,
            as_of=as_of,
            engine_name=engine_name,
            school_level=True,
            stage_weights=stage_weights,
        )
        yield results.filter(pc.is_in(results["unit_code"], value_set=batch))


def _own_rows_only(indicators: list[Indicator], registry: Mapping[str, IndicatorKind]) -> None:
    for indicator in indicators:
        kind = registry[indicator.kind]
        reaches = indicator.over_period or (
            isinstance(kind, SqlKind)
            and (kind.previous or any(op.at_level for op in kind.operands(indicator)))
        )
        if reaches:
            raise ValueError(
                f"{indicator.id} is computed per school but reads beyond the school's own rows "
                "(an ancestor's operand, the previous year or a period): it cannot be batched"
            )


def _span(catalogue: Catalogue, tables: Mapping[str, Source]) -> tuple[int, int]:
    engine = DuckDBEngine(catalogue, tables)
    try:
        years = data_years(engine, catalogue)
    finally:
        engine.close()
    return (years[0], years[-1]) if years else (0, 0)


def _cut(source: Source, schools: pa.Array) -> Source:
    """The rows of `schools` when the table names a school, else the whole table."""
    if "school_code" not in source.schema.names:
        return source
    if isinstance(source, ds.Dataset):
        return source.filter(pc.field("school_code").isin(schools))
    return source.filter(pc.is_in(source["school_code"], value_set=schools))
