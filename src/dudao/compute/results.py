"""One computed figure: an indicator's value for a unit and a year (or period)."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class IndicatorResult:
    indicator: str
    unit_code: str
    year: int | None
    value: float | None  # unrounded, in the indicator's measure; None when an input is missing
    numerator: float | None
    denominator: float | None
    display: str | None
    scope: str | None = None  # consolidated / own_level on fiscal and compliance results
    period: tuple[int, int] | None = None
    notes: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, object]:
        """The JSON Lines record of `dudao compute --json`."""
        record = asdict(self)
        record["period"] = list(self.period) if self.period else None
        record["notes"] = list(self.notes)
        for key in ("value", "numerator", "denominator"):
            number = record[key]
            if isinstance(number, float) and not math.isfinite(number):
                record[key] = None
        return {
            key: record[key]
            for key in (
                "indicator", "unit_code", "scope", "year", "period",
                "value", "numerator", "denominator", "display", "notes",
            )
        }  # fmt: skip
