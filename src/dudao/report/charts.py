"""Charts with matplotlib and a CJK font: a figure's trend over the report's years, and
child units compared in the last year. Each chart is kept as PNG (Word) and SVG (HTML)."""

from __future__ import annotations

import io
import warnings
from functools import cache
from typing import TYPE_CHECKING, Any

from dudao.catalogue import Measure
from dudao.catalogue.reports import ChartSpec
from dudao.report.document import Chart
from dudao.report.figures import Series
from dudao.report.fonts import find_font
from dudao.report.tables import scoped_label

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from dudao.report.narrative import Setting

SIZE = (6.2, 3.0)  # inches: the 156 mm text block less margins
COLOURS = ("#1f4e79", "#c55a11", "#548235", "#7f6000")


class MissingGlyphs(RuntimeError):
    """A chart would show a character as an empty box (tofu): scripts/ensure-fonts."""


@cache
def _font_families() -> tuple[str, ...]:
    """CJK sans faces registered with matplotlib, which falls back glyph by glyph along the
    list: FandolHei (Simplified), then Noto Sans CJK for what it lacks (佔 and other
    Traditional characters)."""
    from matplotlib import font_manager

    families = []
    for name in ("FandolHei-Regular.otf", "NotoSansCJK-Regular.ttc"):
        path = find_font(name)
        if path is not None:
            font_manager.fontManager.addfont(str(path))
            families.append(font_manager.FontProperties(fname=str(path)).get_name())
    return (*families, "DejaVu Sans")


def figure_chart(
    spec: ChartSpec, figures: dict[str, Series | list[Series]], setting: Setting
) -> Chart:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    rc: dict[str, Any] = {
        "font.family": list(_font_families()),
        "axes.unicode_minus": False,
        "svg.fonttype": "path",  # text drawn as outlines: the HTML needs no font
        "svg.hashsalt": "dudao",  # stable ids, so the same data gives the same file
    }
    with matplotlib.rc_context(rc), warnings.catch_warnings():  # type: ignore[arg-type]
        warnings.filterwarnings("error", message="Glyph .* missing from font")
        figure = Figure(figsize=SIZE, dpi=200)
        axes = figure.add_subplot()
        if spec.kind == "trend":
            _trend(axes, [figures[name] for name in spec.figures], setting)
        else:
            _comparison(axes, figures[spec.figures[0]], setting)
        axes.spines[["top", "right"]].set_visible(False)
        try:
            figure.tight_layout()
            return Chart(spec.id, spec.caption.text(setting.language), _png(figure), _svg(figure))
        except UserWarning as warning:
            raise MissingGlyphs(f"{spec.id}: {warning}; 请运行 run scripts/ensure-fonts") from None


def _trend(axes: object, found: list[Series | list[Series]], setting: Setting) -> None:
    from matplotlib.axes import Axes

    assert isinstance(axes, Axes)
    for colour, series in zip(COLOURS, found, strict=False):
        if isinstance(series, list) or not series.ok:
            continue
        label = scoped_label(series, setting.language)
        axes.plot(
            series.years, [cell.value for cell in series], marker="o", color=colour, label=label
        )
    axes.set_xticks(setting.years)
    if all(s.indicator.measure is Measure.PERCENT for s in found if isinstance(s, Series)):
        axes.set_ylabel("%", rotation=0)  # the axis's unit: its ticks are bare numbers
    # below the plot: inside it, a long English label ran over the lines
    axes.legend(frameon=False, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.12))


def _comparison(axes: object, found: Series | list[Series], setting: Setting) -> None:
    from matplotlib.axes import Axes

    assert isinstance(axes, Axes)
    units = [series for series in (found if isinstance(found, list) else [found]) if series.ok]
    names = [series.unit_name for series in units]
    values = [series.last.value for series in units]
    axes.bar(names, values, color=COLOURS[0])
    axes.tick_params(axis="x", labelrotation=45, labelsize=7)
    for tick in axes.get_xticklabels():
        tick.set_horizontalalignment("right")
    if units:
        when = units[0].last.when
        title = (
            f"{units[0].label} ({when})"
            if setting.language == "en"
            else f"{units[0].label}（{when}）"
        )
        axes.set_title(title, fontsize=9)


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()
