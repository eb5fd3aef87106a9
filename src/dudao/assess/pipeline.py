"""From a dataset to scored units: compute what a framework reads, then assess.

Only the indicators the framework's rules name are computed (with those they
depend on), and the school-level standards only when an all-schools rule reads one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping, Sequence
from datetime import date

import pyarrow as pa

from dudao.assess.answers import Answers
from dudao.assess.engine import assess
from dudao.assess.frameworks import rule_params
from dudao.assess.model import UnitAssessment
from dudao.assess.rules.all_schools import AllSchoolsParams
from dudao.assess.schools import SchoolVerdicts, school_verdicts
from dudao.catalogue.frameworks import Framework
from dudao.compute import IndicatorResult, compute_indicators, org_attribute
from dudao.compute.sources import DataSource


def indicators_read(framework: Framework) -> list[str]:
    """Every catalogue indicator the framework's rules read at the units' own level, in order
    of first use (the school-level standards are `schools_needed`)."""
    at_schools = set(schools_needed(framework))
    ids = (i for params in rule_params(framework).values() for i in params.indicator_ids())
    return [i for i in dict.fromkeys(ids) if i not in at_schools]


def schools_needed(framework: Framework) -> list[str]:
    """The school-level standard indicators the all-schools rules count schools of."""
    ids = (
        params.indicator
        for params in rule_params(framework).values()
        if isinstance(params, AllSchoolsParams)
    )
    return list(dict.fromkeys(ids))


def assess_tables(
    tables: Mapping[str, pa.Table],
    framework: Framework,
    *,
    years: Sequence[int],
    units: Collection[str] = (),
    answers: Answers | None = None,
    as_of: date | None = None,
    data_version: str | None = None,
    results: Sequence[IndicatorResult] | None = None,
) -> list[UnitAssessment]:
    """Score a dataset's units of the framework's level over `years` (one year, or a period:
    period indicators are computed over its span). `results` skips computing when given."""
    if results is None:
        results = compute_indicators(
            tables,
            indicator_ids=indicators_read(framework),
            period=(min(years), max(years)),
            as_of=as_of,
        )
    schools: SchoolVerdicts | None = None
    if needed := schools_needed(framework):
        schools = school_verdicts(tables, needed, level=framework.level, years=[max(years)])
    return assess(
        framework,
        results,
        unit_levels=org_attribute(tables, "level"),
        unit_names=org_attribute(tables, "name"),
        units=units,
        years=years,
        answers=answers,
        schools=schools,
        data_version=data_version,
    )


def data_version(sources: Sequence[DataSource]) -> str:
    """One line naming the data a score was computed from: the file's SHA-256, or the store
    versions read (their ids and a digest of them), so a stored score can say it is stale."""
    if not sources:
        return "none"
    if all(source.kind == "file" for source in sources):
        return "; ".join(f"file {s.label} sha256:{(s.sha256 or '')[:16]}" for s in sources)
    ids = sorted(int(str(s.details.get("version_id", 0))) for s in sources if s.kind == "version")
    digest = hashlib.sha256(",".join(str(i) for i in ids).encode()).hexdigest()[:16]
    span = f"{ids[0]}–{ids[-1]}" if ids else "—"
    return f"store versions {span} ({len(ids)}) sha256:{digest}"
