"""The seed city's building blocks: org units, schools and rows of the exchange format."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

Cell = str | int | Decimal | date | None
Row = dict[str, Cell]

SCHOOL_YEARS = tuple(range(2004, 2010))  # 2005 is the baseline of the "added" figures
CONSOLIDATION = (2006, 2008)  # the 创强 period of the merger and "added" figures

STAGES_BY_TYPE: dict[str, tuple[str, ...]] = {
    "111": ("preschool",),
    "211": ("primary",),
    "218": ("primary",),
    "311": ("junior",),
    "312": ("primary", "junior"),
    "341": ("junior", "senior"),
    "342": ("senior",),
    "345": ("primary", "junior", "senior"),
    **{str(code): ("vocational",) for code in range(361, 370)},
    **{str(code): ("special",) for code in range(511, 520)},
}
GENERAL_STAGES = ("primary", "junior", "senior")  # the 中小学 of the ICT figures
COMPULSORY_TYPES = ("211", "311", "312", "341", "345")  # teaching points (218) excluded


def count(row: Row, field: str) -> int:
    """A count of a row, 0 where it is not reported."""
    value = row.get(field)
    return value if isinstance(value, int) else 0


def stream(seed: int, purpose: str) -> random.Random:
    """An independent generator per purpose, so that one module's draws never shift another's."""
    return random.Random(f"dudao-demo/{seed}/{purpose}")


@dataclass(frozen=True)
class OrgUnit:
    code: str
    name: str
    level: str
    parent_code: str | None


@dataclass(eq=False)  # a school is itself: identity, not field equality
class School:
    code: str
    name: str
    org_code: str  # a town, or the district itself for city- and province-run schools
    district: str
    school_type: str
    ownership: str
    sponsor_level: str | None  # None: not stated, which DATA.md reads as county
    urban_rural: str
    opened: int
    sizes: dict[str, float]  # relative size per stage, within its district
    growth: float = 0.0  # yearly enrolment trend
    closed: int | None = None
    merged_into: str | None = None
    tags: set[str] = field(default_factory=set)

    @property
    def stages(self) -> tuple[str, ...]:
        return STAGES_BY_TYPE[self.school_type]

    @property
    def sponsor(self) -> str:
        return self.sponsor_level or "county"

    def is_open(self, year: int) -> bool:
        return self.opened <= year and (self.closed is None or year < self.closed)

    def years(self) -> list[int]:
        return [year for year in SCHOOL_YEARS if self.is_open(year)]

    def is_compulsory(self, year: int) -> bool:
        return self.school_type in COMPULSORY_TYPES and self.is_open(year)

    def is_primary_secondary(self) -> bool:
        return any(stage in GENERAL_STAGES for stage in self.stages)

    def row(self) -> Row:
        return {
            "school_code": self.code,
            "name": self.name,
            "org_code": self.org_code,
            "school_type": self.school_type,
            "ownership": self.ownership,
            "sponsor_level": self.sponsor_level,
            "urban_rural": self.urban_rural,
            "opened": self.opened,
            "closed": self.closed,
            "merged_into": self.merged_into,
        }
