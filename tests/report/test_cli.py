"""`dudao report`: file names, options, and the leader's passages kept across runs."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from dudao.cli.main import app

runner = CliRunner()


def test_report_from_a_dataset_names_its_files(demo_output: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    arguments = [
        "report", str(demo_output / "returns"), "--kind", "duty", "--unit", "440100",
        "--period", "2006:2009", "--campaign", "2006:2008", "--as-of", "2009-10-31",
        "--lang", "zh-Hant,en", "--format", "html", "--out", str(out),
    ]  # fmt: skip
    result = runner.invoke(app, arguments)
    assert result.exit_code == 0, result.output
    names = sorted(path.name for path in out.iterdir())
    assert names == [
        "duty_440100_2006-2009.en.html",
        "duty_440100_2006-2009.passages.yaml",
        "duty_440100_2006-2009.zh-Hant.html",
    ]
    passages = out / "duty_440100_2006-2009.passages.yaml"
    edited = passages.read_text(encoding="utf-8").replace("我任职以来", "本人自2007年6月起")
    passages.write_text(edited, encoding="utf-8")
    again = runner.invoke(app, arguments)
    assert again.exit_code == 0, again.output
    assert passages.read_text(encoding="utf-8") == edited
    html = (out / "duty_440100_2006-2009.zh-Hant.html").read_text(encoding="utf-8")
    assert "本人自2007年6月起" in html


def test_bad_options_are_refused_in_both_languages(demo_output: Path, tmp_path: Path) -> None:
    base = ["report", str(demo_output / "returns"), "--unit", "440100", "--out", str(tmp_path)]
    result = runner.invoke(app, [*base, "--period", "2009:2006"])
    assert result.exit_code == 2 and "is after" in result.output
    result = runner.invoke(app, [*base, "--period", "2006:2009", "--format", "odt"])
    assert result.exit_code == 2 and "未知格式" in result.output
    result = runner.invoke(app, [*base, "--period", "2006:2009", "--kind", "self"])
    assert result.exit_code == 2 and "自评报告" in result.output  # a city is not a district
