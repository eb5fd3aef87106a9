"""100 interleavings of approve and edit never end approved-and-changed (SECURITY.md)."""

from __future__ import annotations

from dudao import store
from tests.store.interleavings import race
from tests.store.province import (
    HAIZHU,
    LIWAN,
    TIANHE,
    YUEXIU,
    province_with_returns,
    send_population,
)

DISTRICTS = [LIWAN, YUEXIU, HAIZHU, TIANHE]
ROUNDS = 25  # x 4 districts = 100 interleavings


def check_interleavings(rounds: int, seed: int) -> None:
    from dudao.store.models import ApprovalEvent

    province_with_returns()
    for unit in (HAIZHU, TIANHE):
        send_population(unit, 1, submit=True)
    assert race(DISTRICTS, rounds, seed) == []
    # What the city approved is what the district submitted, every time.
    submitted: dict[tuple[str, int | None], int] = {}
    approvals = 0
    for event in ApprovalEvent.objects.order_by("id"):
        if event.action == "submit":
            submitted[(event.org_code, event.year)] = event.number
        if event.action == "approve":
            approvals += 1
            assert event.number == submitted[(event.org_code, event.year)]
    assert approvals >= rounds * len(DISTRICTS)
    assert store.verify_chain().intact


def test_approve_and_edit_interleavings_on_postgresql(postgres_url: str) -> None:
    store.setup(postgres_url)
    check_interleavings(ROUNDS, seed=4)


def test_approve_and_edit_interleavings_on_sqlite(store_url: str) -> None:
    check_interleavings(ROUNDS // 5, seed=3)  # SQLite runs one writer at a time anyway
