"""Writes a dataset in the exchange format: a folder of `<table id>.csv` (shared/docs/DATA.md)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path

from dudao.demo.model import Cell, Row

_STAGES = ("preschool", "primary", "junior", "senior", "vocational", "special")

# Field ids in the order DATA.md lists them; only the fields the seed city fills.
HEADERS: dict[str, tuple[str, ...]] = {
    "org_units": ("code", "name", "level", "parent_code"),
    "schools": ("school_code", "name", "org_code", "school_type", "ownership", "sponsor_level", "urban_rural", "opened", "closed", "merged_into"),
    "school_stage_year": ("school_code", "year", "stage", "enrolment", "enrolment_female", "enrolment_official_age", "enrolment_official_age_female", "entrants", "graduates", "classes", "classes_56_plus", "classes_66_plus", "seats", "teachers", "teachers_above_std_qual", "teachers_mid_title", "teachers_senior_title", "teachers_key", "teachers_pe_art", "migrant_enrolment", "special_needs_enrolment"),
    "school_year": ("school_code", "year", "land_area", "building_area", "teaching_room_area", "sports_area", "equipment_value", "books", "computers_students", "computers_teachers", "classrooms", "multimedia_classrooms", "broadband_mbps"),
    "population_year": ("org_code", "year", "age_3_5", "age_6_11", "age_12_14", "age_15_17"),
    "fiscal_year": ("org_code", "year", "scope", "fiscal_expenditure", "general_budget_expenditure", "regular_revenue", "gdp", "edu_budget", "edu_fiscal_total", *(f"edu_operating_{s}" for s in _STAGES), *(f"edu_public_funds_{s}" for s in _STAGES), "teacher_pay_total", "teacher_pay_headcount", "civil_servant_pay_total", "civil_servant_headcount"),
    "org_year": ("org_code", "year", "gaokao_candidates", "gaokao_admitted", "gaokao_top_band", "senior_grads_to_higher", "vocational_grads", "vocational_grads_employed", "rural_labour_trained", "migrant_worker_schools", "migrant_worker_trainees", "fibre_km"),
    "projects": ("project_id", "org_code", "year", "name", "kind", "investment"),
    "programmes": ("programme", "group_id", "school_code", "year", "role"),
    "designations": ("unit_kind", "unit_code", "org_code", "kind", "level", "year", "result"),
    "substitute_cases": ("case_id", "org_code", "teacher_id", "identified_year", "outcome", "outcome_date", "compensation"),
}  # fmt: skip


def write_tables(out_dir: Path, tables: Mapping[str, Iterable[Row]]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for table_id, rows in tables.items():
        header = HEADERS[table_id]
        with (out_dir / f"{table_id}.csv").open("w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file, lineterminator="\n")
            writer.writerow(header)
            # None, text and whole numbers go as they are: the csv module writes "", text, digits
            writer.writerows(
                [cell(v) if type(v) in CONVERTED else v for v in map(row.get, header)]
                for row in rows
            )


CONVERTED = {bool, date, Decimal}


def cell(value: Cell | bool) -> Cell:
    """Empty means not reported (DATA.md); booleans are true/false, dates ISO, amounts as written."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return value
