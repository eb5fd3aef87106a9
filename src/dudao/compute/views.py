"""Derived views for operands (declared in dudao.catalogue.views): their SQL and registration.

- designation_events: each designation event placed in the hierarchy (the school's
  unit, the org unit itself, a teacher's org_code) with the level of an org unit;
- designation_status: for every year of the data, the latest event of each
  (unit, kind, level) up to that year; `holds` when it is awarded or passed_review
  (DATA.md; one year's events ordered as the result code list);
- school_closures: schools by the year they closed;
- school_area_change: each school standing at the end of the period, its areas at
  the end of b and of a - 1 (DATA.md "Years": a change over [a, b]);
- substitute_cases_as_of: every case at each cut-off date, `resolved` when its
  outcome is not pending and dated on or before the cut-off;
- school_membership (dudao.compute.membership), school_standards (dudao.compute.standards).

Only the views a run's operands read are built, with the views those read: the
standards alone cost a tenth of a whole-catalogue run, and most runs read few views.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date

import pyarrow as pa
import sqlglot
from sqlglot import exp

from dudao.catalogue import Catalogue
from dudao.catalogue.views import BALANCE_TEACHERS, resource_fields
from dudao.compute.engine import Engine
from dudao.compute.membership import membership_query
from dudao.compute.standards import school_standards_query

HOLDING_RESULTS = ("awarded", "passed_review")
# Combined schools split shared resources between stages by w_s·P_s / Σ w_t·P_t.
# One local guide's weights (primary:junior 1:1.1, junior:senior 1:1.2; REFERENCES.md):
# not verified nationally, so a run may pass others.
STAGE_WEIGHTS = {"primary": 1.0, "junior": 1.1, "senior": 1.32}


def register_views(
    engine: Engine,
    catalogue: Catalogue,
    *,
    years: Sequence[int],
    as_of_dates: Sequence[tuple[int, date]],
    stage_weights: Mapping[str, float] = STAGE_WEIGHTS,
) -> None:
    """The hierarchy's views and a run's settings, which build_views's views read."""
    engine.materialize("school_closure", SCHOOL_CLOSURE)
    engine.materialize("school_unit_closure", SCHOOL_UNIT_CLOSURE)
    engine.materialize("units", UNITS)
    weights = {"stage": list(stage_weights), "weight": [float(w) for w in stage_weights.values()]}
    engine.register("stage_weights", pa.table(weights))
    engine.register("data_years", pa.table({"year": pa.array(list(years), pa.int64())}))
    cut_offs = {
        "year": pa.array([year for year, _ in as_of_dates], pa.int64()),
        "as_of": pa.array([day for _, day in as_of_dates], pa.date32()),
    }
    engine.register("as_of_dates", pa.table(cut_offs))


def build_views(
    engine: Engine, catalogue: Catalogue, reads: Collection[str], period: tuple[int, int]
) -> None:
    """The derived views among `reads`, and the views they read, each built once."""
    queries = _view_queries(catalogue, period)
    built: set[str] = set()

    def build(name: str) -> None:
        if name in built or name not in queries:
            return
        built.add(name)
        for table in _tables(queries[name]):
            build(table)
        engine.materialize(name, queries[name])

    for name in sorted(reads):
        build(name)


def _tables(sql: str) -> list[str]:
    """The tables (and CTEs, which no view is named as) a query reads, in order."""
    tree = sqlglot.parse_one(sql, dialect="duckdb")
    return list(dict.fromkeys(table.name for table in tree.find_all(exp.Table)))


# Every unit results can be for: the org units, and schools (level `school`).
UNITS = (
    "SELECT code, level, parent_code AS parent FROM org_units UNION ALL "
    "SELECT school_code AS code, 'school' AS level, org_code AS parent FROM schools"
)
# (ancestor, school_code, depth): the org units a school's rows sum up to; with the
# school itself for the operands of school-level results only (a thousand times more rows).
SCHOOL_CLOSURE = (
    "SELECT c.ancestor, s.school_code AS descendant, c.depth + 1 AS depth "
    "FROM schools AS s JOIN org_closure AS c ON c.descendant = s.org_code"
)
SCHOOL_UNIT_CLOSURE = (
    f"{SCHOOL_CLOSURE} UNION ALL "
    "SELECT school_code AS ancestor, school_code AS descendant, 0 AS depth FROM schools"
)


