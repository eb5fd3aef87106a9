"""Rules across tables: stage rows against the school's type, microdata against school counts."""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa

from dudao.catalogue import Catalogue
from dudao.catalogue.rules import CheckRule
from dudao.ingest.findings import Finding
from dudao.ingest.rule_findings import rule_finding
from dudao.ingest.rule_frames import PART, ROW, RuleFrames

# Each school count and how the student microdata count it; null when a student lacks the value.
STUDENT_COUNTS = {
    "enrolment": "count(*)",
    "enrolment_female": "CASE WHEN count(sex) = count(*) THEN count_if(sex = 'female') END",
    "migrant_enrolment": "CASE WHEN count(migrant) = count(*) THEN count_if(migrant) END",
    "special_needs_enrolment": (
        "CASE WHEN count(special_needs) = count(*) THEN count_if(special_needs) END"
    ),
}


def stage_matches_school_type(rule: CheckRule, frames: RuleFrames) -> Iterator[Finding]:
    """A stage row of a school whose type (dataset, else store) does not teach that stage."""
    context = frames.context
    if not context.has_table(rule.table):
        return
    allowed = frames.register("allowed_stages", _allowed_stages(context.catalogue))
    schools, stored = frames.dataset("schools"), frames.stored("schools")
    rows = frames.rows(f"""
    WITH types AS (
        SELECT school_code, school_type FROM {schools}
        UNION ALL
        SELECT school_code, school_type FROM {stored}
        WHERE school_code NOT IN (SELECT school_code FROM {schools} WHERE school_code IS NOT NULL)
    )
    SELECT f.{PART}, f.{ROW}, f.stage, t.school_type
    FROM {frames.dataset(rule.table)} f JOIN types t USING (school_code)
    WHERE t.school_type IN (SELECT school_type FROM {allowed})
      AND NOT EXISTS (
        SELECT 1 FROM {allowed} a WHERE a.school_type = t.school_type AND a.stage = f.stage)
    ORDER BY 1, 2
    """)
    types, stages = (
        context.catalogue.code_lists["school_type"],
        context.catalogue.code_lists["stage"],
    )
    for part_index, row, stage, school_type in rows:
        code = types.get(school_type)
        allowed_labels = [stages.get(name).label for name in code.stages]
        names = {
            "school_type": (
                f"{school_type} {code.label.zh_hans}",
                f"{school_type} {code.label.en}",
            ),
            "stages": (
                "、".join(label.zh_hans for label in allowed_labels),
                ", ".join(label.en for label in allowed_labels),
            ),
        }
        place = context.parts[part_index].place
        yield rule_finding(rule, place, row=row, column="stage", value=stage, names=names)


def students_agree_with_counts(rule: CheckRule, frames: RuleFrames) -> Iterator[Finding]:
    """Each reported count of a stage row equals the students counted for its school and year."""
    context = frames.context
    if not (context.has_table(rule.table) and context.has_table("students")):
        return
    table = context.catalogue.tables[rule.table]
    fields = rule.fields or tuple(STUDENT_COUNTS)
    stage_rows, students = frames.dataset(rule.table), frames.dataset("students")
    sql = " UNION ALL ".join(
        f"SELECT {tag} AS tag, * FROM ({_students_sql(field_id, stage_rows, students)})"
        for tag, field_id in enumerate(fields)
    )
    for tag, part_index, row, value, count in frames.rows(f"{sql} ORDER BY 1, 2, 3"):
        field_id = fields[tag]
        label = table.field(field_id).label
        names = {"field": (label.zh_hans, label.en), "count": count}
        place = context.parts[part_index].place
        yield rule_finding(rule, place, row=row, column=field_id, value=value, names=names)


def teachers_agree_with_counts(rule: CheckRule, frames: RuleFrames) -> Iterator[Finding]:
    """A school's full-time teachers over its stages equal its non-substitute teacher records.

    Reported on the school's first stage row, when every stage row reports teachers.
    """
    context = frames.context
    if not (context.has_table(rule.table) and context.has_table("teachers")):
        return
    rows = frames.rows(f"""
    WITH micro AS (
        SELECT school_code, year, count_if(employment IS DISTINCT FROM 'substitute') AS counted
        FROM {frames.dataset("teachers")} GROUP BY school_code, year
    ), located AS (
        SELECT *, {PART} * 100000000 + {ROW} AS place_order FROM {frames.dataset(rule.table)}
    ), sums AS (
        SELECT school_code, year, sum(teachers) AS total, count(teachers) = count(*) AS complete,
               arg_min({PART}, place_order) AS part, arg_min({ROW}, place_order) AS row, arg_min(teachers, place_order) AS cell
        FROM located GROUP BY school_code, year
    )
    SELECT s.part, s.row, s.cell, s.total, m.counted
    FROM sums s JOIN micro m USING (school_code, year)
    WHERE s.complete AND s.total != m.counted
    ORDER BY 1, 2
    """)
    for part_index, row, cell, total, counted in rows:
        names = {"total": total, "count": counted}
        place = context.parts[part_index].place
        yield rule_finding(rule, place, row=row, column="teachers", value=cell, names=names)


def _students_sql(field_id: str, stage_rows: str, students: str) -> str:
    """Stage rows of the school-years the microdata cover; a stage without students counts 0.

    A school-year where some student has no stage is not compared: its counts by stage
    cannot be derived from the microdata.
    """
    return f"""
    WITH micro AS (
        SELECT school_code, year, stage, {STUDENT_COUNTS[field_id]} AS counted
        FROM {students} GROUP BY school_code, year, stage
    ), covered AS (  -- per-stage counts need every student's stage
        SELECT school_code, year FROM {students}
        GROUP BY school_code, year HAVING count(stage) = count(*)
    )
    SELECT f.{PART}, f.{ROW}, f.{field_id}, coalesce(m.counted, 0)
    FROM {stage_rows} f JOIN covered USING (school_code, year)
    LEFT JOIN micro m USING (school_code, year, stage)
    WHERE f.{field_id} IS NOT NULL AND (m.school_code IS NULL OR m.counted IS NOT NULL)
      AND f.{field_id} != coalesce(m.counted, 0)
    """


def _allowed_stages(catalogue: Catalogue) -> pa.Table:
    pairs = [
        (code.code, stage)
        for code in catalogue.code_lists["school_type"].codes
        for stage in code.stages
    ]
    return pa.table({"school_type": [p[0] for p in pairs], "stage": [p[1] for p in pairs]})
