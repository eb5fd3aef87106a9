"""Migration 0003: approval statuses stored before it become approval events, and afterwards
the database refuses UPDATE and DELETE on every stored table."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection

from dudao import store
from tests.store.datasets import city_rows, dataset

BEFORE = "0002_audit_events"
STORED = ("store_submission", "store_submissionversion", "store_record", "store_approvalevent")


def _raw(sql: str, parameters: list[object] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)


def _legacy_store() -> None:
    """A store as 0002 left it: two versions of 2008, the first approved, the second not."""
    call_command("migrate", "store", BEFORE, verbosity=0)
    _raw("INSERT INTO store_submission (id, submitting_org, source, sha256, actor, created_at) "
         "VALUES (1, '440100', 'old.zip', 'x', 'district', '2020-01-01')")  # fmt: skip
    for number, status, approver in ((1, "approved", "city"), (2, "submitted", "")):
        _raw(
            "INSERT INTO store_submissionversion (submission_id, org_code, year, number, status,"
            " tables, created_at, approved_by, approved_at) VALUES (1, '440100', 2008, %s, %s,"
            " '[]', '2020-01-01', %s, %s)",
            [number, status, approver, "2020-01-02" if approver else None],
        )
    call_command("migrate", "store", verbosity=0)


def test_legacy_approvals_become_events(store_url: str) -> None:
    check_legacy_approvals()


def check_legacy_approvals() -> None:
    """Shared with the PostgreSQL test: back to 0002, old rows in, forward again."""
    _legacy_store()
    (state,) = store.returns()
    assert (state.status, state.number, state.newest, state.approved_by) == (
        "approved", 1, 2, "city",
    )  # fmt: skip
    assert [(v.number, v.status) for v in store.versions()] == [(1, "approved"), (2, "draft")]


def test_every_stored_table_refuses_update_and_delete(store_url: str) -> None:
    imported = store.import_dataset(dataset(city_rows()))
    keys = [store.ReturnKey("440100", v.year) for v in imported.versions]
    store.submit(keys, acting_org="440100", actor="district")
    for table in STORED:
        for statement in (f"UPDATE {table} SET id = id", f"DELETE FROM {table}"):
            with pytest.raises(DatabaseError, match="append-only"):
                _raw(statement)
