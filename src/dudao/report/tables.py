"""Tables of key indicators: one column per report year and a year-on-year change column."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from dudao.catalogue import Language, Measure, format_half_up
from dudao.catalogue.reports import TableSpec
from dudao.report.document import Segment, Table
from dudao.report.figures import Marks, Series
from dudao.report.numbers import points

if TYPE_CHECKING:
    from dudao.report.narrative import Setting

HEADERS = {
    "zh-Hans": ("指标", "比上年增减"),
    "zh-Hant": ("指標", "比上年增減"),
    "en": ("Indicator", "Change on previous year"),
}
AREA = {"zh-Hans": "地区", "zh-Hant": "地區", "en": "Area"}  # a table's rows are its units
SCOPES = {
    "zh-Hans": {"consolidated": "（全域）", "own_level": "（本级）"},
    "zh-Hant": {"consolidated": "（全域）", "own_level": "（本級）"},
    "en": {"consolidated": " (whole area)", "own_level": " (own level)"},
}


def figure_table(
    spec: TableSpec, figures: dict[str, Series | list[Series]], setting: Setting, marks: Marks
) -> Table:
    language = setting.language
    first, change = HEADERS[language]
    years = setting.years
    year_heads = tuple(f"{year}年" if language != "en" else str(year) for year in years)
    rows: list[tuple[tuple[Segment, ...], ...]] = []
    for name in spec.figures:
        found = figures[name]
        for series in found if isinstance(found, list) else [found]:
            if not series.ok:
                continue
            label = series.unit_name if isinstance(found, list) else scoped_label(series, language)
            cells: list[tuple[Segment, ...]] = [(label,)]
            for year in years:
                cell = series.at(year)
                cells.append((marks.resolve(_number(str(cell))),) if cell else ("—",))
            cells.append((year_on_year(series, years, language),))
            rows.append(tuple(cells))
    caption = spec.caption.text(language)
    if all(isinstance(figures[name], list) for name in spec.figures):
        first = AREA[language]
    return Table(spec.id, caption, (first, *year_heads, change), tuple(rows))


def scoped_label(series: Series, language: Language) -> str:
    """The figure's label with the area it covers: 全域 (whole area) or 本级 (own level)."""
    scope = series.cells[0].result.scope if series.cells else None
    return series.label + SCOPES[language].get(scope or "", "")


def _number(mark: str) -> int:
    return int(mark[1:-1])


def year_on_year(series: Series, years: list[int], language: Language) -> str:
    """The last year against the one before: percentage points for shares (from the values
    as printed, so that a reader's subtraction agrees), per cent otherwise; no change is 0."""
    last, before = series.at(years[-1]), series.at(years[-2]) if len(years) > 1 else None
    if last is None or before is None:
        return "—"
    measure, decimals = series.indicator.measure, series.indicator.decimals
    if measure in (Measure.PERCENT, Measure.RATIO_TO_ONE, Measure.SPLIT_OF_TEN):
        change = _printed(last.value, decimals) - _printed(before.value, decimals)
        shown = points(float(abs(change)), language) if measure is Measure.PERCENT else abs(change)
        return f"{_sign(change)}{shown}" if change else "0"
    if not before.value:
        return "—"
    growth = (last.value - before.value) / before.value * 100
    percent = format_half_up(abs(growth), 1)
    return f"{_sign(growth)}{percent}%" if Decimal(percent) else "0"


def _printed(value: float, decimals: int) -> Decimal:
    return Decimal(format_half_up(value, decimals))


def _sign(change: float | Decimal) -> str:
    return "+" if change > 0 else "−"
