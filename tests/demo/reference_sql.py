"""Hand-written reference queries: each figure of shared/seed/figures.yaml computed by its
definition, in plain DuckDB over the exchange-format CSV files (reference_views.py).

These are the values the indicator engine is checked against, so they stay
literal: one query per definition. Parameters: $unit, $year, $first and $last
(a period), $scope (fiscal figures), $as_of (case figures).
"""

from __future__ import annotations

import re
from datetime import date

import duckdb

_ORG_FIELD = "SELECT {field} FROM org_year_of($unit, $year)"
_HOLDERS = """
SELECT count(DISTINCT h.unit_code) FROM holding($year) AS h JOIN org_tree AS t ON t.descendant = h.org_code
WHERE t.ancestor = $unit AND h.unit_kind = 'teacher' AND h.kind = '{kind}' {level}
"""
_ADDED = """
WITH at_end AS (
    SELECT y.school_code, y.{field} AS area FROM school_year AS y JOIN school_in AS s USING (school_code)
    WHERE s.unit = $unit AND y.year = $last
), before AS (SELECT school_code, {field} AS area FROM school_year WHERE year = $first - 1)
SELECT sum(greatest(0, at_end.area - coalesce(before.area, 0))) FROM at_end LEFT JOIN before USING (school_code)
"""
_SENIOR_SEATS = """
WITH seats AS (
    SELECT school_code, coalesce(seats, enrolment) AS seats FROM stage_rows_in($unit, $year) WHERE stage = 'senior'
), chosen AS (
    SELECT DISTINCT unit_code AS school_code FROM {events}($year)
    WHERE unit_kind = 'school' AND kind = '{kind}' AND {condition}
)
SELECT 100 * sum(seats) FILTER (WHERE school_code IN (SELECT school_code FROM chosen)) / sum(seats) FROM seats
"""
_CASES = """
SELECT count(*) FROM substitute_cases AS c JOIN org_tree AS t ON t.descendant = c.org_code
WHERE t.ancestor = $unit AND {condition}
"""
_PER_COMPUTER = """
WITH chosen AS (SELECT school_code FROM primary_secondary_schools($unit, $year))
SELECT (SELECT sum({people}) FROM school_stage_year
        WHERE year = $year AND stage IN ('primary', 'junior', 'senior') AND school_code IN (SELECT school_code FROM chosen))
     / (SELECT sum({computers}) FROM school_year WHERE year = $year AND school_code IN (SELECT school_code FROM chosen))
"""
_DESIGNATED_ORGS = """
SELECT count({distinct} d.unit_code) FROM designations AS d
JOIN org_units AS o ON o.code = d.unit_code JOIN org_tree AS t ON t.descendant = d.unit_code
WHERE t.ancestor = $unit AND d.unit_kind = 'org' AND o.level = '{level}' AND d.kind = '{kind}'
  AND d.result = '{result}' AND d.year {year}
"""

