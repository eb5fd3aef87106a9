"""The seed city is plausible beyond the seed's figures: rows agree with themselves,
schools with their types and years, and every district's figures look like a district's."""

from __future__ import annotations

import duckdb
import pytest

from dudao.demo.geography import DISTRICTS

from .reference_sql import compute

STAGES_OF_TYPE = {"111": "preschool", "211": "primary", "218": "primary", "311": "junior", "312": "junior,primary", "341": "junior,senior", "342": "senior", "345": "junior,primary,senior", **{str(t): "vocational" for t in range(361, 370)}, **{str(t): "special" for t in range(511, 520)}}  # fmt: skip

# Each query counts rows that break a rule; every count must be 0.
INCONSISTENT_ROWS = {
    "girls within enrolment": "SELECT count(*) FROM school_stage_year WHERE enrolment_female > enrolment",
    "official age within enrolment": "SELECT count(*) FROM school_stage_year WHERE enrolment_official_age > enrolment OR enrolment_official_age_female > least(enrolment_official_age, enrolment_female)",
    "entrants and graduates within enrolment": "SELECT count(*) FROM school_stage_year WHERE entrants > enrolment OR graduates > enrolment",
    "teacher sub-counts within teachers": "SELECT count(*) FROM school_stage_year WHERE greatest(teachers_above_std_qual, teachers_mid_title, teachers_senior_title, teachers_key, teachers_pe_art) > teachers",
    "senior titles within mid titles": "SELECT count(*) FROM school_stage_year WHERE teachers_senior_title > teachers_mid_title",
    "66+ classes within 56+ within classes": "SELECT count(*) FROM school_stage_year WHERE classes_66_plus > classes_56_plus OR classes_56_plus > classes",
    "pupils need teachers and classes": "SELECT count(*) FROM school_stage_year WHERE enrolment > 0 AND (teachers = 0 OR classes = 0)",
    "migrant and special-needs pupils within enrolment": "SELECT count(*) FROM school_stage_year WHERE migrant_enrolment > enrolment OR special_needs_enrolment > enrolment",
    "multimedia classrooms within classrooms": "SELECT count(*) FROM school_year WHERE multimedia_classrooms > classrooms",
    "floor areas within sites": "SELECT count(*) FROM school_year WHERE teaching_room_area > building_area OR sports_area > land_area",
    "classrooms hold the classes": "SELECT count(*) FROM school_year AS y JOIN (SELECT school_code, year, sum(classes) AS classes FROM school_stage_year GROUP BY ALL) AS c USING (school_code, year) WHERE y.classrooms < c.classes",
    "rows only while open": "SELECT count(*) FROM school_stage_year JOIN schools USING (school_code) WHERE year < opened OR year >= closed",
    "a row every year while open": "SELECT count(*) FROM schools, range(2004, 2010) AS t(year) WHERE greatest(opened, 2004) <= year AND (closed IS NULL OR year < closed) AND NOT EXISTS (SELECT 1 FROM school_year AS y WHERE y.school_code = schools.school_code AND y.year = t.year)",
    "merged into a school that stays open": "SELECT count(*) FROM schools AS s LEFT JOIN schools AS host ON host.school_code = s.merged_into WHERE s.merged_into IS NOT NULL AND (s.closed IS NULL OR host.closed IS NOT NULL OR host.opened >= s.closed)",
    "schools lie in a district or town": "SELECT count(*) FROM schools LEFT JOIN org_units ON code = org_code WHERE level IS NULL OR level NOT IN ('district', 'town')",
    "school codes have 10 digits": "SELECT count(*) FROM schools WHERE NOT regexp_full_match(school_code, '\\d{10}')",
    "designations of known units": "SELECT count(*) FROM designations WHERE (unit_kind = 'school' AND unit_code NOT IN (SELECT school_code FROM schools)) OR (unit_kind = 'org' AND unit_code NOT IN (SELECT code FROM org_units)) OR (unit_kind = 'teacher' AND org_code NOT IN (SELECT code FROM org_units))",
    "cases settled after they arose": "SELECT count(*) FROM substitute_cases WHERE year(outcome_date) < identified_year OR (outcome = 'pending') <> (outcome_date IS NULL)",
    "seats near enrolment": "SELECT count(*) FROM school_stage_year WHERE stage = 'senior' AND seats IS NOT NULL AND NOT seats BETWEEN 0.7 * enrolment AND 1.6 * enrolment",
}  # fmt: skip


