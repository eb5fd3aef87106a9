"""Settings, URLs and the SQLite durability settings the store promises (WAL, synchronous=FULL)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.db import connection, connections

from dudao import store
from dudao.store import database
from dudao.store.settings import StoreSettings, database_config


def test_sqlite_runs_in_wal_mode_with_full_sync(store_url: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        journal_mode = cursor.fetchone()[0]
        cursor.execute("PRAGMA synchronous")
        synchronous = cursor.fetchone()[0]
    assert (journal_mode, synchronous) == ("wal", 2)  # 2 = FULL
    assert connection.transaction_mode == "IMMEDIATE"


def test_setup_again_with_the_same_url_changes_nothing(store_url: str) -> None:
    before = connections["default"]
    store.setup(store_url)
    assert connections["default"] is before
    assert store.current_url() == store_url


def test_setup_with_another_url_switches_database(store_url: str, tmp_path: Path) -> None:
    other = f"sqlite:///{tmp_path / 'other' / 'store.sqlite3'}"
    store.setup(other)
    assert Path(connection.settings_dict["NAME"]) == tmp_path / "other" / "store.sqlite3"
    assert store.versions() == []  # migrated


def test_default_store_lives_in_dudao_home(monkeypatch: Any, tmp_path: Path) -> None:
    monkeypatch.delenv("DUDAO_STORE_URL", raising=False)
    monkeypatch.setenv("DUDAO_HOME", str(tmp_path))
    assert StoreSettings().store_url == f"sqlite:///{tmp_path}/store.sqlite3"
    monkeypatch.setenv("DUDAO_STORE_URL", "postgresql://postgres@db:5433/dudao")
    assert StoreSettings().store_url == "postgresql://postgres@db:5433/dudao"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:///data/store.sqlite3", {"NAME": "data/store.sqlite3"}),
        ("sqlite:////srv/dudao/store.sqlite3", {"NAME": "/srv/dudao/store.sqlite3"}),
        (
            "postgresql://postgres@127.0.0.1:5432/test",
            {"NAME": "test", "USER": "postgres", "HOST": "127.0.0.1", "PORT": "5432"},
        ),
        ("postgres://u:p%40ss@db/dudao?sslmode=require", {"PASSWORD": "p@ss", "OPTIONS": {"server_side_binding": True, "sslmode": "require"}}),
        ("postgresql://db/dudao?server_side_binding=False", {"OPTIONS": {"server_side_binding": False}}),
    ],
)  # fmt: skip
def test_database_urls(url: str, expected: dict[str, Any]) -> None:
    config = database_config(url)
    assert {key: config[key] for key in expected} == expected


def test_a_binding_that_is_not_true_or_false_is_refused() -> None:
    with pytest.raises(ValueError, match="server_side_binding='yes' must be true or false"):
        database_config("postgresql://db/dudao?server_side_binding=yes")


def test_unknown_url_schemes_are_refused() -> None:
    with pytest.raises(ValueError, match="unsupported store URL"):
        database_config("mysql://root@localhost/dudao")


def test_migration_files_are_listed_as_djangos_loader_finds_them(store_url: str) -> None:
    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader

    listed = {
        (app.label, name)
        for app in apps.get_app_configs()
        for name in database._migration_names(app.name)
    }
    assert listed == set(MigrationLoader(connection).disk_migrations)
    assert not database._unapplied(connection)


def test_setup_migrates_a_store_that_lags_behind(store_url: str, tmp_path: Path) -> None:
    from django.core.management import call_command
    from django.db.migrations.recorder import MigrationRecorder

    call_command("migrate", "store", "0003_approval_events", verbosity=0)
    assert database._unapplied(connection)
    store.setup(f"sqlite:///{tmp_path / 'other' / 'store.sqlite3'}")
    store.setup(store_url)
    assert ("store", "0004_version_tables") in MigrationRecorder(connection).applied_migrations()
    assert not database._unapplied(connection)
