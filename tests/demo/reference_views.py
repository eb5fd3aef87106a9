"""The seed city in DuckDB for the reference queries: its tables, and the rules written once.

Helper tables and macros state DATA.md and REFERENCES.md literally: the org
tree, the school sets, the latest designation event, and a unit's own row or
else its children's.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

TABLES = ("org_units", "schools", "school_stage_year", "school_year", "population_year", "fiscal_year", "org_year", "projects", "programmes", "designations", "substitute_cases")  # fmt: skip
# Codes and identifiers are text, even when they look like numbers.
TEXT_COLUMNS = {"code", "parent_code", "school_code", "org_code", "school_type", "urban_rural", "merged_into", "unit_code", "group_id", "project_id", "case_id", "teacher_id"}  # fmt: skip

HELPERS = """
-- every unit with each unit below it (itself included)
CREATE TABLE org_tree AS
WITH RECURSIVE tree(ancestor, descendant) AS (
    SELECT code, code FROM org_units
    UNION ALL
    SELECT tree.ancestor, child.code FROM tree JOIN org_units AS child ON child.parent_code = tree.descendant
)
SELECT * FROM tree;

-- a school once for every unit it lies in
CREATE TABLE school_in AS
SELECT tree.ancestor AS unit, schools.* FROM schools JOIN org_tree AS tree ON tree.descendant = schools.org_code;

CREATE MACRO stage_rows_in(unit_code, in_year) AS TABLE
SELECT r.* FROM school_stage_year AS r JOIN school_in AS s USING (school_code)
WHERE s.unit = unit_code AND r.year = in_year;

-- REFERENCES.md school sets: membership by the school's stage rows of the year
CREATE MACRO primary_secondary_schools(unit_code, in_year) AS TABLE
SELECT DISTINCT school_code FROM stage_rows_in(unit_code, in_year) WHERE stage IN ('primary', 'junior', 'senior');

CREATE MACRO compulsory_schools(unit_code, in_year) AS TABLE
SELECT DISTINCT r.school_code FROM stage_rows_in(unit_code, in_year) AS r JOIN schools USING (school_code)
WHERE r.stage IN ('primary', 'junior') AND schools.school_type <> '218';

-- DATA.md: the latest event of a (unit, kind, level) up to a year; one year's events in list order
CREATE MACRO latest_designations(cutoff) AS TABLE
SELECT * FROM (
    SELECT designations.*, row_number() OVER (
        PARTITION BY unit_kind, unit_code, kind, level
        ORDER BY year DESC,
            list_position(['applied', 'passed_initial_review', 'awarded', 'passed_review', 'failed_review', 'revoked'], result) DESC
    ) AS recency
    FROM designations WHERE year <= cutoff
) WHERE recency = 1;

CREATE MACRO holding(cutoff) AS TABLE
SELECT * FROM latest_designations(cutoff) WHERE result IN ('awarded', 'passed_review');

-- DATA.md Aggregation: a unit's own row, else the sum of its children's rows
CREATE MACRO population_of(unit_code, in_year) AS TABLE
SELECT sum(age_3_5) AS age_3_5, sum(age_6_11) AS age_6_11 FROM population_year AS p
WHERE p.year = in_year AND (p.org_code = unit_code OR (
    NOT EXISTS (SELECT 1 FROM population_year AS own WHERE own.org_code = unit_code AND own.year = in_year)
    AND p.org_code IN (SELECT code FROM org_units WHERE parent_code = unit_code)));

CREATE MACRO org_year_of(unit_code, in_year) AS TABLE
SELECT sum(gaokao_candidates) AS gaokao_candidates, sum(gaokao_admitted) AS gaokao_admitted,
       sum(gaokao_top_band) AS gaokao_top_band, sum(senior_grads_to_higher) AS senior_grads_to_higher,
       sum(vocational_grads) AS vocational_grads, sum(vocational_grads_employed) AS vocational_grads_employed,
       sum(rural_labour_trained) AS rural_labour_trained, sum(migrant_worker_schools) AS migrant_worker_schools,
       sum(migrant_worker_trainees) AS migrant_worker_trainees, sum(fibre_km) AS fibre_km
FROM org_year AS o
WHERE o.year = in_year AND (o.org_code = unit_code OR (
    NOT EXISTS (SELECT 1 FROM org_year AS own WHERE own.org_code = unit_code AND own.year = in_year)
    AND o.org_code IN (SELECT code FROM org_units WHERE parent_code = unit_code)));

-- own-level rows are never summed from children
CREATE MACRO fiscal_of(unit_code, in_year, in_scope) AS TABLE
SELECT sum(edu_budget) AS edu_budget, sum(fiscal_expenditure) AS fiscal_expenditure,
       sum(general_budget_expenditure) AS general_budget_expenditure
FROM fiscal_year AS f
WHERE f.year = in_year AND f.scope = in_scope AND (f.org_code = unit_code OR (
    in_scope = 'consolidated'
    AND NOT EXISTS (SELECT 1 FROM fiscal_year AS own WHERE own.org_code = unit_code AND own.year = in_year AND own.scope = in_scope)
    AND f.org_code IN (SELECT code FROM org_units WHERE parent_code = unit_code)));
"""


def open_dataset(folder: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB holding the dataset's tables, and the helper tables and macros."""
    connection = duckdb.connect(":memory:")
    for table in TABLES:
        path = folder / f"{table}.csv"
        header = path.read_text(encoding="utf-8").partition("\n")[0].split(",")
        types = ", ".join(f"'{column}': 'VARCHAR'" for column in header if column in TEXT_COLUMNS)
        connection.execute(
            f"CREATE TABLE {table} AS SELECT * FROM read_csv('{path}', header = true, types = {{{types}}})"
        )
    connection.execute(HELPERS)
    return connection
