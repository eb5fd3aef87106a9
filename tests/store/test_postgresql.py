"""The same import and snapshot on PostgreSQL, in a database made for this test and dropped after."""

from __future__ import annotations

import pytest
from django.db import connections

from dudao import store
from tests.store.datasets import city_rows, dataset, sort_by_key, submit_and_approve
from tests.store.test_concurrency import check_concurrent_submits, check_parallel_imports


def test_round_trip_on_postgresql(postgres_url: str) -> None:
    store.setup(postgres_url)
    sent = dataset(city_rows())

    imported = store.import_dataset(sent)
    again = store.import_dataset(sent)
    submit_and_approve(imported)
    tables = store.snapshot()

    assert connections["default"].vendor == "postgresql"
    assert again.reused and again.versions == imported.versions
    assert sorted(tables) == sorted(sent.tables)
    for table_id, table in tables.items():
        assert table.equals(sort_by_key(table_id, sent.tables[table_id])), table_id


def test_parallel_imports_on_postgresql(postgres_url: str) -> None:
    store.setup(postgres_url)
    check_parallel_imports()


def test_50_concurrent_submits_on_postgresql(postgres_url: str) -> None:
    store.setup(postgres_url)
    check_concurrent_submits()


def test_audit_events_are_append_only_on_postgresql(postgres_url: str) -> None:
    from django.db import DatabaseError, connection

    store.setup(postgres_url)
    store.import_dataset(dataset(city_rows()))
    for statement in (
        "UPDATE store_auditevent SET actor = 'x'",
        "DELETE FROM store_auditevent",
        "TRUNCATE store_auditevent",
    ):
        with pytest.raises(DatabaseError, match="append-only"), connection.cursor() as cursor:
            cursor.execute(statement)
    assert store.verify_chain().intact
