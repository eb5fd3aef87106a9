"""Stored submissions, versions and records are never changed or deleted."""

from __future__ import annotations

import pytest
from django.db import IntegrityError

from dudao import store
from tests.store.datasets import city_rows, dataset


def test_no_code_path_changes_or_deletes_stored_rows(store_url: str) -> None:
    from dudao.store.models import Record, Submission, SubmissionVersion

    store.import_dataset(dataset(city_rows()))
    record = Record.objects.first()
    version = SubmissionVersion.objects.first()
    assert record is not None and version is not None

    record.values = {**record.values, "name": "changed"}
    version.number = 7
    for attempt in (record.save, version.save, record.delete, version.delete):
        with pytest.raises(store.ImmutableError):
            attempt()
    with pytest.raises(store.ImmutableError):
        Submission.objects.all().delete()
    with pytest.raises(store.ImmutableError):
        Record.objects.filter(table_id="schools").update(values={})
    with pytest.raises(store.ImmutableError):
        SubmissionVersion.objects.bulk_update([version], ["number"])


def test_a_new_object_with_a_stored_id_cannot_overwrite_it(store_url: str) -> None:
    from dudao.store.models import Record

    store.import_dataset(dataset(city_rows()))
    stored = Record.objects.order_by("id").first()
    assert stored is not None

    impostor = Record(pk=stored.pk, version=stored.version, table_id="x", row=1, values={})
    with pytest.raises(IntegrityError):
        impostor.save()
