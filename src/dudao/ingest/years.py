"""Rules across years: a series' missing year, an unusual change, a school that vanished.

Each joins the dataset with the store's approved data (CheckContext.approved); without a
store they see the dataset's own years only. Findings point at the dataset's rows.
"""

from __future__ import annotations

from collections.abc import Iterator

from dudao.catalogue import TableDef
from dudao.catalogue.rules import CheckRule
from dudao.ingest.findings import Finding
from dudao.ingest.rule_findings import rule_finding
from dudao.ingest.rule_frames import PART, ROW, RuleFrames

# The dataset's row of each (unit, year), its first in the sheets; store rows have none.
FIRST = f"arg_min({PART}, {PART} * 100000000 + {ROW})"
FIRST_ROW = f"arg_min({ROW}, {PART} * 100000000 + {ROW})"


def missing_year(rule: CheckRule, frames: RuleFrames) -> Iterator[Finding]:
    """A unit's year in the dataset whose previous year with rows is not the year before."""
    context = frames.context
    if not context.has_table(rule.table):
        return
    unit = context.catalogue.tables[rule.table].key[0]  # school_code or org_code
    sql = f"""
    WITH years AS (
        SELECT {unit} AS unit, year, {FIRST} AS part, {FIRST_ROW} AS row FROM (
            SELECT {unit}, year, {PART}, {ROW} FROM {frames.dataset(rule.table)}
            UNION ALL SELECT {unit}, year, NULL, NULL FROM {frames.stored(rule.table)}
        ) GROUP BY {unit}, year
    ), ordered AS (
        SELECT *, lag(year) OVER (PARTITION BY unit ORDER BY year) AS before FROM years
    )
    SELECT part, row, year, before FROM ordered
    WHERE part IS NOT NULL AND year - before > 1 ORDER BY part, row
    """
    for part, row, year, before in frames.rows(sql):
        gap = str(before + 1) if year - before == 2 else f"{before + 1}-{year - 1}"
        place = context.parts[part].place
        yield rule_finding(rule, place, row=row, column="year", value=year, names={"missing": gap})


def year_change(rule: CheckRule, frames: RuleFrames) -> Iterator[Finding]:
    """A value more than the factor away from the same series' last earlier reported value."""
    context = frames.context
    if not context.has_table(rule.table):
        return
    table = context.catalogue.tables[rule.table]
    factor, floor = context.settings.year_change_factor, context.settings.year_change_floor
    names = (frames.dataset(rule.table), frames.stored(rule.table))
    for field_id in rule.fields:
        sql = _change_sql(table, field_id, factor, floor, *names)
        for part, row, value, year, previous, previous_year in frames.rows(sql):
            said = {
                "value": value,
                "year": year,
                "previous": previous,
                "previous_year": previous_year,
                "factor": factor,
            }
            place = context.parts[part].place
            yield rule_finding(rule, place, row=row, column=field_id, value=value, names=said)


def vanished_school(rule: CheckRule, frames: RuleFrames) -> Iterator[Finding]:
    """A school with stage rows in a year and none in the next, which the dataset covers.

    The dataset covers a year for the org units whose schools it has stage rows for that year,
    so a district's return is not blamed for another district's schools.
    """
    context = frames.context
    if not context.has_table("school_stage_year"):
        return
    sql = VANISHED_SQL.format(
        frame=frames.dataset("school_stage_year"),
        stored=frames.stored("school_stage_year"),
        schools=frames.dataset("schools"),
        stored_schools=frames.stored("schools"),
    )
    for part, row, school_code, last_year in frames.rows(sql):
        names = {"last_year": last_year, "year": last_year + 1}
        place = context.place if part is None else context.parts[part].place
        yield rule_finding(
            rule, place, row=row, column="school_code", value=school_code, names=names
        )


VANISHED_SQL = f"""
WITH present AS (
    SELECT school_code, year FROM {{frame}} UNION SELECT school_code, year FROM {{stored}}
), register AS (
    SELECT school_code, org_code, closed, {PART} AS part, {ROW} AS row FROM {{schools}}
    UNION ALL
    SELECT school_code, org_code, closed, NULL, NULL FROM {{stored_schools}}
    WHERE school_code NOT IN (SELECT school_code FROM {{schools}} WHERE school_code IS NOT NULL)
), covered AS (
    SELECT DISTINCT r.org_code, f.year FROM {{frame}} f JOIN register r USING (school_code)
)
SELECT DISTINCT r.part, r.row, p.school_code, p.year
FROM present p
JOIN register r USING (school_code)
JOIN covered c ON c.org_code = r.org_code AND c.year = p.year + 1
WHERE NOT EXISTS (
    SELECT 1 FROM present q WHERE q.school_code = p.school_code AND q.year = p.year + 1)
  AND (r.closed IS NULL OR r.closed > p.year + 1)
ORDER BY 1, 2, 3
"""


def _change_sql(
    table: TableDef, field_id: str, factor: float, floor: float, frame: str, stored: str
) -> str:
    series = [name for name in table.key if name != "year"]
    keys = ", ".join(series)
    same = " AND ".join(f"f.{name} = s.{name}" for name in (*series, "year"))
    return f"""
    WITH series AS (
        SELECT {keys}, year, {field_id} AS value, {PART} AS part, {ROW} AS row FROM {frame}
        UNION ALL
        SELECT {keys}, year, {field_id}, NULL, NULL FROM {stored} s
        WHERE NOT EXISTS (SELECT 1 FROM {frame} f WHERE {same})
    ), ordered AS (
        SELECT *, lag(value) OVER w AS previous, lag(year) OVER w AS previous_year
        FROM series WHERE value IS NOT NULL
        WINDOW w AS (PARTITION BY {keys} ORDER BY year)
    )
    SELECT part, row, value, year, previous, previous_year FROM ordered
    WHERE part IS NOT NULL AND previous IS NOT NULL AND greatest(value, previous) >= {floor}
      AND (value > {factor} * previous OR previous > {factor} * value)
    ORDER BY part, row
    """
