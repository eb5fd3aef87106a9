"""Configure Django for the store, point it at a database, and bring that database's schema up to date."""

from __future__ import annotations

from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connections

from dudao.store.settings import StoreSettings, database_config

ALIAS = "default"
# The URL the default connection points at, once this process has migrated it.
_current: dict[str, str] = {}


def setup(url: str | None = None) -> None:
    """Make the store usable at `url` (default: StoreSettings().store_url); see `use_database`."""
    use_database(url or StoreSettings().store_url)


def use_database(url: str) -> None:
    """Point the default connection at `url` and migrate it; a no-op when it already does.

    Django is configured once per process (here, unless a settings module did it before), so
    the store, and each test with its own file, switches databases by replacing the default
    connection's settings. Connections open in other threads keep their old database: switch
    before starting threads.
    """
    _configure_django(url)
    if _current.get(ALIAS) == url:
        return
    connections[ALIAS].close()
    filled = connections.configure_settings({ALIAS: database_config(url)})
    connections.settings[ALIAS] = filled[ALIAS]
    del connections[ALIAS]  # a new wrapper on next use: the engine may change
    config = connections.settings[ALIAS]
    if config["ENGINE"].endswith("sqlite3"):
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    call_command("migrate", database=ALIAS, interactive=False, verbosity=0)
    _current[ALIAS] = url


def current_url() -> str | None:
    """The URL the store uses in this process, or None before `setup`."""
    return _current.get(ALIAS)


def _configure_django(url: str) -> None:
    if not settings.configured:
        settings.configure(
            INSTALLED_APPS=["dudao.store", "dudao.store.assessments"],
            DATABASES={ALIAS: database_config(url)},
            USE_TZ=True,
            TIME_ZONE="UTC",  # stored times are UTC; pages convert for their readers
        )
    if not apps.ready:  # django.setup() also resets logging: call it once
        django.setup()