def data_years(engine: Engine, catalogue: Catalogue) -> list[int]:
    """Every year a yearly table has rows for, or a substitute case was identified or settled."""
    yearly = [f"year FROM {table.id}" for table in catalogue.tables.values() if table.yearly]
    yearly += ["identified_year FROM substitute_cases", "YEAR(outcome_date) FROM substitute_cases"]
    union = " UNION ".join(f"SELECT DISTINCT {column} AS year" for column in yearly)
    rows = engine.run(f"SELECT year FROM ({union}) AS y WHERE year IS NOT NULL ORDER BY year")
    return [int(year) for year in rows.column("year").to_pylist()]


def _view_queries(catalogue: Catalogue, period: tuple[int, int]) -> dict[str, str]:
    first, last = period
    results = [code.code for code in catalogue.code_lists["designation_result"].codes]
    rank = " ".join(f"WHEN '{code}' THEN {index}" for index, code in enumerate(results))
    holds = ", ".join(f"'{code}'" for code in HOLDING_RESULTS)
    areas = ("land_area", "building_area")
    teachers = ", ".join(f"y.{field}" for field in BALANCE_TEACHERS)
    resources = ", ".join(f"r.{field}" for field in resource_fields(catalogue))
    return {
        "school_membership": membership_query(catalogue),
        "designation_events": (
            "SELECT d.unit_kind, d.unit_code, CASE d.unit_kind WHEN 'school' THEN s.org_code "
            "WHEN 'org' THEN d.unit_code ELSE d.org_code END AS org_code, d.kind, d.level, "
            "d.year, d.result, CASE WHEN d.unit_kind = 'org' THEN o.level ELSE d.unit_kind END "
            f"AS unit_level, CASE d.result {rank} END AS result_rank FROM designations AS d "
            "LEFT JOIN schools AS s ON d.unit_kind = 'school' AND s.school_code = d.unit_code "
            "LEFT JOIN org_units AS o ON d.unit_kind = 'org' AND o.code = d.unit_code"
        ),
        "designation_status": (
            "SELECT unit_kind, unit_code, org_code, kind, level, at_year AS year, result, "
            f"unit_level, result IN ({holds}) AS holds FROM (SELECT e.*, y.year AS at_year, "
            "ROW_NUMBER() OVER (PARTITION BY y.year, e.unit_kind, e.unit_code, e.kind, e.level "
            "ORDER BY e.year DESC, e.result_rank DESC) AS recency FROM designation_events AS e "
            "JOIN data_years AS y ON e.year <= y.year) AS ranked WHERE recency = 1"
        ),
        "school_closures": "SELECT s.*, s.closed AS year FROM schools AS s WHERE s.closed IS NOT NULL",
        "school_area_change": (
            f"SELECT e.school_code, {last:d} AS year, "
            + ", ".join(f"b.{a} AS {a}_start, e.{a} AS {a}_end" for a in areas)
            + " FROM school_year AS e LEFT JOIN school_year AS b ON b.school_code = e.school_code "
            f"AND b.year = {first - 1:d} WHERE e.year = {last:d}"
        ),
        "balance_school_stages": (
            f"SELECT y.school_code, y.year, y.stage, y.enrolment, {teachers}, "
            "CAST(y.enrolment AS DOUBLE) * w.weight / NULLIF(SUM(CAST(y.enrolment AS DOUBLE) "
            "* w.weight) OVER (PARTITION BY y.school_code, y.year), 0) AS resource_share, "
            f"{resources} FROM school_stage_year AS y JOIN stage_weights AS w ON w.stage = y.stage "
            "LEFT JOIN school_year AS r ON r.school_code = y.school_code AND r.year = y.year"
        ),
        "substitute_cases_as_of": (
            "SELECT c.*, d.year, d.as_of, COALESCE(c.outcome <> 'pending' "
            "AND c.outcome_date <= d.as_of, FALSE) AS resolved "
            "FROM substitute_cases AS c CROSS JOIN as_of_dates AS d"
        ),
        "school_standards": school_standards_query(catalogue, period),
    }
