"""The command line: exit codes, JSON Lines, and `--json` equal to the Python API."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dudao.cli.main import app
from dudao.compute import compute_indicators
from dudao.ingest import read_dataset
from tests.compute.test_enrolment import ORG_UNITS, POPULATION, SCHOOLS, STAGE_ROWS
from tests.tables import arrow_tables, write_csv_folder

runner = CliRunner()


def _small_city(folder: Path) -> Path:
    return write_csv_folder(
        arrow_tables(
            {
                "org_units": ORG_UNITS,
                "schools": [{**s, "name": "学校", "ownership": "public"} for s in SCHOOLS],
                "school_stage_year": [
                    {"school_code": c, "stage": s, "year": 2008, **counts}
                    for c, s, counts in STAGE_ROWS
                ],
                "population_year": [{**row, "year": 2008} for row in POPULATION],
            }
        ),
        folder,
    )


@pytest.fixture
def small_city(tmp_path: Path) -> Path:
    return _small_city(tmp_path / "returns")


def _lines(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_check_of_a_clean_dataset_exits_0(small_city: Path) -> None:
    result = runner.invoke(app, ["check", str(small_city), "--json"])
    assert result.exit_code == 0, result.output
    assert all(finding["severity"] == "warning" for finding in _lines(result.stdout))


def test_check_reports_findings_as_json_lines_and_exits_1(small_city: Path) -> None:
    path = small_city / "schools.csv"
    path.write_text(path.read_text(encoding="utf-8").replace('"111"', '"999"'), encoding="utf-8")
    result = runner.invoke(app, ["check", str(small_city), "--json"])
    assert result.exit_code == 1
    (finding,) = [f for f in _lines(result.stdout) if f["code"] == "unknown_code"]
    assert finding["file"].endswith("schools.csv")  # type: ignore[union-attr]
    assert (finding["sheet"], finding["column"], finding["value"]) == (None, "school_type", "999")
    assert finding["row"] == 3  # header is row 1; the kindergarten is the second school
    assert finding["message_zh"] and finding["message_en"]


def test_check_prints_a_readable_table(small_city: Path) -> None:
    (small_city / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(small_city)])
    assert result.exit_code == 0
    assert "unknown_table" in result.stdout


def test_compute_json_equals_the_python_api(small_city: Path) -> None:
    result = runner.invoke(app, ["compute", str(small_city), "--json"])
    assert result.exit_code == 0, result.output
    expected = [r.to_json() for r in compute_indicators(read_dataset(small_city).tables)]
    assert _lines(result.stdout) == json.loads(json.dumps(expected))
    assert any(line["indicator"] == "ner_primary" for line in _lines(result.stdout))


def test_compute_refuses_a_dataset_with_errors(small_city: Path) -> None:
    path = small_city / "population_year.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("900", "nine"), encoding="utf-8")
    result = runner.invoke(app, ["compute", str(small_city), "--json"])
    assert result.exit_code == 1
    assert result.stdout == ""


def test_import_then_compute_from_the_store(small_city: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    imported = runner.invoke(app, ["import", str(small_city), "--store", url])
    assert imported.exit_code == 0, imported.output
    latest = runner.invoke(app, ["compute", "--store", url, "--data", "latest", "--json"])
    approved = runner.invoke(app, ["compute", "--store", url, "--json"])
    assert _lines(latest.stdout) == _lines(
        runner.invoke(app, ["compute", str(small_city), "--json"]).stdout
    )
    assert approved.exit_code == 0 and _lines(approved.stdout) == []  # nothing approved yet


def test_import_refusal_is_bilingual_not_a_traceback(small_city: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    assert runner.invoke(app, ["import", str(small_city), "--store", url]).exit_code == 0
    for register in ("org_units.csv", "schools.csv"):
        (small_city / register).unlink()  # now nothing says who submits
    result = runner.invoke(app, ["import", str(small_city), "--store", url])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "✗" in result.output and "org" in result.output
    assert "Traceback" not in result.output


def test_audit_verify_and_list(small_city: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    runner.invoke(app, ["import", str(small_city), "--store", url])
    verified = runner.invoke(app, ["audit", "verify", "--store", url])
    assert verified.exit_code == 0 and "2 events" in verified.stdout  # check, import
    listed = runner.invoke(app, ["audit", "list", "--store", url])
    assert listed.exit_code == 0 and "import" in listed.stdout


def test_audit_verify_names_the_broken_event(small_city: Path, tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    url = f"sqlite:///{path}"
    runner.invoke(app, ["import", str(small_city), "--store", url])
    from django.db import connection

    with connection.cursor() as cursor:  # someone with the file in hand
        cursor.execute("DROP TRIGGER store_auditevent_no_update")
        cursor.execute("UPDATE store_auditevent SET actor = 'nobody'")
    result = runner.invoke(app, ["audit", "verify", "--store", url])
    assert result.exit_code == 1
    assert "event 1" in result.output


def test_demo_reproduces_every_seed_figure(tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", "--out", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    assert result.output.count("✓") == 52 and "✗" not in result.output
    assert (tmp_path / "demo" / "indicators.jsonl").stat().st_size > 0
    assert (tmp_path / "demo" / "returns" / "schools.csv").exists()


def test_demo_never_wipes_a_folder_it_did_not_make(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("keep me", encoding="utf-8")
    result = runner.invoke(app, ["demo", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert (tmp_path / "mine.txt").read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("mysql://root@db/dudao", "unsupported store URL"),
        ("postgresql://db/dudao?server_side_binding=yes", "server_side_binding='yes' must be true or false"),
        ("sqlite:///", "needs a file path"),
    ],
)  # fmt: skip
def test_a_store_url_the_store_cannot_use_is_refused_in_both_languages(url: str, said: str) -> None:
    """A usage error (exit 2) naming the URL, in Chinese and English: not a traceback."""
    result = runner.invoke(app, ["versions", "--store", url])
    assert result.exit_code == 2, result.output
    flat = re.sub(r"[\s│╭╮╰╯─]", "", result.output)  # the message box wraps its lines
    assert re.sub(r"\s", "", said) in flat and "数据库地址" in flat
