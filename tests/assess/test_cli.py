"""`dudao assess` and `dudao explain-score`: JSON equals the API, the table and the score sheet."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from dudao.assess import get_framework
from dudao.assess.pipeline import assess_tables
from dudao.cli.main import app

from .conftest import SeedCity

runner = CliRunner()


def test_json_lines_equal_the_python_api(seed: SeedCity) -> None:
    args = [
        "assess",
        str(seed.path),
        "--framework",
        "gd_leaders_basic_education",
        "--period",
        "2006:2008",
        "--json",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    framework = get_framework("gd_leaders_basic_education")
    (api,) = assess_tables(seed.tables, framework, years=[2006, 2007, 2008])
    expected = api.to_json()
    assert {k: v for k, v in record.items() if k != "data_version"} == {
        k: v for k, v in expected.items() if k != "data_version"
    }
    assert record["data_version"].startswith(f"file {seed.path} sha256:")
    assert record["period"] == [2006, 2008] and record["years"] == [2006, 2007, 2008]
    assert "opinion_poll" in record["pending"]


def test_table_and_score_sheet_for_one_district(seed: SeedCity, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.xlsx"
    args = [
        "assess",
        str(seed.path),
        "--framework",
        "strong_education_district",
        "--unit",
        "440103",
        "--year",
        "2008",
        "--xlsx",
        str(sheet),
    ]
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "440103" in result.stdout and "名次" in result.stdout
    book = openpyxl.load_workbook(sheet)
    (name,) = book.sheetnames
    rows = list(book[name].iter_rows(values_only=True))
    assert rows[2] == ("一级指标", "二级指标", "评估标准", "分值", "评分办法", "自评", "他评")
    pending = [row for row in rows if row[5] == "待评"]
    assert pending and all(row[6] is None for row in pending)
    total_row = next(row for row in rows if row[2] == "合计")
    assert total_row[3] == 100


def test_explain_score_names_rule_values_and_reason(seed: SeedCity) -> None:
    args = [
        "explain-score",
        "two_rises",
        str(seed.path),
        "--unit",
        "440100",
        "--period",
        "2006:2008",
        "--json",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["rule"] == "compliance" and record["points"] == 10.0
    assert record["rule_params"]["per_failure"] == 5
    assert any(
        i["year"] == 2007 and i["scope"] == "own_level" and i["value"] is False
        for i in record["inputs"]
    )
    text = runner.invoke(app, args[:-1], env={"COLUMNS": "200"})
    assert text.exit_code == 0 and "2007" in text.stdout and "本级" in text.stdout


def test_unknown_framework_item_and_both_year_options_are_refused(seed: SeedCity) -> None:
    wide = {"COLUMNS": "400"}
    bad = runner.invoke(app, ["assess", str(seed.path), "--framework", "nope"], env=wide)
    assert bad.exit_code == 2 and "unknown framework" in bad.output
    item = runner.invoke(
        app, ["explain-score", "nope", str(seed.path), "--unit", "440100"], env=wide
    )
    assert item.exit_code == 2 and "unknown item" in item.output
    both = runner.invoke(
        app, ["assess", str(seed.path), "--year", "2008", "--period", "2006:2008"], env=wide
    )
    assert both.exit_code == 2 and "not both" in both.output


def test_record_then_sheet_shows_self_and_review_marks(seed: SeedCity, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    base = [
        "assess",
        str(seed.path),
        "--framework",
        "gd_leaders_basic_education",
        "--year",
        "2008",
        "--store",
        url,
    ]
    recorded = runner.invoke(app, [*base, "--record", "--json"])
    assert recorded.exit_code == 0, recorded.output
    from django.db import connections  # Django is configured once the store is set up

    from dudao.store.assessments import MarkInput, record_marks, score_sheet

    sheet = score_sheet("gd_leaders_basic_education", "440100", (2008, 2008))
    assert sheet.computed_data_version and sheet.computed_data_version.startswith("file ")
    record_marks(
        "gd_leaders_basic_education",
        "440100",
        (2008, 2008),
        "self",
        {"supervision": MarkInput(points=9, met=True)},
        actor="市教育局",
    )
    record_marks(
        "gd_leaders_basic_education",
        "440100",
        (2008, 2008),
        "review",
        {"supervision": MarkInput(points=6)},
        actor="省督导室",
    )
    out = tmp_path / "sheet.xlsx"
    written = runner.invoke(app, [*base, "--record", "--xlsx", str(out)])
    assert written.exit_code == 0, written.output
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    supervision = next(row for row in rows if row[1] and "教育督导与问责" in row[1])
    assert supervision[5:7] == (9, 6)
    connections["default"].close()


def test_reasons_in_traditional_chinese_where_a_language_is_chosen(
    seed: SeedCity, tmp_path: Path
) -> None:
    """zh-Hant is the zh-Hans reason through OpenCC s2t, as the report writes it."""
    framework = get_framework("gd_leaders_basic_education")
    (api,) = assess_tables(seed.tables, framework, years=[2006, 2007, 2008])
    two_rises = api.item("two_rises")
    hant = two_rises.reason.text("zh-Hant")
    assert "本級" in hant and "本级" not in hant and hant != two_rises.reason.zh
    assert two_rises.reason.text("en") == two_rises.reason.en
    explain = [
        "explain-score", "two_rises", str(seed.path), "--unit", "440100",
        "--period", "2006:2008", "--lang", "zh-Hant",
    ]  # fmt: skip
    shown = runner.invoke(app, explain, env={"COLUMNS": "400"})
    assert shown.exit_code == 0, shown.output
    assert "本級" in shown.stdout and "本级" not in shown.stdout and "reason " not in shown.stdout
    sheet = tmp_path / "sheet.xlsx"
    args = [
        "assess", str(seed.path), "--framework", "gd_leaders_basic_education",
        "--period", "2006:2008", "--lang", "zh-Hant", "--xlsx", str(sheet),
    ]  # fmt: skip
    table = runner.invoke(app, args, env={"COLUMNS": "400"})
    assert table.exit_code == 0, table.output
    assert "本級" in table.stdout and "本级" not in table.stdout
    rows = list(openpyxl.load_workbook(sheet).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows[2] == ("一級指標", "二級指標", "評估標準", "分值", "評分辦法", "自評", "他評")
    cells = "".join(str(cell) for row in rows for cell in row if cell is not None)
    assert "本級" in cells and "本级" not in cells
