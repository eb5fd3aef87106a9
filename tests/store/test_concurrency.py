"""Parallel uploads: the same bytes are stored once; versions of one unit and year never collide."""

from __future__ import annotations

from dudao import store
from tests.store.datasets import city_rows, dataset
from tests.store.parallel import in_parallel


def check_parallel_imports() -> None:
    """Shared by the SQLite test here and the PostgreSQL test."""
    same = dataset(city_rows())
    results = in_parallel(store.import_dataset, [same] * 6)
    assert len({result.submission_id for result in results}) == 1
    assert sorted(result.reused for result in results) == [False] + [True] * 5

    def changed(enrolment: int) -> store.ImportResult:
        rows = city_rows()
        rows["school_stage_year"][0]["enrolment"] = enrolment
        return store.import_dataset(dataset(rows))

    in_parallel(changed, list(range(6)))
    numbers = [v.number for v in store.versions(org_code="440100") if v.year == 2008]
    assert sorted(numbers) == list(range(1, 8))


def test_parallel_imports_on_sqlite(store_url: str) -> None:
    check_parallel_imports()
