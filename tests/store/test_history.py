"""A return's history: versions and actions in order, each with the state it left."""

from __future__ import annotations

from dudao import store
from tests.store.province import CITY, LIWAN, PROVINCE, key, province_with_returns, send_population


def _steps() -> list[tuple[str, int, str, str, str]]:
    return [
        (entry.action, entry.number, entry.acting_org, entry.status, entry.comment)
        for entry in store.history(key(LIWAN))
    ]


def test_sent_back_then_sent_again_then_approved_and_verified(store_url: str) -> None:
    province_with_returns()  # Liwan's version 1, stored and submitted in one step
    store.send_back([key(LIWAN)], acting_org=CITY, actor="市审核员", comment="小学在校生数偏低")
    send_population(LIWAN, 2100)  # version 2, a draft while the return stands sent back
    store.submit([key(LIWAN)], acting_org=LIWAN, actor="荔湾统计员")
    store.approve([key(LIWAN)], acting_org=CITY, actor="市审核员")
    store.verify([key(LIWAN)], acting_org=PROVINCE, actor="省督导室")
    assert _steps() == [
        ("store", 1, LIWAN, "draft", ""),
        ("submit", 1, LIWAN, "submitted", ""),
        ("send_back", 1, CITY, "sent_back", "小学在校生数偏低"),
        ("store", 2, LIWAN, "sent_back", ""),
        ("submit", 2, LIWAN, "submitted", ""),
        ("approve", 2, CITY, "approved", ""),
        ("verify", 2, PROVINCE, "verified", ""),
    ]
    entries = store.history(key(LIWAN))
    assert [e.at for e in entries] == sorted(e.at for e in entries)
    stored = [e for e in entries if e.action == "store"]
    assert len({e.sha256 for e in stored}) == 2 and all(len(e.sha256) == 64 for e in stored)
    # The last state of the history is the state the workflow reports.
    (state,) = store.returns(org_code=LIWAN, years=[key(LIWAN).year])
    assert entries[-1].status == state.status


def test_an_unknown_return_has_no_history(store_url: str) -> None:
    assert store.history(key("449999")) == []
