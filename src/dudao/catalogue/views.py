"""Derived views the engine builds from the exchange-format tables, for indicator operands.

Declared here (id, columns, where rows belong in the hierarchy) so that the
catalogue checks every formula's columns against them; dudao.compute.views
writes their SQL. Placement: `school` rows sum up from the school's org unit,
`event` rows from the org unit they name (DATA.md, Aggregation).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from dudao.catalogue.loader import Catalogue

Placement = Literal["school", "org", "event"]


BALANCE_TEACHERS = (
    "teachers", "teachers_above_std_qual", "teachers_mid_title", "teachers_key", "teachers_pe_art",
)  # fmt: skip


_DESIGNATIONS = ("designations", "schools", "org_units")


@dataclass(frozen=True)
class DerivedView:
    id: str
    columns: tuple[str, ...]
    placement: Placement
    as_of: bool = False  # one row set per cut-off date (case-based figures)
    over_period: bool = False  # built over the run's period [a, b]; its year is b
    reads: tuple[str, ...] = ()  # the exchange-format tables it is built from (explain)


def _fields(catalogue: Catalogue, table: str) -> tuple[str, ...]:
    return tuple(field.id for field in catalogue.tables[table].fields)


def derived_views(catalogue: Catalogue) -> dict[str, DerivedView]:
    stages = [code.code for code in catalogue.code_lists["stage"].codes]
    designation = (*_fields(catalogue, "designations"), "unit_level")
    areas = ("land_area", "building_area")
    views = (
        DerivedView(
            "school_membership",
            (
                "school_code",
                "year",
                "school_type",
                "ownership",
                "sponsor_level",
                "enrolment",
                *tuple(f"has_{stage}" for stage in stages),
            ),
            "school",
            reads=("school_stage_year", "schools"),
        ),
        DerivedView("designation_events", designation, "event", reads=_DESIGNATIONS),
        DerivedView("designation_status", (*designation, "holds"), "event", reads=_DESIGNATIONS),
        DerivedView(
            "school_closures",
            (*_fields(catalogue, "schools"), "year"),
            "school",
            reads=("schools",),
        ),
        DerivedView(
            "school_area_change",
            (
                "school_code",
                "year",
                *tuple(f"{area}_{end}" for area in areas for end in ("start", "end")),
            ),
            "school",
            over_period=True,
            reads=("school_year",),
        ),
        DerivedView(
            "balance_school_stages",
            (
                "school_code",
                "year",
                "stage",
                "enrolment",
                "resource_share",
                *BALANCE_TEACHERS,
                *resource_fields(catalogue),
            ),
            "school",
            reads=("school_stage_year", "school_year"),
        ),
        DerivedView(
            "school_standards",  # verdicts on per-school standards (dudao.compute.standards)
            ("school_code", "year", "test", "passed", "met"),
            "school",
            reads=("school_stage_year", "school_year", "schools"),
        ),
        DerivedView(
            "substitute_cases_as_of",
            (*_fields(catalogue, "substitute_cases"), "year", "as_of", "resolved"),
            "event",
            as_of=True,
            reads=("substitute_cases",),
        ),
    )
    return {view.id: view for view in views}


def resource_fields(catalogue: Catalogue) -> tuple[str, ...]:
    """The school-wide resources of school_year, which combined schools split by stage."""
    table = catalogue.tables["school_year"]
    return tuple(field.id for field in table.fields if field.id not in table.key)


def table_placement(catalogue: Catalogue, table_id: str) -> Placement | None:
    """Where a table's rows belong, or None when operands cannot read it by year."""
    fields = set(_fields(catalogue, table_id))
    if "year" not in fields:
        return None
    if "school_code" in fields:
        return "school"
    if catalogue.tables[table_id].kind.value == "org":
        return "org"
    return "event" if "org_code" in fields else None
