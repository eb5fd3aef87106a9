"""An import is stored whole or not at all: a failure anywhere leaves no trace."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyarrow as pa
import pytest

from dudao import store
from tests.store.datasets import city_rows, dataset


def _nothing_stored() -> bool:
    from dudao.store.models import Record, Submission, SubmissionVersion

    counts = (Submission.objects.count(), SubmissionVersion.objects.count(), Record.objects.count())
    return counts == (0, 0, 0)


def test_a_failing_second_batch_leaves_nothing(store_url: str, monkeypatch: Any) -> None:
    from dudao.store import importer
    from dudao.store.models import ImmutableQuerySet

    students = [
        {"student_id": f"S{n}", "year": 2009, "school_code": "4401030001"} for n in range(4_500)
    ]
    original = ImmutableQuerySet.bulk_create
    calls: list[int] = []

    def failing_second_batch(self: Any, objs: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(len(objs))
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(self, objs, *args, **kwargs)

    monkeypatch.setattr(ImmutableQuerySet, "bulk_create", failing_second_batch)

    with pytest.raises(RuntimeError, match="disk full"):
        store.import_dataset(dataset({"students": students}), org_code="440100")

    assert calls == [importer.BATCH_SIZE, importer.BATCH_SIZE]  # the first batch was written
    assert _nothing_stored()


def test_a_value_that_cannot_be_stored_in_the_last_version_leaves_nothing(
    store_url: str, monkeypatch: Any
) -> None:
    from dudao.store import importer

    original = importer.json_rows

    def poisoned(table: pa.Table) -> Iterator[dict[str, Any]]:
        for row in original(table):
            if row.get("student_id") == "S2":
                row["grade"] = object()  # not JSON: fails inside the last version's insert
            yield row

    monkeypatch.setattr(importer, "json_rows", poisoned)

    with pytest.raises(TypeError):
        store.import_dataset(dataset(city_rows()))

    assert _nothing_stored()
