"""`dudao --help` and the commands that need no indicator start without the compute engine's
libraries: each command's module is imported only when that command runs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import dudao
from dudao.cli.main import COMMANDS, app

HEAVY = ("pandas", "pyspark", "duckdb", "dudao.compute")
REPORT_HEAVY = """
import json, sys
print(json.dumps(sorted({{m for m in sys.modules for h in {heavy!r}
                          if m == h or m.startswith(h + ".")}})))
"""


def heavy_modules(code: str, also: tuple[str, ...] = ()) -> list[str]:
    """The heavy modules (packages and their submodules) a fresh interpreter holds after `code`."""
    here = str(Path(dudao.__file__).parents[1])  # this checkout's src, not another install's
    ran = subprocess.run(
        [sys.executable, "-c", code + REPORT_HEAVY.format(heavy=HEAVY + also)],
        env={**os.environ, "PYTHONPATH": here},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return list(json.loads(ran.stdout.strip().splitlines()[-1]))


def test_help_imports_no_command_module() -> None:
    code = "from dudao.cli.main import app\ntry:\n    app(['--help'])\nexcept SystemExit:\n    pass"
    assert heavy_modules(code) == []


@pytest.mark.parametrize("module", ["versions", "audit", "history", "workflow"])
def test_store_commands_import_no_heavy_library(module: str) -> None:
    assert heavy_modules(f"import dudao.cli.{module}") == []


@pytest.mark.parametrize("module", ["check", "store_import", "template"])
def test_dataset_commands_import_no_heavy_library(module: str) -> None:
    """DuckDB is loaded only by a rule that asks for SQL, openpyxl only by a workbook read
    or annotated, when that happens."""
    assert heavy_modules(f"import dudao.cli.{module}", ("openpyxl",)) == []


def test_help_lists_every_command_with_its_summary() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert re.search(rf"│ {re.escape(name)} ", result.output), name


@pytest.mark.parametrize("name", list(COMMANDS))
def test_summary_is_the_first_paragraph_of_the_command_help(name: str) -> None:
    help_text = COMMANDS[name].load(name).help or ""
    assert COMMANDS[name].summary == " ".join(help_text.split("\n\n")[0].split())
