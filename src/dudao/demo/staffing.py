"""Full-time teachers by stage, and their qualifications, titles and roles.

Senior titles (高级职称) are apportioned in 2009 so that the city has exactly
the seed's 5,172; other years follow the same shares with a rising trend.
"""

from __future__ import annotations

import random

from dudao.demo import calibration as target
from dudao.demo.allocation import allocate
from dudao.demo.model import Row, School, count

PUPILS_PER_TEACHER = {"preschool": 14.0, "primary": 19.0, "junior": 14.5, "senior": 13.0, "vocational": 18.0, "special": 4.2}  # fmt: skip
# shares of teachers, 2008: above the required qualification, intermediate title, senior title
ABOVE_QUALIFICATION = {"preschool": 0.5, "primary": 0.68, "junior": 0.62, "senior": 0.1, "vocational": 0.16, "special": 0.5}  # fmt: skip
MID_TITLE = {"preschool": 0.3, "primary": 0.6, "junior": 0.55, "senior": 0.62, "vocational": 0.5, "special": 0.5}  # fmt: skip
SENIOR_TITLE = {"preschool": 0.0, "primary": 0.003, "junior": 0.06, "senior": 0.22, "vocational": 0.15, "special": 0.05}  # fmt: skip
PE_ART = {"primary": 0.14, "junior": 0.13, "senior": 0.1}
Key = tuple[str, int, str]


def add_teachers(rows: dict[Key, Row], schools: list[School], rng: random.Random) -> None:
    quality = {school.code: rng.uniform(0.8, 1.2) for school in schools}  # a school's staff profile
    ratios = {
        (school.code, stage): _ratio(school, stage, rng)
        for school in schools
        for stage in school.stages
    }
    for (code, year, stage), row in rows.items():
        enrolment = count(row, "enrolment")
        ratio = ratios[code, stage] * (
            1 + 0.01 * (year - 2008)
        )  # staff grew a little faster than pupils
        row["teachers"] = max(1, round(enrolment / ratio)) if enrolment else 0
        _sub_counts(row, stage, year, quality[code])
    _calibrate_senior_titles(rows, quality)


def _ratio(school: School, stage: str, rng: random.Random) -> float:
    """Pupils per teacher: private schools stretch their staff, teaching points need a teacher a grade."""
    ratio = PUPILS_PER_TEACHER[stage] * rng.uniform(0.88, 1.12)
    if school.ownership == "private":
        return ratio * 1.25
    return ratio * 0.75 if school.school_type == "218" else ratio


def _sub_counts(row: Row, stage: str, year: int, quality: float) -> None:
    teachers = count(row, "teachers")
    trend = 1 + 0.06 * (year - 2008)  # qualifications and titles rise year on year
    row["teachers_above_std_qual"] = min(
        teachers, round(teachers * ABOVE_QUALIFICATION[stage] * quality * trend)
    )
    row["teachers_senior_title"] = min(
        teachers, round(teachers * SENIOR_TITLE[stage] * quality * trend)
    )
    row["teachers_mid_title"] = _mid(row, stage, quality)
    row["teachers_key"] = min(teachers, round(teachers * 0.1 * quality))
    row["teachers_pe_art"] = (
        min(teachers, round(teachers * PE_ART[stage])) if stage in PE_ART else None
    )


def _mid(row: Row, stage: str, quality: float) -> int:
    teachers, senior = count(row, "teachers"), count(row, "teachers_senior_title")
    return min(teachers, max(senior, round(teachers * MID_TITLE[stage] * quality)))


def _calibrate_senior_titles(rows: dict[Key, Row], quality: dict[str, float]) -> None:
    keys = [key for key in rows if key[1] == 2009]
    weights = [count(rows[k], "teachers") * SENIOR_TITLE[k[2]] * quality[k[0]] for k in keys]
    caps = [count(rows[k], "teachers") for k in keys]
    for key, senior in zip(
        keys, allocate(target.SENIOR_TITLE_TEACHERS, weights, caps), strict=True
    ):
        rows[key]["teachers_senior_title"] = senior
        rows[key]["teachers_mid_title"] = _mid(rows[key], key[2], quality[key[0]])
