"""The seed city, generated once per test session, and its reference DuckDB connection."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from dudao.demo import write_seed_city

from .reference_views import open_dataset


@pytest.fixture(scope="session")
def seed_city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_seed_city(tmp_path_factory.mktemp("seed_city"))


@pytest.fixture(scope="session")
def reference(seed_city: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = open_dataset(seed_city)
    yield connection
    connection.close()
