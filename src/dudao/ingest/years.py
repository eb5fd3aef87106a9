"""Rules across years: a series' missing year, an unusual change, a school that vanished.

Each joins the dataset with the store's approved data (CheckContext.approved); without a
store they see the dataset's own years only. Findings point at the dataset's rows.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from dudao.catalogue.rules import CheckRule
from dudao.ingest.findings import Finding
from dudao.ingest.rule_findings import rule_finding
from dudao.ingest.rule_frames import PART, ROW, RuleFrames

# The dataset's row of each (unit, year), its first in the sheets; store rows have none.
FIRST = f"arg_min({PART}, {PART} * 100000000 + {ROW})"
FIRST_ROW = f"arg_min({ROW}, {PART} * 100000000 + {ROW})"


def missing_year(rule: CheckRule, frames: RuleFrames) -> Iterator[Finding]:
    """A unit's year in the dataset whose previous year with rows is not the year before."""
    yield from missing_years([rule], frames)[rule.id]


def missing_years(rules: Sequence[CheckRule], frames: RuleFrames) -> dict[str, list[Finding]]:
    """missing_year for several rules (tables) in one statement; findings by rule id."""
    found: dict[str, list[Finding]] = {rule.id: [] for rule in rules}
    context = frames.context
    queries = [
        f"SELECT {tag} AS tag, * FROM ({_missing_sql(rule, frames)})"
        for tag, rule in enumerate(rules)
        if context.has_table(rule.table)
    ]
    if not queries:
        return found
    sql = " UNION ALL ".join(queries) + " ORDER BY tag, part, row"
    for tag, part, row, year, before in frames.rows(sql):
        gap = str(before + 1) if year - before == 2 else f"{before + 1}-{year - 1}"
        place = context.parts[part].place
        rule = rules[tag]
        names = {"missing": gap}
        found[rule.id].append(
            rule_finding(rule, place, row=row, column="year", value=year, names=names)
        )
    return found


def year_change(rule: CheckRule, frames: RuleFrames) -> Iterator[Finding]:
    """A value more than the factor away from the same series' last earlier reported value.

    The rule's fields share one window, so one sort per table, not one per field.
    """
    if frames.context.has_table(rule.table) and rule.fields:
        yield from _changes(rule, frames)


def _changes(rule: CheckRule, frames: RuleFrames) -> Iterator[Finding]:
    """Rows of the statement hold (value, previous, previous year) of every field in turn."""
    context = frames.context
    factor = context.settings.year_change_factor
    by_field: list[list[Finding]] = [[] for _ in rule.fields]
    for part, row, year, *cells in frames.rows(_change_sql(rule, frames)):
        place = context.parts[part].place
        for tag, field_id in enumerate(rule.fields):
            changed, value, previous, previous_year = cells[4 * tag : 4 * tag + 4]
            if not changed:
                continue
            said = {
                "value": value,
                "year": year,
                "previous": previous,
                "previous_year": previous_year,
                "factor": factor,
            }
            by_field[tag].append(
                rule_finding(rule, place, row=row, column=field_id, value=value, names=said)
            )
    for findings in by_field:  # field by field, each in sheet order, as the rule declares them
        yield from findings


def _missing_sql(rule: CheckRule, frames: RuleFrames) -> str:
    unit = frames.context.catalogue.tables[rule.table].key[0]  # school_code or org_code
    return f"""
    WITH years AS (
        SELECT {unit} AS unit, year, {FIRST} AS part, {FIRST_ROW} AS row FROM (
            SELECT {unit}, year, {PART}, {ROW} FROM {frames.dataset(rule.table)}
            UNION ALL SELECT {unit}, year, NULL, NULL FROM {frames.stored(rule.table)}
        ) GROUP BY {unit}, year
    ), ordered AS (
        SELECT *, lag(year) OVER (PARTITION BY unit ORDER BY year) AS before FROM years
    )
    SELECT part, row, year, before FROM ordered
    WHERE part IS NOT NULL AND year - before > 1
    """


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
ORDER BY 1, 2, 3, 4
"""


def _change_sql(rule: CheckRule, frames: RuleFrames) -> str:
    """Each field's last earlier reported value of its series (dataset, else store) and year.

    `lag(… IGNORE NULLS)` over all the series' rows is lag over the rows reporting the field.
    """
    settings = frames.context.settings
    factor, floor = settings.year_change_factor, settings.year_change_floor
    table = frames.context.catalogue.tables[rule.table]
    frame, stored = frames.dataset(rule.table), frames.stored(rule.table)
    series = [name for name in table.key if name != "year"]
    keys, fields = ", ".join(series), ", ".join(rule.fields)
    same = " AND ".join(f"f.{name} = s.{name}" for name in (*series, "year"))
    lags = ", ".join(
        f"lag({name} IGNORE NULLS) OVER w AS previous_{name}, "
        f"lag(CASE WHEN {name} IS NOT NULL THEN year END IGNORE NULLS) OVER w AS year_{name}"
        for name in rule.fields
    )
    changed = [
        f"({name} IS NOT NULL AND previous_{name} IS NOT NULL "
        f"AND greatest({name}, previous_{name}) >= {floor} "
        f"AND ({name} > {factor} * previous_{name} OR previous_{name} > {factor} * {name}))"
        for name in rule.fields
    ]
    cells = ", ".join(
        f"{test} AS changed_{name}, {name}, previous_{name}, year_{name}"
        for test, name in zip(changed, rule.fields, strict=True)
    )
    return f"""
    WITH series AS (
        SELECT {keys}, year, {fields}, {PART} AS part, {ROW} AS row FROM {frame}
        UNION ALL
        SELECT {keys}, year, {fields}, NULL, NULL FROM {stored} s
        WHERE NOT EXISTS (SELECT 1 FROM {frame} f WHERE {same})
    ), ordered AS (
        SELECT *, {lags} FROM series WINDOW w AS (PARTITION BY {keys} ORDER BY year)
    )
    SELECT part, row, year, {cells} FROM ordered
    WHERE part IS NOT NULL AND ({" OR ".join(changed)})
    ORDER BY part, row
    """
