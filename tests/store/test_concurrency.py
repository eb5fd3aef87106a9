"""Parallel uploads: the same bytes are stored once; versions of one unit and year never collide;
50 concurrent submits of one return leave one current version, submitted once."""

from __future__ import annotations

from dudao import store
from tests.store.datasets import city_rows, dataset
from tests.store.parallel import in_parallel

SUBMITS = 50


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


def check_concurrent_submits(count: int = SUBMITS) -> None:
    """`count` uploads of the same return, each stored and submitted at once, all racing."""
    from dudao.store.models import ApprovalEvent

    same = dataset(city_rows())

    def send(_: int) -> store.ImportResult:
        return store.import_dataset(same, actor="district", submit=True)

    results = in_parallel(send, list(range(count)))

    assert len({tuple(v.id for v in r.versions) for r in results}) == 1  # same bytes, same ids
    assert sum(not result.reused for result in results) == 1
    assert [(v.number, v.status) for v in store.versions()] == [(1, "submitted")] * 3
    assert ApprovalEvent.objects.filter(action="submit").count() == 3  # once per return
    assert store.verify_chain().intact


def test_parallel_imports_on_sqlite(store_url: str) -> None:
    check_parallel_imports()


def test_concurrent_submits_on_sqlite(store_url: str) -> None:
    check_concurrent_submits(count=12)  # SQLite queues writers: the race is PostgreSQL's