QUERIES: dict[str, str] = {
    "ger_preschool": """
        SELECT 100 * (SELECT sum(enrolment) FROM stage_rows_in($unit, $year) WHERE stage = 'preschool')
                   / (SELECT age_3_5 FROM population_of($unit, $year))""",
    "ner_primary": """
        SELECT least(100, 100 * (SELECT sum(enrolment_official_age) FROM stage_rows_in($unit, $year) WHERE stage = 'primary')
                              / (SELECT age_6_11 FROM population_of($unit, $year)))""",
    "progression_primary_to_junior": """
        SELECT 100 * sum(entrants) FILTER (WHERE stage = 'junior') / sum(graduates) FILTER (WHERE stage = 'primary')
        FROM stage_rows_in($unit, $year)""",
    "progression_junior_to_senior": """
        SELECT 100 * sum(entrants) FILTER (WHERE stage IN ('senior', 'vocational')) / sum(graduates) FILTER (WHERE stage = 'junior')
        FROM stage_rows_in($unit, $year)""",
    "progression_senior_to_higher": """
        SELECT 100 * (SELECT senior_grads_to_higher FROM org_year_of($unit, $year))
                   / (SELECT sum(graduates) FROM stage_rows_in($unit, $year) WHERE stage = 'senior')""",
    "edu_budget": "SELECT edu_budget FROM fiscal_of($unit, $year, $scope)",
    "edu_share_of_expenditure": "SELECT 100 * edu_budget / fiscal_expenditure FROM fiscal_of($unit, $year, $scope)",
    "edu_share_of_general_budget": "SELECT 100 * edu_budget / general_budget_expenditure FROM fiscal_of($unit, $year, $scope)",
    "rural_strong_education_investment": """
        SELECT sum(p.investment) FROM projects AS p JOIN org_tree AS t ON t.descendant = p.org_code
        WHERE t.ancestor = $unit AND p.kind = 'rural_strong_education' AND p.year BETWEEN $first AND $last""",
    "schools_merged": """
        SELECT count(*) FROM school_in
        WHERE unit = $unit AND school_type IN ('211', '218', '311', '312', '341', '342', '345')
          AND merged_into IS NOT NULL AND closed BETWEEN $first AND $last""",
    "land_area_added": _ADDED.format(field="land_area"),
    "building_area_added": _ADDED.format(field="building_area"),
    "strong_education_districts": _DESIGNATED_ORGS.format(distinct="DISTINCT", level="district", kind="strong_education_district", result="awarded", year="<= $year"),
    "strong_education_district_reviews_passed": _DESIGNATED_ORGS.format(distinct="", level="district", kind="strong_education_district", result="passed_review", year="= $year"),
    "strong_education_towns_passed": _DESIGNATED_ORGS.format(distinct="DISTINCT", level="town", kind="strong_education_town", result="awarded", year="= $year"),
    "standardised_school_coverage": """
        SELECT 100 * count(held.unit_code) / count(*) FROM compulsory_schools($unit, $year) AS c
        LEFT JOIN (SELECT DISTINCT unit_code FROM holding($year) WHERE unit_kind = 'school' AND kind = 'standardised_school') AS held
          ON held.unit_code = c.school_code""",
    "school_clusters": """
        SELECT count(DISTINCT p.group_id) FROM programmes AS p JOIN school_in AS s USING (school_code)
        WHERE s.unit = $unit AND p.programme = 'school_cluster' AND p.year = $year""",
    "model_senior_highs": """
        SELECT count(DISTINCT h.unit_code) FROM holding($year) AS h JOIN school_in AS s ON s.school_code = h.unit_code
        WHERE s.unit = $unit AND h.unit_kind = 'school' AND h.kind = 'model_senior_high'""",
    "model_senior_highs_in_progress": """
        SELECT count(DISTINCT l.unit_code) FROM latest_designations($year) AS l JOIN school_in AS s ON s.school_code = l.unit_code
        WHERE s.unit = $unit AND l.unit_kind = 'school' AND l.kind = 'model_senior_high'
          AND l.result IN ('applied', 'passed_initial_review')""",
    "model_senior_high_seat_share": _SENIOR_SEATS.format(events="latest_designations", kind="model_senior_high", condition="result IN ('awarded', 'passed_review', 'applied', 'passed_initial_review')"),
    "foreign_language_school_investment": """
        SELECT sum(p.investment) FROM projects AS p JOIN org_tree AS t ON t.descendant = p.org_code
        WHERE t.ancestor = $unit AND p.kind = 'foreign_language_school' AND p.year = $year""",
    "quality_seat_share": _SENIOR_SEATS.format(events="holding", kind="first_class_school", condition="level IN ('provincial', 'city')"),
    "gaokao_pass_rate": "SELECT 100 * gaokao_admitted / gaokao_candidates FROM org_year_of($unit, $year)",
    "gaokao_top_band_share_of_province": """
        SELECT 100 * (SELECT gaokao_top_band FROM org_year_of($unit, $year))
                   / (SELECT o.gaokao_top_band FROM org_year AS o
                      JOIN org_units AS u ON u.code = o.org_code JOIN org_tree AS t ON t.ancestor = o.org_code
                      WHERE t.descendant = $unit AND u.level = 'province' AND o.year = $year)""",
    "general_vocational_intake_ratio": """
        SELECT 10 * sum(entrants) FILTER (WHERE stage = 'senior') / sum(entrants) FILTER (WHERE stage IN ('senior', 'vocational'))
        FROM stage_rows_in($unit, $year)""",
    "vocational_graduate_employment_rate": "SELECT 100 * vocational_grads_employed / vocational_grads FROM org_year_of($unit, $year)",
    "rural_labour_trained": _ORG_FIELD.format(field="rural_labour_trained"),
    "migrant_worker_schools": _ORG_FIELD.format(field="migrant_worker_schools"),
    "migrant_worker_trainees": _ORG_FIELD.format(field="migrant_worker_trainees"),
    "provincial_famous_principals_teachers": _HOLDERS.format(kind="famous_principal_teacher", level="AND h.level = 'provincial'"),
    "special_grade_teachers": _HOLDERS.format(kind="special_grade_teacher", level=""),
    "senior_title_teachers": "SELECT sum(teachers_senior_title) FROM stage_rows_in($unit, $year)",
    "talent_programme_trainees": _HOLDERS.format(kind="talent_programme", level=""),
    "substitute_exam_to_established": _CASES.format(condition="c.outcome = 'exam_to_established' AND c.outcome_date <= $as_of"),
    "substitute_open_recruitment": _CASES.format(condition="c.outcome = 'open_recruitment' AND c.outcome_date <= $as_of"),
    "substitute_total": _CASES.format(condition="c.identified_year <= year($as_of)"),
    "students_per_computer": _PER_COMPUTER.format(people="enrolment", computers="computers_students"),
    "teachers_per_computer": _PER_COMPUTER.format(people="teachers", computers="computers_teachers"),
    "multimedia_classroom_share": """
        SELECT 100 * sum(multimedia_classrooms) / sum(classrooms) FROM school_year
        WHERE year = $year AND school_code IN (SELECT school_code FROM primary_secondary_schools($unit, $year))""",
    "fibre_network_km": _ORG_FIELD.format(field="fibre_km"),
}  # fmt: skip


def compute(
    connection: duckdb.DuckDBPyConnection, figure_id: str, **parameters: str | int | date
) -> float | None:
    """The figure's value by its reference query; only the parameters the query names are passed."""
    sql = QUERIES[figure_id]
    used = {name: value for name, value in parameters.items() if f"${name}" in sql}
    missing = set(re.findall(r"\$(\w+)", sql)) - set(used)
    if missing:
        raise ValueError(f"{figure_id} needs {sorted(missing)}")
    row = connection.execute(sql, used).fetchone()
    return None if row is None or row[0] is None else float(row[0])
