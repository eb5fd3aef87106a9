"""`dudao mark`: self marks from the unit itself, review marks from a unit above it."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from dudao import store
from dudao.cli.main import app
from tests.store.datasets import city_rows, dataset

runner = CliRunner()
BASE = ["mark", "--framework", "balance2017", "--unit", "440103", "--period", "2008:2008"]


def _store(tmp_path: Path) -> str:
    """A store whose org_units register places 440103 under 440100."""
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    store.setup(url)
    store.import_dataset(dataset(city_rows()), org_code="440100")
    return url


def _mark(url: str, side: str, org: str, *given: str) -> object:
    args = [*BASE, "--side", side, "--org", org, "--user", "王老师", "--store", url, *given]
    return runner.invoke(app, args)


def test_self_and_review_marks_are_stored_as_versions(tmp_path: Path) -> None:
    url = _store(tmp_path)
    own = _mark(
        url, "self", "440103", "--met", "no_key_schools=yes", "--note", "no_key_schools=见附件"
    )
    above = _mark(url, "review", "440100", "--points", "no_key_schools=2")
    again = _mark(url, "review", "440100", "--points", "no_key_schools=3")

    assert own.exit_code == 0 and "self v1" in own.output, own.output  # type: ignore[attr-defined]
    assert above.exit_code == 0 and "review v1" in above.output  # type: ignore[attr-defined]
    assert again.exit_code == 0 and "review v2" in again.output  # type: ignore[attr-defined]
    from dudao.store.assessments import people_marks

    self_marks, review_marks = people_marks("balance2017", ["440103"], (2008, 2008))
    assert "no_key_schools" in self_marks["440103"]
    assert review_marks["440103"]["no_key_schools"] == 3


def test_marks_from_a_unit_without_authority_are_refused_in_both_languages(
    tmp_path: Path,
) -> None:
    url = _store(tmp_path)
    cases = [
        ("self", "440100", "自评只能由", "self marks"),  # the city giving a district's self marks
        ("review", "440104", "他评须由", "come from a unit above"),  # a sibling district
        ("review", "440103", "他评须由", "come from a unit above"),  # the unit itself
    ]
    for side, org, zh, en in cases:
        result = _mark(url, side, org, "--points", "no_key_schools=1")
        assert result.exit_code == 1, (side, org, result.output)  # type: ignore[attr-defined]
        assert zh in result.output and en in result.output  # type: ignore[attr-defined]


def test_malformed_marks_are_refused_before_anything_is_stored(tmp_path: Path) -> None:
    url = _store(tmp_path)
    for given in (["--met", "no_key_schools=maybe"], ["--points", "no_key_schools=x"], []):
        result = _mark(url, "self", "440103", *given)
        assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
