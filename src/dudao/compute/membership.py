"""The school_membership view: per school and year, what school sets are decided on."""

from __future__ import annotations

from dudao.catalogue import Catalogue


def membership_query(catalogue: Catalogue) -> str:
    """school_code, year, school attributes, has_<stage> flags and total enrolment.

    The stage rows are grouped by (school, year) alone, then given their school's
    attributes (school_code is the key of schools): half the work of grouping by the
    attributes too (measured at national scale, 500,000 school years).
    """
    stages = [code.code for code in catalogue.code_lists["stage"].codes]
    flags = ", ".join(
        f"MAX(CASE WHEN y.stage = '{stage}' THEN 1 ELSE 0 END) = 1 AS has_{stage}"
        for stage in stages
    )
    carried = ", ".join(f"y.has_{stage}" for stage in stages)
    return (
        "SELECT s.school_code, y.year, s.school_type, s.ownership, "
        f"COALESCE(s.sponsor_level, 'county') AS sponsor_level, {carried}, y.enrolment "
        f"FROM (SELECT y.school_code, y.year, {flags}, SUM(y.enrolment) AS enrolment "
        "FROM school_stage_year AS y GROUP BY y.school_code, y.year) AS y "
        "JOIN schools AS s ON s.school_code = y.school_code"
    )
