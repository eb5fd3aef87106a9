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


def test_a_failure_after_rows_were_written_leaves_nothing(store_url: str, monkeypatch: Any) -> None:
    from dudao.store import importer
    from dudao.store.models import Record

    original = importer._store_rows
    written: list[int] = []

    def failing_third_table(version: Any, part: Any) -> None:
        if len(written) == 2:
            raise RuntimeError("disk full")
        original(version, part)
        written.append(Record.objects.count())

    monkeypatch.setattr(importer, "_store_rows", failing_third_table)

    with pytest.raises(RuntimeError, match="disk full"):
        store.import_dataset(dataset(city_rows()))

    assert written[-1] > 0  # rows were in the database when the import failed
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
