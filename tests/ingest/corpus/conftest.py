"""The store tests' fresh SQLite store, for the corpus's import step."""

import pytest

from tests.store.conftest import store_url


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: a corpus case too slow for every run")


__all__ = ["store_url"]
