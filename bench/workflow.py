"""`make bench`, workflow section (issue 3): the store's done-when tests at ten times their
size — SIGKILL during imports, approve/edit interleavings — and what one workflow action costs.

`python -m bench.workflow` runs it alone. PostgreSQL parts need the server the tests use
(127.0.0.1:5432); without it they are skipped, and say so.
"""

from __future__ import annotations

import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from tests.store.interleavings import race
from tests.store.province import (
    HAIZHU,
    LIWAN,
    TIANHE,
    YUEXIU,
    province_with_returns,
    send_population,
)
from tests.store.test_crash import check_all_or_nothing, kill_imports

from dudao import store

SERVER = "postgresql://postgres@127.0.0.1:5432"
KILLS = 500
INTERLEAVING_ROUNDS = 250  # x 4 districts


def run(work: Path) -> None:
    print(_kills(f"sqlite:///{work / 'crash.sqlite3'}", "SQLite"), flush=True)
    print(_interleavings(f"sqlite:///{work / 'race.sqlite3'}", "SQLite", 25), flush=True)
    with _postgres() as url:
        if url is None:
            print("PostgreSQL: no server at 127.0.0.1:5432, its parts skipped", flush=True)
            return
        print(_kills(url, "PostgreSQL"), flush=True)
    with _postgres() as url:
        assert url is not None
        print(_interleavings(url, "PostgreSQL", INTERLEAVING_ROUNDS), flush=True)


def _kills(url: str, name: str) -> str:
    started = time.perf_counter()
    acknowledged = kill_imports(url, seed=11, kills=KILLS)
    check_all_or_nothing(url, acknowledged)
    seconds = time.perf_counter() - started
    return (
        f"kill -9 during imports ({name}): {KILLS} kills, {len(acknowledged)} imports "
        f"acknowledged, every import whole or absent, {seconds:.1f} s"
    )


def _interleavings(url: str, name: str, rounds: int) -> str:
    store.setup(url)
    province_with_returns()
    for unit in (HAIZHU, TIANHE):
        send_population(unit, 1, submit=True)
    started = time.perf_counter()
    problems = race([LIWAN, YUEXIU, HAIZHU, TIANHE], rounds, seed=12)
    seconds = time.perf_counter() - started
    assert problems == [], problems
    count = 4 * rounds
    return (
        f"approve/edit interleavings ({name}): {count}, none approved-and-changed, "
        f"{seconds:.1f} s ({1000 * seconds / count:.0f} ms each, 5 actions and 1 import per round)"
    )


@contextmanager
def _postgres() -> Iterator[str | None]:
    try:
        admin = psycopg.connect(f"{SERVER}/test", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        yield None
        return
    name = f"dudao_bench_{uuid.uuid4().hex[:12]}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"{SERVER}/{name}"
        finally:
            from django.db import connections

            connections.close_all()
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        run(Path(folder))
