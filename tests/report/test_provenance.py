"""Each figure of the appendix names the store versions it read: its unit's and those
above and below it, of the years it reads, holding the tables it reads."""

from __future__ import annotations

import re
from pathlib import Path

from dudao.catalogue import default_catalogue
from dudao.compute import IndicatorResult
from dudao.compute.sources import DataSource
from dudao.report.provenance import Provenance, versions_text
from dudao.report.results import OrgUnits

from .conftest import DEMO_FILE_STEM

ORGS = OrgUnits(
    names={"44": "省", "4401": "市", "440101": "区甲", "4402": "另一市"},
    levels={"44": "province", "4401": "city", "440101": "county", "4402": "city"},
    parents={"44": None, "4401": "44", "440101": "4401", "4402": "44"},
)


def _version(id_: int, org: str, year: int | None, tables: tuple[str, ...] = ()) -> DataSource:
    return DataSource("version", f"version {id_}", tables, org, year, details={"version_id": id_})


def test_related_units_are_the_unit_those_above_and_below() -> None:
    assert ORGS.related("4401") == ["4401", "44", "440101"]
    assert ORGS.related("440101") == ["440101", "4401", "44"]


def test_a_figure_names_the_versions_of_its_units_and_years() -> None:
    sources = (
        _version(1, "4401", 2008),
        _version(2, "4401", 2009),
        _version(3, "440101", 2009),
        _version(4, "4402", 2009),  # another city: never read by 4401's figures
        _version(5, "44", None),  # a register (no year): read by every year
        _version(6, "4401", 2009, ("no_such_table",)),  # a table the figure does not read
    )
    provenance = Provenance("whole", sources)
    catalogue = default_catalogue()
    ratio = IndicatorResult("ger_preschool", "4401", 2009, 1.0, 1.0, 1.0, None)
    assert provenance.of(ratio, catalogue, ORGS.related("4401")) == "已审核版本 #2–#3, #5"
    english = provenance.of(ratio, catalogue, ORGS.related("4401"), "en")
    assert english == "approved versions #2–#3, #5"
    growth = next(i for i in catalogue.indicators.values() if i.kind == "growth")
    grown = IndicatorResult(growth.id, "4401", 2009, 1.0, 1.0, 1.0, None)
    assert provenance.of(grown, catalogue, ORGS.related("4401")) == "已审核版本 #1–#3, #5"
    over = IndicatorResult("ger_preschool", "4401", None, 1.0, 1.0, 1.0, None, period=(2009, 2009))
    assert "#1–#3" in provenance.of(over, catalogue, ORGS.related("4401"))  # a-1 … b


def test_a_dataset_file_is_every_figures_source() -> None:
    provenance = Provenance("returns SHA-256 0123456789ab")
    result = IndicatorResult("ger_preschool", "4401", 2009, 1.0, 1.0, 1.0, None)
    assert provenance.of(result, default_catalogue(), ["4401"]) == provenance.label
    assert versions_text([]) == "—"


def test_the_demo_appendix_names_each_figures_versions(demo_output: Path) -> None:
    html = (demo_output / f"{DEMO_FILE_STEM}.zh-Hans.html").read_text(encoding="utf-8")
    cells = re.findall(r'<tr id="fig-\d+">(?:<td>.*?</td>){8}<td>(.*?)</td></tr>', html)
    assert len(cells) > 100
    assert all(cell.startswith("已审核版本 #") for cell in cells), set(cells)
    assert len(set(cells)) > 3  # figures of different years read different versions


def test_the_english_appendix_names_versions_in_english(demo_output: Path) -> None:
    html = (demo_output / f"{DEMO_FILE_STEM}.en.html").read_text(encoding="utf-8")
    cells = re.findall(r'<tr id="fig-\d+">(?:<td>.*?</td>){8}<td>(.*?)</td></tr>', html)
    assert cells and all(cell.startswith("approved versions #") for cell in cells), set(cells)
