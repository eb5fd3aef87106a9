"""The demo's zh-Hans HTML report opened in Debian's Chromium (Playwright): every figure
link lands on its appendix row, every chart is drawn, nothing is fetched from outside
the file, no console error, and the text is set in CJK faces. Screenshots of the first
screen, a table and the appendix are kept in the test's folder for a person to look at."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from dudao.report.fonts import fontconfig_file

from .conftest import DEMO_FILE_STEM

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason="Debian's chromium is absent (scripts/ensure-chromium installs it)",
)

CJK_FAMILIES = ("Fandol", "Noto Serif CJK", "Noto Sans CJK", "AR PL", "cwTeX")


@dataclass
class Opened:
    page: Any  # playwright's Page
    errors: list[str]  # console errors and uncaught exceptions
    requests: list[str]  # every URL the page asked for


@pytest.fixture(scope="module")
def page(opened: Opened) -> Any:
    return opened.page


@pytest.fixture(scope="module")
def opened(demo_output: Path, monkeypatch_module: pytest.MonkeyPatch) -> Iterator[Opened]:
    """The report open in Chromium, its console messages and requests recorded."""
    monkeypatch_module.setenv("FONTCONFIG_FILE", str(fontconfig_file()))
    html = demo_output / f"{DEMO_FILE_STEM}.zh-Hans.html"
    with playwright_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        opened = browser.new_page(viewport={"width": 1000, "height": 1300})
        errors: list[str] = []
        requests: list[str] = []
        opened.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        opened.on("pageerror", lambda e: errors.append(str(e)))
        opened.on("request", lambda r: requests.append(r.url))
        opened.goto(html.as_uri(), wait_until="load")
        opened.evaluate("document.fonts.ready.then(() => true)")
        yield Opened(opened, errors, requests)
        browser.close()


@pytest.fixture(scope="module")
def monkeypatch_module() -> Iterator[pytest.MonkeyPatch]:
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_every_figure_link_lands_on_an_appendix_row(page: Any) -> None:
    links = page.eval_on_selector_all("a.fig", "els => els.map(a => a.getAttribute('href'))")
    assert len(links) > 50
    missing = page.evaluate(
        "hrefs => hrefs.filter(h => !document.getElementById(h.slice(1)) "
        "|| !document.getElementById(h.slice(1)).closest('#trace'))",
        links,
    )
    assert missing == []
    page.click("a.fig >> nth=0")
    assert page.evaluate("location.hash") == links[0]
    landed = page.evaluate(f"document.getElementById('{links[0][1:]}').getBoundingClientRect().top")
    assert -5 < landed < 50  # scrolled to the row


def test_every_chart_is_drawn(page: Any) -> None:
    charts = page.eval_on_selector_all(
        "figure.chart",
        "els => els.map(f => { const s = f.querySelector('svg'); const b = s.getBBox();"
        " return [f.id, s.getBoundingClientRect().width, b.width, s.querySelectorAll('path').length]; })",
    )
    assert charts, "the demo's report has charts"
    for chart_id, width, drawn_width, paths in charts:
        assert width > 100 and drawn_width > 0 and paths > 3, chart_id
    images = page.eval_on_selector_all("img", "els => els.map(i => [i.src, i.naturalWidth])")
    assert all(width > 0 for _, width in images), images


def test_self_contained_and_no_console_error(opened: Opened) -> None:
    assert opened.errors == []
    assert len(opened.requests) == 1 and opened.requests[0].startswith("file:")  # itself


def test_text_is_set_in_cjk_faces(page: Any) -> None:
    """The faces Chromium actually used for the title, body, headings and appendix."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    used: dict[str, set[str]] = {}
    for selector in ("h1.title", "p", "h2", "h3", "table td", "#trace td"):
        node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        assert node, selector
        fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        used[selector] = {font["familyName"] for font in fonts}
    for selector, families in used.items():
        assert any(f.startswith(CJK_FAMILIES) for f in families), (selector, families)


def test_screenshots(page: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The first screen, the first table and the appendix as PNG (kept for looking at);
    nothing on the page is wider than the body."""
    folder = tmp_path_factory.mktemp("html-screens")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(folder / "first-screen.png"))
    page.locator("figure.table").first.screenshot(path=str(folder / "table.png"))
    page.locator("#trace").screenshot(path=str(folder / "appendix.png"), timeout=60_000)
    for name in ("first-screen", "table", "appendix"):
        assert (folder / f"{name}.png").stat().st_size > 10_000, name
    overflow = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert overflow[0] <= overflow[1], overflow
    sticking_out = page.evaluate(
        "[...document.querySelectorAll('h1, h2, h3, p, figure, table, #trace')].filter(e => {"
        " const box = (e.closest('#trace') || document.body).getBoundingClientRect();"
        " const own = e.getBoundingClientRect();"
        " return own.left < box.left - 1 || own.right > box.right + 1; }).map(e => e.outerHTML.slice(0, 80))"
    )
    assert sticking_out == []
