"""The shipped catalogue, kept between processes: parsing its YAML with line numbers takes
most of a second, paid again by every command (measured: 0.87 s to build, 0.02 s to read back).

The cache file is named by a SHA-256 over the catalogue's files and the code that builds it,
so any change to either builds it afresh. It is only an accelerator: a missing, unreadable or
foreign file is ignored and the catalogue is built from its YAML as before.
DUDAO_CACHE_DIR chooses the folder (default ~/.cache/dudao); an empty value turns it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pydantic

from dudao import __version__

T = TypeVar("T")
CODE_DIR = Path(__file__).parent


def cache_dir() -> Path | None:
    configured = os.environ.get("DUDAO_CACHE_DIR")
    if configured is not None:
        return Path(configured).expanduser() if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or "~/.cache"
    return Path(base).expanduser() / "dudao"


def fingerprint(data_dir: Path) -> str:
    """SHA-256 of every YAML under `data_dir`, every module of this package, the versions, and
    where the files are (a catalogue remembers each declaration's file path, for its errors)."""
    where = data_dir.resolve()
    digest = hashlib.sha256(f"{where} {__version__} {sys.version} {pydantic.VERSION}".encode())
    files = sorted(data_dir.rglob("*.yaml")) + sorted(CODE_DIR.glob("*.py"))
    for path in files:
        digest.update(str(path.relative_to(path.parents[1])).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cached(name: str, data_dir: Path, build: Callable[[], T]) -> T:
    """`build()`, or the object an earlier process built from the same files."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{fingerprint(data_dir)}.pickle"
    try:
        with path.open("rb") as file:
            return pickle.load(file)  # type: ignore[no-any-return]
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    value = build()
    _write(path, value)
    return value


def _write(path: Path, value: object) -> None:
    """Written whole or not at all (rename), readable by its owner only."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    except OSError:
        return  # a read-only home still computes; the cache only saves time
    try:
        with os.fdopen(handle, "wb") as file:
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