@pytest.mark.parametrize("rule", INCONSISTENT_ROWS)
def test_rows_agree_with_themselves(rule: str, reference: duckdb.DuckDBPyConnection) -> None:
    assert reference.execute(INCONSISTENT_ROWS[rule]).fetchone() == (0,)


def test_stage_rows_follow_the_school_type(reference: duckdb.DuckDBPyConnection) -> None:
    found = reference.execute("""
        SELECT school_type, string_agg(DISTINCT stage, ',' ORDER BY stage)
        FROM schools JOIN school_stage_year USING (school_code) GROUP BY school_code, school_type
    """).fetchall()  # fmt: skip
    assert {(t, stages) for t, stages in found} <= set(STAGES_OF_TYPE.items())


def test_keys_are_unique(reference: duckdb.DuckDBPyConnection) -> None:
    keys = {"schools": "school_code", "school_stage_year": "school_code, year, stage", "school_year": "school_code, year", "population_year": "org_code, year", "fiscal_year": "org_code, year, scope", "org_year": "org_code, year", "projects": "project_id, org_code, year", "programmes": "programme, group_id, school_code, year", "designations": "unit_kind, unit_code, kind, year, result", "substitute_cases": "case_id", "org_units": "code"}  # fmt: skip
    for table, key in keys.items():
        duplicates = reference.execute(
            f"SELECT count(*) FROM (SELECT {key} FROM {table} GROUP BY ALL HAVING count(*) > 1)"
        )
        assert duplicates.fetchone() == (0,), table


# Every district's 2008 figures fall in ranges a district of the time could show.
DISTRICT_RANGES = {
    "ger_preschool": (85, 140), "ner_primary": (90, 100), "progression_primary_to_junior": (90, 112),
    "progression_junior_to_senior": (60, 135), "progression_senior_to_higher": (65, 95),
    "students_per_computer": (4, 20), "teachers_per_computer": (0.5, 2.0), "multimedia_classroom_share": (50, 100),
    "standardised_school_coverage": (40, 100), "gaokao_pass_rate": (70, 97), "vocational_graduate_employment_rate": (90, 100),
    "general_vocational_intake_ratio": (3, 8),
}  # fmt: skip


@pytest.mark.parametrize("district", [d.code for d in DISTRICTS])
def test_district_figures_are_plausible(
    district: str, reference: duckdb.DuckDBPyConnection
) -> None:
    for figure, (low, high) in DISTRICT_RANGES.items():
        value = compute(reference, figure, unit=district, year=2008)
        assert value is not None and low <= value <= high, f"{figure} of {district}: {value}"
    share = compute(
        reference, "edu_share_of_expenditure", unit=district, year=2008, scope="consolidated"
    )
    assert share is not None and 12 <= share <= 30


def test_enrolment_moves_smoothly(reference: duckdb.DuckDBPyConnection) -> None:
    changes = reference.execute("""
        SELECT stage, year, sum(enrolment) / lag(sum(enrolment)) OVER (PARTITION BY stage ORDER BY year) AS change
        FROM school_stage_year GROUP BY stage, year QUALIFY change IS NOT NULL
    """).fetchall()  # fmt: skip
    assert all(0.9 <= change <= 1.12 for _, _, change in changes), changes


def test_the_city_budget_is_own_level_plus_districts(reference: duckdb.DuckDBPyConnection) -> None:
    rows = reference.execute("""
        SELECT year, max(edu_budget) FILTER (WHERE org_code = '440100' AND scope = 'consolidated'),
               sum(edu_budget) FILTER (WHERE org_code <> '440100' OR scope = 'own_level')
        FROM fiscal_year GROUP BY year
    """).fetchall()  # fmt: skip
    assert all(abs(city - parts) < 0.01 for _, city, parts in rows)
    budgets = [city for _, city, _ in sorted(rows)]
    assert budgets == sorted(budgets)  # the education budget never falls (两个只增不减)
