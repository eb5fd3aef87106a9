"""Stored submissions, versions and their tables are never changed or deleted."""

from __future__ import annotations

import pytest
from django.db import IntegrityError

from dudao import store
from tests.store.datasets import city_rows, dataset


def test_no_code_path_changes_or_deletes_stored_rows(store_url: str) -> None:
    from dudao.store.models import Submission, SubmissionVersion, VersionTable

    store.import_dataset(dataset(city_rows()))
    held = VersionTable.objects.first()
    version = SubmissionVersion.objects.first()
    assert held is not None and version is not None

    held.arrow = b"changed"
    version.number = 7
    for attempt in (held.save, version.save, held.delete, version.delete):
        with pytest.raises(store.ImmutableError):
            attempt()
    with pytest.raises(store.ImmutableError):
        Submission.objects.all().delete()
    with pytest.raises(store.ImmutableError):
        VersionTable.objects.filter(table_id="schools").update(arrow=b"")
    with pytest.raises(store.ImmutableError):
        SubmissionVersion.objects.bulk_update([version], ["number"])


def test_a_new_object_with_a_stored_id_cannot_overwrite_it(store_url: str) -> None:
    from dudao.store.models import VersionTable

    store.import_dataset(dataset(city_rows()))
    stored = VersionTable.objects.order_by("id").first()
    assert stored is not None

    impostor = VersionTable(
        pk=stored.pk, version=stored.version, table_id="x", rows=0, sha256="", arrow=b""
    )
    with pytest.raises(IntegrityError):
        impostor.save()
