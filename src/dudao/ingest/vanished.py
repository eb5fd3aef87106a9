"""A school that vanished: stage rows in a year, none in the next, and no year closed.

Joined in NumPy (school_register) on integer keys, a school and a year as one number.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dudao.catalogue.rules import CheckRule
from dudao.ingest.findings import Finding
from dudao.ingest.rule_findings import rule_finding
from dudao.ingest.rule_frames import PART, ROW, RuleFrames
from dudao.ingest.school_register import code_ids, matches, school_register
from dudao.ingest.vectors import valid
from dudao.ingest.year_series import numbers

Vanished = tuple[int | None, int | None, str, int]  # register part and row, school, last year


def vanished_school(rule: CheckRule, frames: RuleFrames) -> Iterator[Finding]:
    """A school with stage rows in a year and none in the next, which the dataset covers.

    The dataset covers a year for the org units whose schools it has stage rows for that year,
    so a district's return is not blamed for another district's schools. The school register
    is the dataset's schools, then the store's the dataset does not list; a school closed by
    the next year has not vanished.
    """
    context = frames.context
    if not context.has_table("school_stage_year"):
        return
    for part, row, school_code, last_year in sorted(_vanished(frames), key=_nulls_last):
        names = {"last_year": last_year, "year": last_year + 1}
        place = context.place if part is None else context.parts[part].place
        yield rule_finding(
            rule, place, row=row, column="school_code", value=school_code, names=names
        )


def _vanished(frames: RuleFrames) -> set[Vanished]:
    register = school_register(frames, ["school_code", "org_code", "closed", PART, ROW])
    codes = pc.unique(register.column("school_code").combine_chunks().drop_null())
    school = code_ids(register.column("school_code"), codes)
    org = code_ids(register.column("org_code"), pc.unique(register.column("org_code").drop_null()))
    dataset = frames.dataset_table("school_stage_year")
    stored = frames.stored_table("school_stage_year")
    reported = _school_years(dataset, codes)
    years = np.concatenate([reported[1], _school_years(stored, codes)[1]])
    if not len(years):
        return set()
    base, span = int(years.min()) - 1, int(years.max() - years.min()) + 3  # year + 1 fits
    reported_keys = np.unique(reported[0] * span + reported[1] - base)
    stored_codes, stored_years = _school_years(stored, codes)
    present = np.unique(np.concatenate([reported_keys, stored_codes * span + stored_years - base]))
    # the org units a reported school-year covers, as org * span + year
    left, right = matches(reported_keys // span, school)
    right_org = org[right]
    covered = np.unique((right_org * span + reported_keys[left] % span)[right_org >= 0])
    last = present[~np.isin(present + 1, present)]
    left, right = matches(last // span, school)
    next_year = last[left] % span + 1  # as an offset from base
    closed = numbers(register.column("closed"))[right]
    open_then = ~valid(register.column("closed"))[right] | (closed > next_year + base)
    in_covered = np.isin(org[right] * span + next_year, covered) & (org[right] >= 0)
    hit = open_then & in_covered
    parts, rows = register.column(PART).to_pylist(), register.column(ROW).to_pylist()
    return {
        (parts[index], rows[index], codes[int(key // span)].as_py(), int(key % span) + base)
        for index, key in zip(right[hit].tolist(), last[left][hit].tolist(), strict=True)
    }


def _school_years(frame: pa.Table, codes: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """(school index, year) of the rows of a registered school with a year."""
    school = code_ids(frame.column("school_code"), codes)
    kept = (school >= 0) & valid(frame.column("year"))
    return school[kept], numbers(frame.column("year"))[kept]


def _nulls_last(found: Vanished) -> tuple[object, ...]:
    """In sheet order, the store's schools (no part, no row) last (SQL's ORDER BY)."""
    part, row, code, year = found
    return (part is None, part or 0, row is None, row or 0, code, year)
