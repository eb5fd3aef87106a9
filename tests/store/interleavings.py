"""Race districts' edits against their submission and the city's approval, many times over.

Each round reopens every district's return (send back), then per district two threads start
together: the district imports an edit, while the district submits and the city approves.
Locks must serialise them: either the edit lands before the submission (and is what gets
approved), or it is refused. The districts race side by side, so that the workflow's shared
lock is contended too; each district in each round is one interleaving.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from functools import partial

from django.db import connections

from dudao import store
from tests.store.province import CITY, key, send_population


def reopen(districts: list[str]) -> None:
    """Bring the districts' returns back to sent_back, whatever state each ended in."""
    states = {state.key.org_code: state.status for state in store.returns(years=[key(CITY).year])}
    approved = [key(unit) for unit in districts if states[unit] == "approved"]
    if approved:
        store.unapprove(approved, acting_org=CITY, actor="市")
    store.send_back([key(unit) for unit in districts], acting_org=CITY, actor="市", comment="再核")


def edit(unit: str, value: int) -> None:
    with suppress(store.ReturnLocked):  # the submission came first: the edit waits its turn
        send_population(unit, value)


def submit_and_approve(unit: str) -> None:
    store.submit([key(unit)], acting_org=unit, actor="区")
    store.approve([key(unit)], acting_org=CITY, actor="市")


def approved_and_changed(districts: list[str]) -> list[str]:
    """What is wrong, where a return ended approved but a version was stored after it."""
    states = store.returns(years=[key(CITY).year])
    return [
        f"{state.key.org_code}: version {state.newest} stored after approving {state.number}"
        for state in states
        if state.key.org_code in districts
        and state.status == "approved"
        and state.newest != state.number
    ]


def approved_data_differ(unit: str) -> str | None:
    """What is wrong, if the approved data are not the newest stored version's."""
    (state,) = store.returns(org_code=unit)
    if state.status != "approved":
        return None
    approved = store.snapshot(tables=["population_year"])["population_year"].to_pylist()
    (newest,) = [v for v in store.versions(org_code=unit) if v.number == state.newest]
    stored = store.version_tables(newest.id)["population_year"].to_pylist()
    if [row for row in approved if row["org_code"] == unit] != stored:
        return f"{unit}: the approved data differ from the newest version"
    return None


def race(districts: list[str], rounds: int, seed: int) -> list[str]:
    """Run the rounds; the problems found (none, when the store is right)."""
    chance = random.Random(seed)
    problems: list[str] = []
    with ThreadPoolExecutor(max_workers=2 * len(districts)) as pool:
        for number in range(rounds):
            reopen(districts)
            start = threading.Barrier(2 * len(districts))
            work: list[Callable[[], None]] = []
            for unit in districts:
                work += [partial(edit, unit, 10_000 + number), partial(submit_and_approve, unit)]
            futures = [pool.submit(_after, start, chance.uniform(0, 0.004), job) for job in work]
            for future in futures:
                future.result()
            problems += approved_and_changed(districts)
        start = threading.Barrier(2 * len(districts))
        for future in [pool.submit(_after, start, 0, connections.close_all) for _ in work]:
            future.result()  # each pool thread closes its own connection
    return problems + list(filter(None, map(approved_data_differ, districts)))


def _after(start: threading.Barrier, delay: float, job: Callable[[], None]) -> None:
    start.wait()
    time.sleep(delay)
    job()
