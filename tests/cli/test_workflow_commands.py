"""The workflow commands: import stores drafts, submit sends them up, the level above acts;
refusals are bilingual with exit code 1; `versions --json` equals the Python API."""

from __future__ import annotations

import getpass
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dudao.cli.main import app
from tests.store.province import REGISTER
from tests.tables import arrow_tables, write_csv_folder

runner = CliRunner()
CITY, LIWAN = "440100", "440103"


@pytest.fixture
def url(tmp_path: Path) -> str:
    """A store holding the province's register, sent up and approved by the province."""
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    register = write_csv_folder(arrow_tables({"org_units": REGISTER}), tmp_path / "register")
    _ok("submit", str(register), "--org", "440000", "--user", "省统计", "--store", url)
    _ok("approve", "440000", "--org", "440000", "--user", "省统计", "--store", url)
    return url


@pytest.fixture
def liwan(tmp_path: Path) -> Path:
    rows = {"population_year": [{"org_code": LIWAN, "year": 2009, "age_6_11": 1200}]}
    return write_csv_folder(arrow_tables(rows), tmp_path / "liwan")


def _run(*arguments: str) -> tuple[int, str]:
    result = runner.invoke(app, list(arguments))
    return result.exit_code, result.output


def _ok(*arguments: str) -> str:
    code, output = _run(*arguments)
    assert code == 0, output
    return output


def _versions(url: str) -> list[dict[str, object]]:
    output = runner.invoke(app, ["versions", "--unit", LIWAN, "--json", "--store", url]).stdout
    return [json.loads(line) for line in output.splitlines()]


def test_import_then_submit_then_approve(url: str, liwan: Path) -> None:
    _ok("import", str(liwan), "--org", LIWAN, "--user", "荔湾统计员", "--store", url)
    assert [v["status"] for v in _versions(url)] == ["draft"]
    submitted = _ok("submit", "--org", LIWAN, "--user", "荔湾统计员", "--json", "--store", url)
    assert json.loads(submitted) == {
        "org_code": LIWAN, "year": 2009, "before": "draft", "after": "submitted",
        "number": 1, "changed": True,
    }  # fmt: skip
    _ok("approve", LIWAN, "--org", CITY, "--user", "市审核员", "--year", "2009", "--store", url)
    (version,) = _versions(url)
    assert (version["status"], version["approved_by"]) == ("approved", "市审核员")
    from dudao import store
    from dudao.store.models import AuditEvent

    store.setup(url)
    roles = set(AuditEvent.objects.filter(object_type="return").values_list("role", flat=True))
    assert {f"reviewer@{CITY}", f"submitter@{LIWAN}"} <= roles
    assert _ok("audit", "list", "--store", url)


def test_send_back_with_a_comment_then_a_new_version(url: str, liwan: Path) -> None:
    _ok("submit", str(liwan), "--org", LIWAN, "--user", "区", "--store", url)
    sent = ("send-back", LIWAN, "--org", CITY, "--user", "市", "--comment", "人口偏低")
    _ok(*sent, "--store", url)
    path = liwan / "population_year.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("1200", "1300"), encoding="utf-8")
    _ok("submit", str(liwan), "--org", LIWAN, "--user", "区", "--store", url)
    statuses = [(v["number"], v["status"], v["comment"]) for v in _versions(url)]
    assert statuses == [(1, "submitted", ""), (2, "submitted", "")]
    listed = _ok("versions", "--unit", LIWAN, "--store", url)
    assert "submitted" in listed and LIWAN in listed


def test_refusals_are_bilingual_with_exit_1(url: str, liwan: Path) -> None:
    _ok("submit", str(liwan), "--org", LIWAN, "--user", "区", "--store", url)
    code, output = _run("approve", LIWAN, "--org", "440000", "--user", "省", "--store", url)
    assert code == 1
    assert "440000 无权审核通过" in output and "that is for 440100" in output
    code, output = _run("import", str(liwan), "--org", LIWAN, "--store", url)
    assert code == 0  # the same bytes again: nothing new, nothing refused
    (liwan / "population_year.csv").write_text(
        "org_code,year,age_6_11\n440103,2009,1\n", encoding="utf-8"
    )
    code, output = _run("import", str(liwan), "--org", LIWAN, "--store", url)
    assert code == 1 and "已上报或已审核" in output and "sent back or un-approved" in output
    code, output = _run("send-back", LIWAN, "--org", CITY, "--user", "市", "--store", url)
    assert code == 2  # --comment is required
    code, output = _run("verify", LIWAN, "--org", "440000", "--user", "省", "--store", url)
    assert code == 1 and "has no return to verify" in output
    code, output = _run("approve", LIWAN, "--org", CITY, "--user", "市", "--year", "20x9")
    assert code == 2 and "registers" in output


def test_versions_json_equals_the_python_api(url: str, liwan: Path) -> None:
    from dudao import store

    _ok("submit", str(liwan), "--org", LIWAN, "--user", "区", "--store", url)
    printed = [json.loads(line) for line in _ok("versions", "--json", "--store", url).splitlines()]
    store.setup(url)
    assert printed == [json.loads(json.dumps(v.to_json())) for v in store.versions()]
    assert {v["status"] for v in printed} == {"approved", "submitted"}


def test_history_shows_the_send_back_and_its_comment(url: str, liwan: Path) -> None:
    _ok("submit", str(liwan), "--org", LIWAN, "--user", "荔湾统计员", "--store", url)
    _ok("send-back", LIWAN, "--org", CITY, "--user", "市审核员", "--comment", "请核对", "--store", url)  # fmt: skip
    shown = _ok("history", LIWAN, "--year", "2009", "--store", url)
    assert all(word in shown for word in ("退回", "已退回", "请核对", "市审核员"))
    lines = _ok("history", LIWAN, "--year", "2009", "--json", "--store", url).splitlines()
    assert [json.loads(line)["action"] for line in lines] == ["store", "submit", "send_back"]
    code, output = _run("history", "440199", "--year", "2009", "--store", url)
    assert code == 1 and "没有已存储的报表" in output and "nothing is stored" in output


def test_data_taken_out_of_the_store_is_an_audited_export(
    url: str, tmp_path: Path, liwan: Path
) -> None:
    from dudao import store
    from dudao.store.models import AuditEvent

    _ok("check", str(liwan), "--store", url, "--user", "荔湾统计员")
    _ok("compute", "--store", url, "--user", "市统计科", "--json")
    _ok("template", "--org", LIWAN, "--year", "2010", "--out", str(tmp_path / "t.xlsx"), "--store", url)  # fmt: skip
    store.setup(url)
    check = AuditEvent.objects.filter(action="check").order_by("id").last()
    assert check is not None and (check.actor, check.result) == ("荔湾统计员", "ok")
    exports = AuditEvent.objects.filter(action="export").order_by("id")
    assert [(e.after["purpose"], e.actor) for e in exports] == [
        ("compute", "市统计科"),
        ("template", getpass.getuser()),  # no --user: the login name
    ]
