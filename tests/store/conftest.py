"""Each store test gets its own SQLite file; Django is configured once per process.

Test modules import dudao.store's models inside tests: they need Django configured, which
happens in the `store_url` fixture.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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
