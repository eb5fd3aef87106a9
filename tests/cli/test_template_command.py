"""`dudao template`: from the store's approved data to a workbook that `dudao check` passes."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from dudao.cli.main import app
from tests.ingest.district import DISTRICT, YEAR, stored_district

runner = CliRunner()


def test_template_writes_a_workbook_that_check_passes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    stored_district(tmp_path / "returns", url)
    out = tmp_path / "萝岗区2009.xlsx"
    arguments = ["--org", DISTRICT, "--year", str(YEAR), "--out", str(out), "--store", url]
    result = runner.invoke(app, ["template", *arguments, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "440116" in result.stdout
    assert openpyxl.load_workbook(out, read_only=True).sheetnames[:2] == ["Instructions", "schools"]
    checked = runner.invoke(app, ["check", str(out), "--json"])
    assert checked.exit_code == 0, checked.output
    assert '"severity": "error"' not in checked.stdout


def test_template_for_an_unknown_unit_exits_2_and_says_why(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    result = runner.invoke(
        app, ["template", "--org", "440199", "--year", "2009", "--out", str(tmp_path / "t.xlsx"),
              "--store", url],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "440199" in result.output and "not among the approved org units" in result.output
    assert not (tmp_path / "t.xlsx").exists()
