"""The report as one self-contained HTML file: charts inline as SVG, no external asset,
every figure in the text a link to its row of the traceability appendix."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from dudao.catalogue import Language
from dudao.report.document import (
    Chart,
    Document,
    Heading,
    Note,
    Paragraph,
    Segment,
    Table,
    segments_text,
)
from dudao.report.fonts import BODY, CJK_IN_LATIN, HEADING_1, HEADING_2, TITLE
from dudao.report.writers.typeset import figure_column, table_widths, unbroken, whole_names

TEMPLATES = Path(__file__).parent.parent / "templates" / "html"
SVG_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.DOTALL)  # the XML declaration and DOCTYPE


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def segments_html(segments: tuple[Segment, ...], language: Language) -> Markup:
    parts = []
    for segment in segments:
        if isinstance(segment, str):
            parts.append(str(escape(whole_names(unbroken(segment), language))))
        else:
            shown = escape(unbroken(segment.shown))
            parts.append(f'<a class="fig" href="#fig-{segment.number}">{shown}</a>')
    return Markup("".join(parts))


def _block(block: object, anchor: str, language: Language) -> dict[str, Any]:
    if isinstance(block, Heading):
        return {
            "kind": "heading",
            "level": block.level,
            "id": anchor,
            "html": unbroken(block.number + block.text),
        }
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "html": segments_html(block.segments, language)}
    if isinstance(block, Table):
        rows = [[segments_html(cell, language) for cell in row] for row in block.rows]
        texts = [[segments_text(cell) for cell in row] for row in block.rows]
        widths = table_widths(block.header, texts)
        return {
            "kind": "table",
            "id": block.id,
            "caption": block.caption,
            "header": block.header,
            "rows": rows,
            "figures": [figure_column(column) for column in zip(*texts, strict=True)],
            "widths": [f"{100 * width / sum(widths):.1f}%" for width in widths],
        }
    if isinstance(block, Note):
        return {"kind": "note", "text": whole_names(block.text, language)}
    assert isinstance(block, Chart)
    svg = Markup(SVG_PROLOGUE.sub("", block.svg, count=1))  # matplotlib's own SVG
    return {"kind": "chart", "id": block.id, "caption": block.caption, "svg": svg}


def render_html(document: Document) -> str:
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            doc=document,
            title=whole_names(unbroken(document.title), document.language),
            lang=document.language,
            blocks=[
                _block(block, anchor, document.language)
                for block, anchor in zip(document.blocks, _anchors(document.blocks), strict=True)
            ],
            body_font=BODY.official,
            cjk_in_latin_font=CJK_IN_LATIN.official,
            title_font=TITLE.official,
            h1_font=HEADING_1.official,
            h2_font=HEADING_2.official,
        )
    )


def _anchors(blocks: Iterable[object]) -> Iterator[str]:
    """Each heading's id by its place in the outline, "s2.1" for the first subsection of
    the second section, so that a link to it outlives a table or note added above it
    (ids were block positions); other blocks get ""."""
    counts: list[int] = []
    for block in blocks:
        if not isinstance(block, Heading):
            yield ""
            continue
        counts = counts[: block.level] + [0] * (block.level - len(counts))
        counts[block.level - 1] += 1
        yield "s" + ".".join(map(str, counts))


def write_html(document: Document, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(document), encoding="utf-8")
    return path
