"""The seed report's figures (seed_figures.yaml, a copy of shared/seed/figures.yaml) and their matching rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from ruamel.yaml import YAML

FIGURES_FILE = Path(__file__).with_name("seed_figures.yaml")
NOT_FIGURES = ("units", "shortcomings_stated", "definitions")
# The seed prints some measures in larger units than dudao computes in.
CONVERSIONS = {"億元": 10_000, "亿元": 10_000, "萬平方米": 10_000, "萬人": 10_000, "萬人次": 10_000}


@dataclass(frozen=True)
class SeedFigure:
    id: str
    text: str
    value: str  # as printed, e.g. "108.88", "8.49:1", "5.4:4.6"
    measure: str
    unit: str
    scope: str | None = None
    year: int | None = None
    years: tuple[int, int] | None = None
    each_year: tuple[int, int] | None = None
    qualifier: str | None = None
    as_of: str | None = None

    @property
    def years_stated(self) -> list[int | None]:
        """The years the figure is stated for; None for a figure over its period."""
        if self.years:
            return [None]
        first, last = self.each_year or (self.year, self.year)
        return list(range(first, last + 1)) if first and last else []

    @property
    def when(self) -> str:
        """The figure's time as a report writes it: 2008年, 2006-2008年."""
        if self.years:
            return f"{self.years[0]}-{self.years[1]}年"
        first, last = self.each_year or (self.year, self.year)
        return f"{first}年" if first == last else f"{first}-{last}年每年"

    @property
    def stated(self) -> str:
        """The value as the seed prints it, qualifier and unit included."""
        unit = "" if self.measure == "ratio" else self.measure
        if self.qualifier == "以上":  # 96%以上; 近 goes before: 近50亿元
            return f"{self.value}{unit}以上"
        return f"{self.qualifier or ''}{self.value}{unit}"

    @property
    def printed(self) -> Decimal:
        """The number compared: the first one of `x:1` and `5.4:4.6`."""
        return Decimal(self.value.split(":")[0])

    def matches(self, computed: float | None) -> bool:
        """figures.yaml's rule: convert, round half-up to the printed decimals, compare."""
        if computed is None:
            return False
        converted = Decimal(repr(computed)) / CONVERSIONS.get(self.measure, 1)
        if self.qualifier == "近":
            return self.printed * Decimal("0.95") <= converted <= self.printed
        if self.qualifier == "以上":
            return converted >= self.printed
        exponent = self.printed.as_tuple().exponent
        return converted.quantize(Decimal(1).scaleb(int(exponent)), ROUND_HALF_UP) == self.printed


def seed_period() -> tuple[int, int]:
    """The one period the seed states figures over ("创强"期间, 2006-2008)."""
    (period,) = {figure.years for figure in seed_figures() if figure.years}
    return period


def seed_cut_off() -> date:
    """The one cut-off date of the seed's case-based figures ("至今年10月底")."""
    (cut_off,) = {figure.as_of for figure in seed_figures() if figure.as_of}
    return date.fromisoformat(cut_off)


@cache
def seed_figures() -> tuple[SeedFigure, ...]:
    """Every figure the seed states, in the order of the report."""
    document = YAML(typ="safe").load(FIGURES_FILE.read_text(encoding="utf-8"))
    figures: list[SeedFigure] = []
    texts: dict[str, str] = {}
    for section, entries in document.items():
        if section in NOT_FIGURES:
            continue
        for entry in entries:
            texts[entry["id"]] = entry.get("text", texts.get(entry["id"], entry["id"]))
            figures.append(_figure(entry, texts[entry["id"]]))
    return tuple(figures)


def _figure(entry: dict[str, object], text: str) -> SeedFigure:
    fields = {key: value for key, value in entry.items() if key not in ("text", "note")}
    for key in ("years", "each_year"):
        if key in fields:
            fields[key] = tuple(fields[key])  # type: ignore[arg-type]
    return SeedFigure(text=text, **fields)  # type: ignore[arg-type]
