"""The audit log: every import and approval is an event; the chain exposes any tampering."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection

from dudao import store
from dudao.ingest import DatasetRejected
from tests.store.datasets import city_rows, dataset, submit_and_approve


def _events() -> list[tuple[str, str, str]]:
    from dudao.store.models import AuditEvent

    return list(AuditEvent.objects.order_by("id").values_list("action", "result", "object_id"))


def _raw(sql: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql)


def _import_and_approve() -> list[str]:
    imported = store.import_dataset(dataset(city_rows()), actor="district")
    store.import_dataset(dataset(city_rows()), actor="district")  # the same bytes again
    submit_and_approve(imported, actor="city")
    return ["440100:registers", "440100:2008", "440100:2009"]


def test_checks_imports_and_approvals_are_chained_events(store_url: str) -> None:
    returns = _import_and_approve()
    actions = _events()
    assert [(a, r) for a, r, _ in actions[:4]] == [
        ("check", "ok"), ("import", "ok"), ("check", "ok"), ("import", "reused"),
    ]  # fmt: skip
    assert actions[4:] == [("submit", "ok", r) for r in returns] + [
        ("approve", "ok", r) for r in returns
    ]
    check = store.verify_chain()
    assert check.intact and check.events == 4 + 2 * len(returns)


def test_a_refused_import_is_recorded(store_url: str) -> None:
    with pytest.raises(DatasetRejected):
        store.import_dataset(dataset(city_rows(), errors=True), actor="district")
    assert [(a, r) for a, r, _ in _events()] == [("check", "failed"), ("import", "refused")]


def test_an_export_names_the_versions_it_read(store_url: str) -> None:
    from dudao.store.models import AuditEvent

    _import_and_approve()
    tables = store.export("report duty 440100 2008:2009", actor="市督导室", tables=["schools"])
    assert tables.keys() == store.snapshot(tables=["schools"]).keys() == {"schools"}
    event = AuditEvent.objects.order_by("id").last()
    assert event is not None
    assert (event.action, event.actor, event.object_type) == ("export", "市督导室", "snapshot")
    read = [v.id for v in store.versions() if "schools" in v.row_counts]
    assert event.after == {
        "purpose": "report duty 440100 2008:2009", "data": "approved",
        "tables": ["schools"], "versions": read,
    }  # fmt: skip
    assert store.verify_chain().intact


def test_a_dataset_that_cannot_be_placed_is_recorded_as_refused(store_url: str) -> None:
    two_roots = dataset({"org_units": city_rows()["org_units"][1:]})
    with pytest.raises(store.ImportRefused, match="2 root units"):
        store.import_dataset(two_roots, actor="district")
    assert [(a, r) for a, r, _ in _events()] == [("check", "ok"), ("import", "refused")]
    assert store.verify_chain().intact


def test_the_database_refuses_to_change_or_delete_an_event(store_url: str) -> None:
    _import_and_approve()
    for statement in ("UPDATE store_auditevent SET actor = 'x'", "DELETE FROM store_auditevent"):
        with pytest.raises(DatabaseError, match="append-only"):
            _raw(statement)


@pytest.mark.parametrize(
    "tampering",
    [
        "UPDATE store_auditevent SET actor = 'someone else' WHERE id = 2",
        "DELETE FROM store_auditevent WHERE id = 2",
    ],
)
def test_an_edited_or_removed_row_breaks_the_chain(store_url: str, tampering: str) -> None:
    _import_and_approve()
    # Someone with the database file in hand drops the guard first.
    _raw("DROP TRIGGER store_auditevent_no_update")
    _raw("DROP TRIGGER store_auditevent_no_delete")
    _raw(tampering)
    check = store.verify_chain()
    assert not check.intact
    assert check.broken_at in (2, 3)  # the edited row itself, or the one after a removed row
