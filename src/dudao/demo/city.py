"""The seed city, table by table, in the order their dependencies need."""

from __future__ import annotations

from dudao.demo.area_data import area_rows
from dudao.demo.conditions import school_year_rows
from dudao.demo.consolidation import build_register
from dudao.demo.designations import first_class_traps, school_events
from dudao.demo.finance import budget_lines
from dudao.demo.geography import org_unit_rows
from dudao.demo.honours import org_events, teacher_events
from dudao.demo.model import Row, stream
from dudao.demo.population import population, population_rows
from dudao.demo.programmes import programme_rows
from dudao.demo.projects import project_rows
from dudao.demo.quality import plan_quality
from dudao.demo.returns import stage_rows
from dudao.demo.seats import add_seats
from dudao.demo.spending import add_spending
from dudao.demo.staffing import add_teachers
from dudao.demo.stage_totals import district_totals
from dudao.demo.substitutes import substitute_rows


def build_tables(seed: int) -> dict[str, list[Row]]:
    """Every table of the seed city, as rows keyed by field id."""
    schools = build_register(stream(seed, "register"))
    plan = plan_quality(schools, stream(seed, "quality"))
    cohorts = population(stream(seed, "population"))
    returns = stage_rows(
        schools, district_totals(cohorts, stream(seed, "totals")), stream(seed, "returns")
    )
    add_teachers(returns, schools, stream(seed, "teachers"))
    add_seats(returns, schools, plan, stream(seed, "seats"))
    fiscal = budget_lines(stream(seed, "finance"))
    add_spending(fiscal, schools, returns, stream(seed, "spending"))
    designations = school_events(schools, plan, stream(seed, "designations"))
    designations += first_class_traps(plan, schools, stream(seed, "traps"))
    designations += org_events(stream(seed, "areas")) + teacher_events(
        schools, stream(seed, "honours")
    )
    return {
        "org_units": org_unit_rows(),
        "schools": [school.row() for school in schools],
        "school_stage_year": list(returns.values()),
        "school_year": school_year_rows(schools, returns, stream(seed, "conditions")),
        "population_year": population_rows(cohorts),
        "fiscal_year": [fiscal[key] for key in sorted(fiscal)],
        "org_year": area_rows(schools, returns, stream(seed, "area_data")),
        "projects": project_rows(stream(seed, "projects")),
        "programmes": programme_rows(schools, stream(seed, "programmes")),
        "designations": designations,
        "substitute_cases": substitute_rows(stream(seed, "substitutes")),
    }
