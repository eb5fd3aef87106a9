"""The seed city tells a careful computation from a careless one.

For each rule of DATA.md and figures.yaml that is easy to get wrong, a naive
query (the rule ignored) must miss the seed's figure that the reference query
hits: the data hold the cases that make the rule matter.
"""

from __future__ import annotations

import duckdb
import pytest

from dudao.demo.seed import SeedFigure, seed_figures

from .figures import checks

NAIVE: dict[tuple[str, str], str] = {
    # mergers: only primary and secondary schools, merged (not just closed), within the period
    ("schools_merged", "any merger"): "SELECT count(*) FROM schools WHERE merged_into IS NOT NULL",
    ("schools_merged", "any closure"): "SELECT count(*) FROM schools WHERE closed BETWEEN $first AND $last AND school_type IN ('211', '218', '311', '312', '341', '342', '345')",
    # added areas: gains of schools standing at the end, not the change of the total
    ("land_area_added", "net change"): "SELECT sum(land_area) FILTER (WHERE year = $last) - sum(land_area) FILTER (WHERE year = $first - 1) FROM school_year",
    ("building_area_added", "net change"): "SELECT sum(building_area) FILTER (WHERE year = $last) - sum(building_area) FILTER (WHERE year = $first - 1) FROM school_year",
    # designations: the latest event decides, not any award
    ("standardised_school_coverage", "any award"): """
        SELECT 100 * count(DISTINCT d.unit_code) / (SELECT count(*) FROM compulsory_schools($unit, $year))
        FROM designations AS d JOIN compulsory_schools($unit, $year) AS c ON c.school_code = d.unit_code
        WHERE d.kind = 'standardised_school' AND d.result = 'awarded' AND d.year <= $year""",
    ("standardised_school_coverage", "teaching points counted"): """
        SELECT 100 * count(held.unit_code) / count(*)
        FROM (SELECT DISTINCT school_code FROM stage_rows_in($unit, $year) WHERE stage IN ('primary', 'junior')) AS c
        LEFT JOIN (SELECT DISTINCT unit_code FROM holding($year) WHERE kind = 'standardised_school') AS held ON held.unit_code = c.school_code""",
    ("model_senior_highs", "any award"): "SELECT count(DISTINCT unit_code) FROM designations WHERE kind = 'model_senior_high' AND result = 'awarded' AND year <= $year",
    ("special_grade_teachers", "any award"): "SELECT count(DISTINCT unit_code) FROM designations WHERE kind = 'special_grade_teacher' AND result = 'awarded'",
    ("provincial_famous_principals_teachers", "any level"): "SELECT count(DISTINCT unit_code) FROM holding($year) WHERE kind = 'famous_principal_teacher'",
    ("strong_education_towns_passed", "any result"): "SELECT count(*) FROM designations WHERE kind = 'strong_education_town' AND year = $year AND result <> 'applied'",
    # seats: enrolment where seats are not reported; a school once, whatever its levels
    ("model_senior_high_seat_share", "seats only"): """
        SELECT 100 * sum(seats) FILTER (WHERE school_code IN (SELECT unit_code FROM latest_designations($year)
            WHERE kind = 'model_senior_high' AND result <> 'failed_review')) / sum(seats)
        FROM stage_rows_in($unit, $year) WHERE stage = 'senior'""",
    ("quality_seat_share", "counted per level"): """
        SELECT 100 * sum(coalesce(r.seats, r.enrolment)) FILTER (WHERE h.unit_code IS NOT NULL)
             / (SELECT sum(coalesce(seats, enrolment)) FROM stage_rows_in($unit, $year) WHERE stage = 'senior')
        FROM stage_rows_in($unit, $year) AS r
        LEFT JOIN holding($year) AS h ON h.unit_code = r.school_code AND h.kind = 'first_class_school'
        WHERE r.stage = 'senior'""",
    # rates: the cap, and the same year's graduates
    ("ner_primary", "uncapped"): """
        SELECT 100 * (SELECT sum(enrolment_official_age) FROM stage_rows_in($unit, $year) WHERE stage = 'primary')
                   / (SELECT age_6_11 FROM population_of($unit, $year))""",
    ("progression_primary_to_junior", "last year's graduates"): """
        SELECT 100 * (SELECT sum(entrants) FROM stage_rows_in($unit, $year) WHERE stage = 'junior')
                   / (SELECT sum(graduates) FROM stage_rows_in($unit, $year - 1) WHERE stage = 'primary')""",
    ("ger_preschool", "own row only"): "SELECT 100 * (SELECT sum(enrolment) FROM stage_rows_in($unit, $year) WHERE stage = 'preschool') / (SELECT age_3_5 FROM population_year WHERE org_code = $unit AND year = $year)",
    # cases by the cut-off date; projects within the period; ICT over 中小学 only
    ("substitute_exam_to_established", "no cut-off"): "SELECT count(*) FROM substitute_cases WHERE outcome = 'exam_to_established'",
    ("rural_strong_education_investment", "any year"): "SELECT sum(investment) FROM projects WHERE kind = 'rural_strong_education'",
    ("students_per_computer", "every school"): "SELECT (SELECT sum(enrolment) FROM school_stage_year WHERE year = $year) / (SELECT sum(computers_students) FROM school_year WHERE year = $year)",
}  # fmt: skip


def _figure(figure_id: str) -> SeedFigure:
    return next(f for f in seed_figures() if f.id == figure_id and f.unit == "440100")


@pytest.mark.parametrize(("figure_id", "mistake"), NAIVE, ids=[f"{f}-{m}" for f, m in NAIVE])
def test_a_careless_query_misses_the_figure(figure_id: str, mistake: str, reference: duckdb.DuckDBPyConnection) -> None:  # fmt: skip
    figure = _figure(figure_id)
    sql = NAIVE[figure_id, mistake]
    for parameters in checks(figure):
        used = {name: value for name, value in parameters.items() if f"${name}" in sql}
        row = reference.execute(sql, used).fetchone()
        naive = None if row is None or row[0] is None else float(row[0])
        assert not figure.matches(naive), f"{mistake}: {naive} still prints as {figure.value}"
