"""The seed report's figures (seed_figures.yaml, a copy of shared/seed/figures.yaml) and their matching rule."""

from __future__ import annotations

from dataclasses import dataclass
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
