"""An import is stored whole or not at all: a failure anywhere leaves no trace."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pyarrow as pa
import pytest

from dudao import store
from tests.store.datasets import city_rows, dataset


def _nothing_stored() -> bool:
    from dudao.store.models import Submission, SubmissionVersion, VersionTable

    models = (Submission, SubmissionVersion, VersionTable)
    counts = tuple(model.objects.count() for model in models)
    return counts == (0, 0, 0)


def test_a_failure_after_rows_were_written_leaves_nothing(store_url: str, monkeypatch: Any) -> None:
    from dudao.store import importer
    from dudao.store.models import SubmissionVersion

    original = importer._version_table
    written: list[int] = []

    def failing_third_table(version: Any, part: Any) -> Any:
        if len(written) == 2:
            raise RuntimeError("disk full")
        written.append(SubmissionVersion.objects.count())
        return original(version, part)

    monkeypatch.setattr(importer, "_version_table", failing_third_table)

    with pytest.raises(RuntimeError, match="disk full"):
        store.import_dataset(dataset(city_rows()))

    assert written[-1] > 0  # versions were in the database when the import failed
    assert _nothing_stored()


def test_a_value_that_cannot_be_stored_in_the_last_version_leaves_nothing(
    store_url: str, monkeypatch: Any
) -> None:
    from dudao.store import importer

    original = importer.encode_rows

    def poisoned(rows: pa.Table, numbers: Sequence[int]) -> Any:
        encoded = original(rows, numbers)
        if "student_id" in rows.column_names:  # not bytes: fails inside the last version's insert
            return type(encoded)(object(), encoded.rows, encoded.sha256)  # type: ignore[arg-type]
        return encoded

    monkeypatch.setattr(importer, "encode_rows", poisoned)

    with pytest.raises((TypeError, ValueError)):
        store.import_dataset(dataset(city_rows()))

    assert _nothing_stored()
