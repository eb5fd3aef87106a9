"""Every validation and field rule of rules.yaml: a hand-made passing row and failing row each.

Each case writes one table with two rows: row 2 passes the rule, row 3 fails it. The rule's
findings must be exactly one, on row 3, at the named column and value, with the rule's
severity, in Chinese and English.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import NamedTuple

import pytest

from dudao.catalogue import default_catalogue, load_catalogue
from dudao.catalogue.loader import DATA_DIR
from dudao.catalogue.rules import CheckRule
from dudao.ingest import Finding, read_dataset
from tests.ingest.builders import assert_names, write_folder

Row = dict[str, object]


class Case(NamedTuple):
    passing: Row
    failing: Row
    column: str
    value: str | None


# The key fields of each table, for the passing row and the failing row.
KEYS: dict[str, tuple[Row, Row]] = {
    "school_stage_year": (
        {"school_code": "4401030001", "year": 2008, "stage": "primary"},
        {"school_code": "4401030002", "year": 2008, "stage": "primary"},
    ),
    "school_year": (
        {"school_code": "4401030001", "year": 2008},
        {"school_code": "4401030002", "year": 2008},
    ),
    "population_year": ({"org_code": "440103", "year": 2008}, {"org_code": "440104", "year": 2008}),
    "fiscal_year": (
        {"org_code": "440103", "year": 2008, "scope": "consolidated"},
        {"org_code": "440104", "year": 2008, "scope": "consolidated"},
    ),
    "org_year": ({"org_code": "440103", "year": 2008}, {"org_code": "440104", "year": 2008}),
    "schools": (
        {"school_code": "4401030001", "name": "甲小学", "org_code": "440103"},
        {"school_code": "4401030002", "name": "乙小学", "org_code": "440103"},
    ),
    "teachers": (
        {"teacher_id": "T1", "year": 2008, "school_code": "4401030001"},
        {"teacher_id": "T2", "year": 2008, "school_code": "4401030001"},
    ),
    "students": (
        {"student_id": "S1", "year": 2008, "school_code": "4401030001"},
        {"student_id": "S2", "year": 2008, "school_code": "4401030001"},
    ),
}
SCHOOL = {"school_type": "211", "ownership": "public"}


def _within(part: str, whole: str, size: int = 100) -> Case:
    """`part` ≤ `whole`: equal passes, one more fails."""
    return Case({whole: size, part: size}, {whole: size, part: size + 1}, part, str(size + 1))


def _ages() -> dict[str, Case]:
    bands = ["3_5", "6_11", "12_14", "15_17"] + [str(age) for age in range(18)]
    cases = {f"age_{b}_female_within_total": _within(f"age_{b}_female", f"age_{b}") for b in bands}
    for low, high in [(3, 5), (6, 11), (12, 14), (15, 17)]:
        years = {f"age_{age}": 10 for age in range(low, high + 1)}
        total = 10 * (high - low + 1)
        band = f"age_{low}_{high}"
        failing = {**years, band: total + 1}
        cases[f"{band}_sums_single_years"] = Case(
            {**years, band: total}, failing, band, str(total + 1)
        )
    return cases


CASES: dict[str, Case] = {
    "enrolment_female_within_enrolment": _within("enrolment_female", "enrolment"),
    "enrolment_official_age_within_enrolment": _within("enrolment_official_age", "enrolment"),
    "migrant_enrolment_within_enrolment": _within("migrant_enrolment", "enrolment"),
    "special_needs_enrolment_within_enrolment": _within("special_needs_enrolment", "enrolment"),
    "enrolment_official_age_female_within_official_age": _within(
        "enrolment_official_age_female", "enrolment_official_age"
    ),
    "enrolment_official_age_female_within_female": _within(
        "enrolment_official_age_female", "enrolment_female"
    ),
    "entrants_within_enrolment": _within("entrants", "enrolment"),
    "graduates_plausible": _within("graduates", "enrolment"),
    "classes_have_pupils": Case({"classes": 4, "enrolment": 4}, {"classes": 5, "enrolment": 4}, "classes", "5"),
    "large_classes_within_classes": _within("classes_56_plus", "classes", 3),
    "very_large_classes_within_large": _within("classes_66_plus", "classes_56_plus", 2),
    "large_classes_fit_enrolment": Case(
        {"classes_56_plus": 2, "enrolment": 112}, {"classes_56_plus": 2, "enrolment": 111}, "classes_56_plus", "2"
    ),
    "teachers_above_std_qual_within_teachers": _within("teachers_above_std_qual", "teachers", 10),
    "teachers_mid_title_within_teachers": _within("teachers_mid_title", "teachers", 10),
    "teachers_key_within_teachers": _within("teachers_key", "teachers", 10),
    "teachers_pe_art_within_teachers": _within("teachers_pe_art", "teachers", 10),
    "teachers_senior_title_within_mid_title": _within("teachers_senior_title", "teachers_mid_title", 5),
    "multimedia_classrooms_within_classrooms": _within("multimedia_classrooms", "classrooms", 30),
    "teaching_rooms_within_building": Case(
        {"teaching_room_area": 5000.5, "building_area": 5000.5},
        {"teaching_room_area": 5000.75, "building_area": 5000.5},
        "teaching_room_area",
        "5000.75",
    ),
    **_ages(),
    "edu_budget_within_fiscal_education_funds": _within("edu_budget", "edu_fiscal_total", 900),
    "edu_budget_within_general_budget": _within("edu_budget", "general_budget_expenditure", 900),
    **{
        f"public_funds_within_operating_{stage}": _within(
            f"edu_public_funds_{stage}", f"edu_operating_{stage}", 70
        )
        for stage in ("preschool", "primary", "junior", "senior", "vocational", "special")
    },
    "teacher_pay_plausible": Case(
        {"teacher_pay_total": 50000, "teacher_pay_headcount": 10000},
        {"teacher_pay_total": 4.99, "teacher_pay_headcount": 10},  # 4,990 yuan a year: 元 as 万元
        "teacher_pay_total",
        "4.99",
    ),
    "civil_servant_pay_plausible": Case(
        {"civil_servant_pay_total": 5, "civil_servant_headcount": 10},
        {"civil_servant_pay_total": 3, "civil_servant_headcount": 10},
        "civil_servant_pay_total",
        "3",
    ),
    "gaokao_admitted_within_candidates": _within("gaokao_admitted", "gaokao_candidates"),
    "gaokao_top_band_within_candidates": _within("gaokao_top_band", "gaokao_candidates"),
    "vocational_employed_within_graduates": _within("vocational_grads_employed", "vocational_grads"),
    "closed_after_opened": Case(
        {**SCHOOL, "opened": 2000, "closed": 2001}, {**SCHOOL, "opened": 2005, "closed": 2005}, "closed", "2005"
    ),
    "merged_school_is_closed": Case(
        {**SCHOOL, "merged_into": "4401030002", "closed": 2006},
        {**SCHOOL, "merged_into": "4401030001"},
        "closed",
        None,
    ),
    "not_merged_into_itself": Case(
        {**SCHOOL, "merged_into": "4401030002", "closed": 2006},
        {**SCHOOL, "merged_into": "4401030002", "closed": 2006},
        "merged_into",
        "4401030002",
    ),
    "teacher_of_working_age": Case({"birth_year": 1990}, {"birth_year": 1991}, "birth_year", "1991"),
    "primary_grade_within_six": Case(
        {"stage": "primary", "grade": 6}, {"stage": "primary", "grade": 7}, "grade", "7"
    ),
    "secondary_grade_within_three": Case(
        {"stage": "junior", "grade": 3}, {"stage": "vocational", "grade": 4}, "grade", "4"
    ),
    "enrolment_plausible": Case({"enrolment": 20000}, {"enrolment": 20001}, "enrolment", "20001"),
    "annual_pay_in_yuan": Case({"annual_pay": 1000}, {"annual_pay": 999.5}, "annual_pay", "999.5"),
    "broadband_plausible": Case({"broadband_mbps": 100000}, {"broadband_mbps": 100001}, "broadband_mbps", "100001"),
}  # fmt: skip
ROW_RULES = [
    rule_id
    for rule_id, rule in default_catalogue().rules.items()
    if not isinstance(rule, CheckRule)
]


def test_every_validation_and_field_rule_has_a_case() -> None:
    assert sorted(CASES) == sorted(ROW_RULES)


def findings_of(findings: list[Finding], rule_id: str) -> list[Finding]:
    return [found for found in findings if found.expected_en.endswith(f"(rule {rule_id})")]


@pytest.mark.parametrize("rule_id", ROW_RULES)
def test_rule_passes_the_passing_row_and_flags_the_failing_one(
    tmp_path: Path, rule_id: str
) -> None:
    rule = default_catalogue().rules[rule_id]
    case = CASES[rule_id]
    passing, failing = ({**key, **row} for key, row in zip(KEYS[rule.table], case, strict=False))
    header = list(dict.fromkeys([*passing, *failing]))
    rows = [header, *([_cell(row.get(name)) for name in header] for row in (passing, failing))]
    folder = write_folder(tmp_path / "r", {rule.table: rows})
    found = findings_of(read_dataset(folder).report.findings, rule_id)
    assert len(found) == 1, [f.to_json() for f in found]
    (finding,) = found
    file = str(folder / f"{rule.table}.csv")
    assert_names(finding, file=file, row=3, column=case.column, value=case.value)
    assert finding.severity == rule.severity
    assert finding.code == rule.finding
    assert f"rule {rule_id}" in finding.message_en and f"规则 {rule_id}" in finding.message_zh


def _cell(value: object) -> str:
    return "" if value is None else str(value)


BROKEN_RULE = """
  - id: broken_arithmetic
    kind: validation
    table: schools
    severity: error
    left: {expression: 'name * 2'}
    operator: '>'
    right: {expression: '0'}
    message: {zh-Hans: 坏规则, zh-Hant: 壞規則, en: a broken rule}
"""


def test_a_rule_that_crashes_is_a_rule_failed_finding_and_the_others_still_run(
    tmp_path: Path,
) -> None:
    data = shutil.copytree(DATA_DIR, tmp_path / "data")
    with (data / "rules.yaml").open("a", encoding="utf-8") as rules:
        rules.write(BROKEN_RULE)
    catalogue = load_catalogue(data)
    schools = [["school_code", "name", "org_code", "school_type", "ownership", "closed", "opened"],
               ["4401030001", "甲小学", "440103", "211", "public", "2005", "2005"]]  # fmt: skip
    folder = write_folder(tmp_path / "r", {"schools": schools})
    findings = read_dataset(folder, catalogue).report.findings
    crashed = [f for f in findings if f.code == "rule_failed" and f.row is None]
    assert len(crashed) == 1 and "broken_arithmetic" in crashed[0].expected_en
    assert crashed[0].value and crashed[0].file == str(folder)
    assert [f.row for f in findings_of(findings, "closed_after_opened")] == [2]
