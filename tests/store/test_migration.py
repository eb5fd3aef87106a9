"""Migration 0003: approval statuses stored before it become approval events, and afterwards
the database refuses UPDATE and DELETE on every stored table. Migration 0004: the JSON Records
of a store written before it become one Arrow stream per (version, table), and stay."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection

from dudao import store
from dudao.catalogue import default_catalogue
from dudao.ingest import Dataset
from dudao.store.partition import version_parts
from tests.store.datasets import city_rows, dataset, sort_by_key, submit_and_approve

BEFORE = "0002_audit_events"
BEFORE_VERSION_TABLES = "0003_approval_events"
STORED = (
    "store_submission",
    "store_submissionversion",
    "store_record",
    "store_versiontable",
    "store_approvalevent",
)


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


def _json_row(row: dict[str, object]) -> str:
    """A row as the importer stored it before 0004: nulls left out, dates as ISO text."""
    return json.dumps(
        {name: getattr(value, "isoformat", lambda v=value: v)() for name, value in row.items()
         if value is not None},
        ensure_ascii=False,
    )  # fmt: skip


def _inserted(sql: str, parameters: list[object]) -> int:
    """Raw INSERT … RETURNING id: explicit ids would leave PostgreSQL's sequences behind."""
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} RETURNING id", parameters)
        return int(cursor.fetchone()[0])


def _records_store(sent: Dataset) -> dict[int | None, int]:
    """A store as 0003 left it, holding `sent` as one Record per row: year -> version id."""
    call_command("migrate", "store", BEFORE_VERSION_TABLES, verbosity=0)
    submission = _inserted(
        "INSERT INTO store_submission (submitting_org, source, sha256, actor, created_at) "
        "VALUES ('440100', 'old.zip', %s, 'district', '2020-01-01')", [sent.sha256]
    )  # fmt: skip
    versions: dict[int | None, int] = {}
    for year, parts in version_parts(sent.tables, default_catalogue()).items():
        tables = json.dumps([part.table_id for part in parts])
        versions[year] = _inserted(
            "INSERT INTO store_submissionversion (submission_id, org_code, year, number, tables,"
            " created_at) VALUES (%s, '440100', %s, 1, %s, '2020-01-01')",
            [submission, year, tables],
        )
        for part in parts:
            rows = zip(part.row_numbers.to_pylist(), part.rows.to_pylist(), strict=True)
            for row, values in reversed(list(rows)):  # ids against row order: order by row
                _raw("INSERT INTO store_record (version_id, table_id, row, \"values\") "
                     "VALUES (%s, %s, %s, %s)", [versions[year], part.table_id, row, _json_row(values)])  # fmt: skip
    call_command("migrate", "store", verbosity=0)
    return versions


def test_records_become_version_tables(store_url: str) -> None:
    check_records_become_version_tables()


def check_records_become_version_tables() -> None:
    """Shared with the PostgreSQL test: back to 0003, Records in, forward again."""
    from dudao.store.models import Record

    sent = dataset(city_rows())
    versions = _records_store(sent)
    catalogue = default_catalogue()
    parts = version_parts(sent.tables, catalogue)

    for year, version_id in versions.items():
        held = store.version_tables(version_id)
        for part in parts[year]:
            assert held[part.table_id].equals(part.rows), (year, part.table_id)
    listed = {v.year: v.row_counts for v in store.versions()}
    assert listed == {y: {p.table_id: p.rows.num_rows for p in ps} for y, ps in parts.items()}
    latest = store.snapshot(data="latest")
    for table_id, table in sent.tables.items():
        assert latest[table_id].equals(sort_by_key(table_id, table)), table_id
    assert Record.objects.count() == sum(table.num_rows for table in sent.tables.values())
    again = store.import_dataset(sent)  # the same bytes: the migrated versions
    assert again.reused and sorted(v.id for v in again.versions) == sorted(versions.values())


def test_a_version_table_whose_bytes_changed_is_refused(store_url: str) -> None:
    """Changed outside the store (triggers dropped by hand): reading it fails loudly."""
    imported = store.import_dataset(dataset(city_rows()))
    registers = next(v for v in imported.versions if v.year is None)
    _raw("DROP TRIGGER store_versiontable_no_update")
    _raw("UPDATE store_versiontable SET arrow = %s WHERE version_id = %s AND table_id = 'schools'",
         [pa.py_buffer(b"x").to_pybytes(), registers.id])  # fmt: skip
    with pytest.raises(store.StoredDataCorrupt, match="schools"):
        store.version_tables(registers.id)


def rows_in_every_stored_table() -> None:
    """Row triggers fire on rows only: Records from before 0004, then a new import approved."""
    _records_store(dataset(city_rows()))
    schools = dataset({"schools": city_rows()["schools"]})
    submit_and_approve(store.import_dataset(schools, org_code="440100"))


def test_every_stored_table_refuses_update_and_delete(store_url: str) -> None:
    rows_in_every_stored_table()
    for table in STORED:
        for statement in (f"UPDATE {table} SET id = id", f"DELETE FROM {table}"):
            with pytest.raises(DatabaseError, match="append-only"):
                _raw(statement)
