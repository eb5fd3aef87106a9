"""Each store test gets its own SQLite file; Django is configured once per process.

Test modules import dudao.store's models inside tests: they need Django configured, which
happens in the `store_url` fixture.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest


@pytest.fixture
def store_url(tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated SQLite store for this test only."""
    from dudao import store

    url = f"sqlite:///{tmp_path / 'store' / 'store.sqlite3'}"
    store.setup(url)
    yield url
    from django.db import connections

    connections["default"].close()


SERVER = "postgresql://postgres@127.0.0.1:5432"


@pytest.fixture
def postgres_url(store_url: str) -> Iterator[str]:
    """A database of its own on the PostgreSQL server, dropped after the test."""
    from django.db import connections

    from dudao import store

    name = f"dudao_test_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(f"{SERVER}/test", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        pytest.skip(f"no PostgreSQL server answers at {SERVER}: {error}")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"{SERVER}/{name}"
        finally:
            connections["default"].close()
            store.use_database(store_url)  # leave the process on the test's SQLite file
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
