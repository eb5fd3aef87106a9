"""Configure Django for the store, point it at a database, and bring that database's schema up to date."""

from __future__ import annotations

import pkgutil
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

from dudao.store.settings import StoreSettings, database_config

ALIAS = "default"
MIGRATIONS_TABLE = "django_migrations"
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
    if _unapplied(connections[ALIAS]):
        # Only now: the command and the migration modules it loads cost 0.1 s per process.
        from django.core.management import call_command

        call_command("migrate", database=ALIAS, interactive=False, verbosity=0)
    _current[ALIAS] = url


def current_url() -> str | None:
    """The URL the store uses in this process, or None before `setup`."""
    return _current.get(ALIAS)


def _unapplied(connection: BaseDatabaseWrapper) -> bool:
    """Whether a migration on disk is not recorded as applied in the database (two queries).

    Migration files are named as Django's loader finds them; any doubt (a new store, a new
    file) answers yes, and `migrate` itself decides what to apply.
    """
    if MIGRATIONS_TABLE not in connection.introspection.table_names():
        return True
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT app, name FROM {MIGRATIONS_TABLE}")
        applied = set(cursor.fetchall())
    return any(
        (app.label, name) not in applied
        for app in apps.get_app_configs()
        for name in _migration_names(app.name)
    )


def _migration_names(app: str) -> list[str]:
    """The migration modules of `app`, as Django's MigrationLoader lists them."""
    package = import_module(f"{app}.migrations")
    return [
        module.name
        for module in pkgutil.iter_modules(package.__path__)
        if not module.ispkg and module.name[0] not in "_~"
    ]


def _configure_django(url: str) -> None:
    if not settings.configured:
        settings.configure(
            INSTALLED_APPS=["dudao.store", "dudao.store.assessments"],
            DATABASES={ALIAS: database_config(url)},
            USE_TZ=True,
            TIME_ZONE="UTC",  # stored times are UTC; pages convert for their readers
        )
    if not apps.ready:
        # What django.setup() does for the store, without configuring logging (which resets
        # the process's) or importing the URL resolver (a web stack the store has no use for).
        apps.populate(settings.INSTALLED_APPS)
