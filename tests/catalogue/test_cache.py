"""The catalogue cache: same files give the same catalogue back; any change builds afresh."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dudao.catalogue import load_catalogue
from dudao.catalogue.cache import cached, fingerprint
from dudao.catalogue.loader import DATA_DIR


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("DUDAO_CACHE_DIR", str(folder))
    return folder


def test_a_cached_catalogue_equals_one_built_from_yaml(cache: Path) -> None:
    built = cached("catalogue", DATA_DIR, load_catalogue)
    calls: list[int] = []

    def build_again() -> object:
        calls.append(1)
        return load_catalogue()

    assert cached("catalogue", DATA_DIR, build_again) == built
    assert calls == []  # read back, not built
    assert len(list(cache.glob("catalogue-*.pickle"))) == 1


def test_an_edited_file_changes_the_fingerprint(tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    before = fingerprint(copy)
    path = copy / "indicators.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert fingerprint(copy) != before


def test_the_same_files_elsewhere_are_another_catalogue(tmp_path: Path) -> None:
    """Declarations remember their file's path: a copy must not answer with the original's."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    assert fingerprint(copy) != fingerprint(DATA_DIR)


def test_a_damaged_cache_file_is_built_again(cache: Path) -> None:
    cached("catalogue", DATA_DIR, load_catalogue)
    (damaged,) = cache.glob("catalogue-*.pickle")
    damaged.write_bytes(b"not a pickle")
    assert cached("catalogue", DATA_DIR, lambda: "built") == "built"
    assert cached("catalogue", DATA_DIR, lambda: "not called") == "built"  # rewritten whole


def test_an_empty_setting_turns_the_cache_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DUDAO_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cached("catalogue", DATA_DIR, lambda: 1) == 1
    assert cached("catalogue", DATA_DIR, lambda: 2) == 2
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_folder_still_gives_the_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("DUDAO_CACHE_DIR", str(blocker / "cache"))  # under a file: cannot be made
    assert cached("catalogue", DATA_DIR, lambda: "built") == "built"
