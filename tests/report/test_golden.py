"""Golden files pin the structure of the demo's docx and HTML (set DUDAO_REGENERATE_GOLDEN=1
to rewrite them after an intended change, then read the diff)."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import docx

from dudao.report.writers.typeset import WORD_JOINER

from .conftest import DEMO_FILE_STEM

GOLDEN = Path(__file__).with_name("golden")
HEADER = "# Golden file of tests/report/test_golden.py; DUDAO_REGENERATE_GOLDEN=1 rewrites it.\n"
DIGITS = re.compile(r"\d+(\.\d+)?")


def docx_structure(path: Path) -> str:
    """Each paragraph's style, headings with their text, tables with their header row."""
    document = docx.Document(str(path))
    lines = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.split("}")[1]
        if tag == "p":
            paragraph = docx.text.paragraph.Paragraph(child, document)
            style = paragraph.style.style_id if paragraph.style is not None else "-"
            text = (
                paragraph.text
                if style.startswith(("DudaoHeading", "DudaoTitle", "DudaoCaption"))
                else ""
            )
            # the word joiner keeping a span of years on one line is invisible: left out
            lines.append(f"p {style} {text.replace(WORD_JOINER, '')}".rstrip())
        elif tag == "tbl":
            table = docx.table.Table(child, document)
            header = " | ".join(cell.text for cell in table.rows[0].cells)
            lines.append(f"table {len(table.rows)}x{len(table.columns)} {header}")
    return "\n".join(lines) + "\n"


class _Skeleton(HTMLParser):
    KEEP: ClassVar = {
        "h1",
        "h2",
        "h3",
        "h4",
        "p",
        "table",
        "figure",
        "figcaption",
        "svg",
        "section",
        "th",
    }

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []
        self.current: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.KEEP:
            ident = dict(attrs).get("id") or ""
            self.lines.append(f"{tag} {ident}".rstrip())
            self.current = tag

    def handle_data(self, data: str) -> None:
        if self.current in ("h1", "h2", "h3", "h4", "figcaption", "th") and data.strip():
            self.lines[-1] += " " + DIGITS.sub("#", data.strip().replace(WORD_JOINER, ""))
            self.current = None


def html_structure(path: Path) -> str:
    parser = _Skeleton()
    parser.feed(path.read_text(encoding="utf-8"))
    trace_rows = parser.lines.count("section trace")
    lines = [line for line in parser.lines if not line.startswith("th ") or trace_rows]
    return "\n".join(lines) + "\n"


def check(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("DUDAO_REGENERATE_GOLDEN") or not path.exists():
        path.write_text(HEADER + actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8").removeprefix(HEADER)
    assert actual == expected, f"{name} changed; DUDAO_REGENERATE_GOLDEN=1 to accept"


def test_docx_structure(demo_output: Path) -> None:
    check("duty.zh-Hans.docx.txt", docx_structure(demo_output / f"{DEMO_FILE_STEM}.zh-Hans.docx"))


def test_html_structure(demo_output: Path) -> None:
    for language in ("zh-Hans", "en"):
        html = demo_output / f"{DEMO_FILE_STEM}.{language}.html"
        check(f"duty.{language}.html.txt", html_structure(html))


def test_html_is_self_contained(demo_output: Path) -> None:
    html = (demo_output / f"{DEMO_FILE_STEM}.zh-Hans.html").read_text(encoding="utf-8")
    assert "<svg" in html and 'href="#fig-1"' in html and 'id="fig-1"' in html
    assert not re.search(r"(src|href)=\"(https?:)?//", html)  # nothing fetched from elsewhere
    assert not re.search(r"<(script|link)\b", html)
