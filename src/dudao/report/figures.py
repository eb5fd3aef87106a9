"""The figures a section states, resolved from computed results, and the marks that tie
every printed value to its row in the traceability appendix."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from dudao.catalogue import Catalogue, Indicator, Language
from dudao.compute import IndicatorResult
from dudao.report.document import FigureMark, TraceRow
from dudao.report.numbers import show, span_text, wan
from dudao.report.provenance import Provenance
from dudao.report.results import OrgUnits

MARK_OPEN, MARK_CLOSE = "⟦", "⟧"  # survive OpenCC and Jinja; never in the catalogue's text


@dataclass
class Marks:
    """Numbers every value printed in the text and keeps its appendix row (one per value),
    with the data it came from (a plain string: every figure's data)."""

    language: Language
    data_version: Provenance | str
    catalogue: Catalogue | None = None  # with orgs: to name each figure's own versions
    orgs: OrgUnits | None = None
    rows: list[TraceRow] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)  # the value behind each row
    _numbers: dict[tuple[object, ...], int] = field(default_factory=dict)

    def mark(self, cell: Cell) -> str:
        key = (*cell.result.key, cell.result.period, cell.shown)
        number = self._numbers.get(key)
        if number is None:
            number = self._numbers[key] = len(self.rows) + 1
            self.rows.append(self._row(number, cell))
            self.cells.append(cell)
        return f"{MARK_OPEN}{number}{MARK_CLOSE}"

    def resolve(self, number: int) -> FigureMark:
        return FigureMark(number, self.rows[number - 1].shown)

    def _row(self, number: int, cell: Cell) -> TraceRow:
        result, indicator = cell.result, cell.indicator
        scope = {"consolidated": "全市(合并)", "own_level": "本级"}.get(result.scope or "", "")
        if self.language == "en":
            scope = result.scope.replace("_", " ") if result.scope else ""
        return TraceRow(
            number=number,
            shown=cell.shown,
            indicator=indicator.id,
            label=indicator.label.text(self.language),
            unit=" ".join(part for part in (cell.unit_name, scope) if part),
            when=cell.when,
            formula=indicator.definition.text(self.language),
            numerator=_operand(result.numerator),
            denominator=_operand(result.denominator),
            data_version=self._data_of(result),
        )

    def _data_of(self, result: IndicatorResult) -> str:
        if isinstance(self.data_version, str):
            return self.data_version
        if self.catalogue is None or self.orgs is None:
            return self.data_version.label
        related = self.orgs.related(result.unit_code)
        return self.data_version.of(result, self.catalogue, related, self.language)


def _operand(value: float | None) -> str:
    return "—" if value is None else f"{value:,.10g}"


@dataclass(frozen=True)
class Cell:
    """One value of a figure; printed in a template, it becomes a mark."""

    result: IndicatorResult
    indicator: Indicator
    unit_name: str
    language: Language
    marks: Marks
    in_wan: bool = False

    @property
    def value(self) -> float:
        assert self.result.value is not None  # cells are made for values only
        return self.result.value

    @property
    def year(self) -> int | None:
        return self.result.year

    @property
    def label(self) -> str:
        return self.indicator.label.text(self.language)

    @property
    def shown(self) -> str:
        if self.in_wan:
            return wan(self.value, self.language)
        return show(self.indicator, self.value, self.language)

    @property
    def when(self) -> str:
        result = self.result
        if result.as_of is not None:
            return _date_text(result.as_of, self.language)
        if result.period is not None and result.year is None:
            return span_text(*result.period, self.language)
        return f"{result.year}年" if self.language != "en" else str(result.year)

    def __str__(self) -> str:
        return self.marks.mark(self)


def _date_text(day: date, language: Language) -> str:
    if language == "en":
        return f"as of {day.isoformat()}"
    return f"截至{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True)
class Series:
    """A figure of one unit: its values by year (or its one period or cut-off value)."""

    name: str
    indicator: Indicator
    unit_code: str
    unit_name: str
    cells: tuple[Cell, ...]
    language: Language

    @property
    def label(self) -> str:
        return self.indicator.label.text(self.language)

    @property
    def ok(self) -> bool:
        return bool(self.cells)

    @property
    def years(self) -> list[int]:
        return [cell.year for cell in self.cells if cell.year is not None]

    def at(self, year: int) -> Cell | None:
        return next((cell for cell in self.cells if cell.year == year), None)

    @property
    def first(self) -> Cell:
        return self.cells[0]

    @property
    def last(self) -> Cell:
        return self.cells[-1]

    @property
    def total(self) -> Cell:
        """The one value of a period or cut-off figure."""
        return self.cells[-1]

    @property
    def improved(self) -> bool:
        """The last value is better than the first, as the indicator reads better."""
        if len(self.cells) < 2:
            return False
        change = self.last.value - self.first.value
        return change > 0 if self.indicator.higher_is_better else change < 0

    @property
    def nonzero(self) -> list[Cell]:
        return [cell for cell in self.cells if cell.value]

    def since(self) -> Cell | None:
        """The cell from which the value has held unchanged to the last year."""
        if not self.cells:
            return None
        start = self.cells[-1]
        for cell in reversed(self.cells[:-1]):
            if cell.shown != start.shown:
                break
            start = cell
        return start

    def __iter__(self) -> Iterator[Cell]:
        return iter(self.cells)
