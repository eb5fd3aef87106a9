"""`dudao check PATH --annotate OUT`: the report as before, and the annotated copy written."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from dudao.cli.main import app
from tests.ingest.builders import write_folder
from tests.ingest.test_annotate import ORG_UNITS, SCHOOLS

runner = CliRunner()


def test_check_annotate_writes_the_copy_and_keeps_the_exit_code(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "city", {"org_units": ORG_UNITS, "schools": SCHOOLS})
    out = tmp_path / "checked.xlsx"
    result = runner.invoke(app, ["check", str(folder), "--json", "--annotate", str(out)])
    assert result.exit_code == 1
    assert '"code": "unknown_code"' in result.stdout  # stdout stays JSON Lines
    cell = openpyxl.load_workbook(out)["schools"]["D3"]
    assert cell.value == "999" and "999" in cell.comment.text


def test_check_annotate_refuses_to_overwrite_the_file_checked(tmp_path: Path) -> None:
    source = tmp_path / "city.csv"
    source.write_text("code,name\n440100,广州市\n", encoding="utf-8")
    before = source.read_bytes()
    result = runner.invoke(app, ["check", str(source), "--annotate", str(source)])
    assert result.exit_code == 2
    assert "must not overwrite" in result.output
    assert source.read_bytes() == before
