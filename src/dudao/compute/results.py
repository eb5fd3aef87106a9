"""One computed figure: an indicator's value for a unit and a year (or period)."""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date

# indicator, unit_code, scope, year
ResultKey = tuple[str, str, str | None, int | None]

# The foundation's record, then what issue 4 adds.
FIELDS = (
    "indicator", "unit_code", "scope", "year", "period",
    "value", "numerator", "denominator", "display", "notes",
    "kind", "passed", "evidence", "as_of",
)  # fmt: skip


@dataclass(frozen=True)
class IndicatorResult:
    indicator: str
    unit_code: str
    year: int | None  # None for a period result
    value: float | None  # unrounded, in the indicator's measure; None when an input is missing
    numerator: float | None
    denominator: float | None
    display: str | None
    scope: str | None = None  # consolidated / own_level on fiscal and compliance results
    period: tuple[int, int] | None = None
    notes: tuple[str, ...] = field(default=())
    kind: str | None = None
    passed: bool | None = None  # compliance only: None when an input is missing
    evidence: dict[str, object] | None = None  # compliance only: the values compared
    as_of: date | None = None  # case-based only: the cut-off date

    @property
    def key(self) -> ResultKey:
        return (self.indicator, self.unit_code, self.scope, self.year)

    def to_json(self) -> dict[str, object]:
        """The JSON Lines record of `dudao compute --json`."""
        record = asdict(self)
        record["period"] = list(self.period) if self.period else None
        record["notes"] = list(self.notes)
        record["as_of"] = self.as_of.isoformat() if self.as_of else None
        for key in ("value", "numerator", "denominator"):
            number = record[key]
            if isinstance(number, float) and not math.isfinite(number):
                record[key] = None
        return {key: record[key] for key in FIELDS}


def select_results(
    results: Iterable[IndicatorResult],
    *,
    units: Collection[str] = (),
    years: Collection[int] = (),
    levels: Collection[str] = (),
    unit_levels: Mapping[str, str] | None = None,
) -> list[IndicatorResult]:
    """Results of these units, years and levels (an empty filter keeps all; period results
    have no year and pass any year filter)."""
    level_of = unit_levels or {}
    return [
        result
        for result in results
        if (not units or result.unit_code in units)
        and (not years or result.year is None or result.year in years)
        and (not levels or level_of.get(result.unit_code) in levels)
    ]
