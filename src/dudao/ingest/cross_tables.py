"""Rules across tables: stage rows against the school's type, microdata against school counts."""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa
import pyarrow.compute as pc

from dudao.catalogue.rules import CheckRule
from dudao.ingest.findings import Finding
from dudao.ingest.rule_findings import rule_finding
from dudao.ingest.rule_frames import PART, ROW, RuleFrames
from dudao.ingest.school_register import code_ids, matches, school_register

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
    """A stage row of a school whose type (dataset, else store) does not teach that stage.

    A type without stages in the code list is not checked; a school the register lists twice
    is checked against each of its rows.
    """
    context = frames.context
    if not context.has_table(rule.table):
        return
    types, stages = (
        context.catalogue.code_lists["school_type"],
        context.catalogue.code_lists["stage"],
    )
    for part_index, row, stage, school_type in _stage_mismatches(frames, rule.table):
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


def _stage_mismatches(frames: RuleFrames, table_id: str) -> list[tuple[int, int, str, str]]:
    """(part, row, stage, school type) of each stage row against each register row of its
    school, in sheet order, where the type has stages and that stage is not one of them."""
    register = school_register(frames, ["school_code", "school_type"])
    rows = frames.dataset_table(table_id).select([PART, ROW, "school_code", "stage"])
    codes = pc.unique(register.column("school_code").combine_chunks().drop_null())
    left, right = matches(
        code_ids(rows.column("school_code"), codes),
        code_ids(register.column("school_code"), codes),
    )
    pairs = rows.take(pa.array(left, pa.int64())).append_column(
        "school_type", register.column("school_type").take(pa.array(right, pa.int64()))
    )
    allowed = [
        (code.code, stage)
        for code in frames.context.catalogue.code_lists["school_type"].codes
        for stage in code.stages
    ]
    taught = pc.is_in(
        _pair(pairs.column("school_type"), pairs.column("stage")),
        value_set=pa.array([f"{school_type}\x1f{stage}" for school_type, stage in allowed]),
    )
    checked = pc.is_in(pairs.column("school_type"), value_set=pa.array([t for t, _ in allowed]))
    wrong = pairs.filter(pc.and_(checked, pc.invert(taught))).select(
        [PART, ROW, "stage", "school_type"]
    )
    return list(zip(*wrong.to_pydict().values(), strict=True))


def _pair(school_type: pa.ChunkedArray, stage: pa.ChunkedArray) -> pa.ChunkedArray:
    """Type and stage as one text; empty when either is (a pair no code list holds)."""
    return pc.binary_join_element_wise(school_type, stage, "\x1f")


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
