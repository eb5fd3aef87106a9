"""Formula cells are found in the worksheet's XML however it is cut into chunks."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import xlsxwriter

from dudao.catalogue import default_catalogue
from dudao.ingest import formulas
from dudao.ingest.sheets import Place


def _workbook(path: Path, count: int) -> Path:
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("school_stage_year")
    sheet.write_row(0, 0, ["school_code", "year", "enrolment"])
    for row in range(1, count + 1):
        sheet.write_row(row, 0, [f"44010300{row:02d}", 2008])
        sheet.write_formula(row, 2, f"=10*{row}", None, 10 * row)
    workbook.close()
    return path


@pytest.mark.parametrize("chunk", [7, 64, 1024 * 1024])
def test_every_formula_cell_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(formulas, "CHUNK", chunk)
    path = _workbook(tmp_path / "r.xlsx", 30)
    place = Place(str(path), "school_stage_year", default_catalogue())
    with zipfile.ZipFile(path) as archive:
        found = list(formulas.formula_cells(archive, "xl/worksheets/sheet1.xml", place))
    assert [(f.row, f.column, f.value) for f in found] == [
        (row, "C", f"=10*{row - 1}") for row in range(2, 32)
    ]


def test_findings_stop_at_a_hundred_and_say_how_many_more(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "r.xlsx", 130)
    place = Place(str(path), "school_stage_year", default_catalogue())
    with zipfile.ZipFile(path) as archive:
        found = list(formulas.formula_cells(archive, "xl/worksheets/sheet1.xml", place))
    assert len(found) == 100 and "30 more formula cells" in found[-1].message_en
