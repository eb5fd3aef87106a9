"""Per-school values for all-schools rules (each school meets ≥ 6 of 7 standards, …).

A per-school standard is the school's own R ÷ P of a dispersion indicator: the
same operands, school set and stage filter that the district's CV reads
(`balance2017_cv_*`), evaluated for each school instead of summed. So a
standard and its CV can never disagree on which schools or resources count.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import pyarrow as pa

from dudao.catalogue import Catalogue, default_catalogue


@dataclass(frozen=True)
class SchoolValue:
    unit_code: str  # the assessed unit the school lies in
    school_code: str
    year: int
    indicator: str  # the dispersion indicator whose per-school ratio this is
    value: float | None  # None when R or P is not reported, or P is 0


class SchoolValues:
    """unit -> year -> school -> indicator -> value."""

    def __init__(self, rows: Iterable[SchoolValue]) -> None:
        self._tree: dict[str, dict[int, dict[str, dict[str, float | None]]]] = {}
        for row in rows:
            schools = self._tree.setdefault(row.unit_code, {}).setdefault(row.year, {})
            schools.setdefault(row.school_code, {})[row.indicator] = row.value

    def schools(
        self, unit_code: str, year: int, indicators: Iterable[str]
    ) -> dict[str, dict[str, float | None]]:
        """Each school with a row for any of `indicators`, and its value of each (None: missing)."""
        wanted = tuple(indicators)
        found = self._tree.get(unit_code, {}).get(year, {})
        return {
            school: {indicator: values.get(indicator) for indicator in wanted}
            for school, values in sorted(found.items())
            if any(indicator in values for indicator in wanted)
        }


def school_values(
    tables: Mapping[str, pa.Table],
    indicator_ids: Iterable[str],
    *,
    level: str,
    years: Iterable[int],
    catalogue: Catalogue | None = None,
) -> SchoolValues:
    """Per-school R ÷ P of each dispersion indicator in `years`, for schools under units of
    `level`.

    Indicators reading the same rows (table, school set, stage) share one scan.
    """
    from dudao.compute.engine import DuckDBEngine
    from dudao.compute.views import data_years, register_views

    catalogue = catalogue or default_catalogue()
    groups: dict[tuple[str, str | None, str | None], list[str]] = {}
    for indicator_id in dict.fromkeys(indicator_ids):
        numerator = catalogue.indicators[indicator_id].numerator
        assert numerator is not None
        key = (numerator.table, numerator.school_set, numerator.where)
        groups.setdefault(key, []).append(indicator_id)
    if not groups:
        return SchoolValues(())
    rows: list[SchoolValue] = []
    with DuckDBEngine(catalogue, tables) as engine:
        years = data_years(engine, catalogue)
        span = (years[0], years[-1]) if years else (0, 0)
        dates = [(year, date(year, 12, 31)) for year in years]
        register_views(engine, catalogue, years=years, as_of_dates=dates, period=span)
        for key, members in groups.items():
            query = _group_query(catalogue, key, members, level, tuple(years))
            for row in engine.run(query).to_pylist():
                rows.extend(
                    SchoolValue(
                        row["unit_code"], row["school_code"], row["year"], name, row[f"v{i}"]
                    )
                    for i, name in enumerate(members)
                )
    return SchoolValues(rows)


def _group_query(
    catalogue: Catalogue,
    key: tuple[str, str | None, str | None],
    members: list[str],
    level: str,
    years: tuple[int, ...],
) -> str:
    from dudao.compute.operands import qualify, school_set_condition

    table, school_set, where = key
    listed = ", ".join(str(int(year)) for year in years) or "NULL"
    conditions = [f"o.level = '{level}'", f"f.year IN ({listed})"]
    if school_set:
        conditions.append(qualify(school_set_condition(catalogue, school_set), "m"))
    if where:
        conditions.append(qualify(where, "f"))
    columns = []
    for index, indicator_id in enumerate(members):
        indicator = catalogue.indicators[indicator_id]
        assert indicator.numerator is not None and indicator.denominator is not None
        r = qualify(indicator.numerator.expr, "f")
        p = qualify(indicator.denominator.expr, "f")
        columns.append(f"CAST({r} AS DOUBLE) / NULLIF(CAST({p} AS DOUBLE), 0) AS v{index}")
    return (
        f"SELECT c.ancestor AS unit_code, f.school_code, CAST(f.year AS BIGINT) AS year, "
        f"{', '.join(columns)} FROM {table} AS f "
        "JOIN schools AS s ON s.school_code = f.school_code "
        "JOIN org_closure AS c ON c.descendant = s.org_code "
        "JOIN org_units AS o ON o.code = c.ancestor "
        "JOIN school_membership AS m ON m.school_code = f.school_code AND m.year = f.year "
        f"WHERE {' AND '.join(conditions)}"
    )
