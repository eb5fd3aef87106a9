"""Tables of key indicators: one column per report year and a year-on-year change column."""

from __future__ import annotations

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
            label = series.unit_name if isinstance(found, list) else _label(series, setting)
            cells: list[tuple[Segment, ...]] = [(label,)]
            for year in years:
                cell = series.at(year)
                cells.append((marks.resolve(_number(str(cell))),) if cell else ("—",))
            cells.append((year_on_year(series, years, language),))
            rows.append(tuple(cells))
    caption = spec.caption.text(language)
    return Table(spec.id, caption, (first, *year_heads, change), tuple(rows))


def _label(series: Series, setting: Setting) -> str:
    scope = series.cells[0].result.scope if series.cells else None
    return series.label + SCOPES[setting.language].get(scope or "", "")


def _number(mark: str) -> int:
    return int(mark[1:-1])


def year_on_year(series: Series, years: list[int], language: Language) -> str:
    """The last year against the one before: percentage points for shares, per cent otherwise."""
    last, before = series.at(years[-1]), series.at(years[-2]) if len(years) > 1 else None
    if last is None or before is None:
        return "—"
    measure = series.indicator.measure
    change = last.value - before.value
    sign = "+" if change > 0 else ("−" if change < 0 else "")
    if measure is Measure.PERCENT:
        return f"{sign}{points(change, language)}" if change else "0"
    if measure in (Measure.RATIO_TO_ONE, Measure.SPLIT_OF_TEN):
        return f"{sign}{format_half_up(abs(change), series.indicator.decimals)}"
    if not before.value:
        return "—"
    return f"{sign}{format_half_up(abs(change) / before.value * 100, 1)}%"
