"""Kill imports with SIGKILL at random points: `python -m tests.store.crash URL ROUNDS SEED`.

Set up once, then per round fork a child that imports new datasets in a loop, announcing each
import on a pipe before it starts and acknowledging it (its submission id) once
`import_dataset` has returned; kill the child after a random delay of up to three imports'
time (measured here, so that a loaded machine still kills inside imports). Prints the
acknowledged ids and how many kills landed inside an import, as JSON; the test then checks
the store.
Forking a set-up interpreter keeps each round to milliseconds instead of a fresh start.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import time

from django.db import connections

from dudao import store
from tests.store.datasets import city_rows, dataset

IMPORTS_PER_ROUND = 3.0  # the longest delay, in imports' time


def variant(number: int) -> store.ImportResult | None:
    rows = city_rows()
    rows["school_stage_year"][0]["enrolment"] = number
    rows["school_year"][1]["books"] = number
    return store.import_dataset(dataset(rows), actor="crash")


def child(write_end: int, first: int) -> None:
    """Import variant after variant until killed; never returns."""
    number = first
    while True:
        os.write(write_end, b"start\n")
        result = variant(number)
        assert result is not None
        os.write(write_end, f"{result.submission_id}\n".encode())
        number += 1


def crash(url: str, rounds: int, seed: int) -> dict[str, object]:
    store.setup(url)
    warm = variant(-1)  # loads the catalogue and Django's machinery before the first fork
    started = time.perf_counter()
    timed = variant(-2)
    longest = IMPORTS_PER_ROUND * (time.perf_counter() - started)
    assert warm is not None and timed is not None
    connections.close_all()  # each child opens its own connection
    chance = random.Random(seed)
    acknowledged: list[int] = [warm.submission_id, timed.submission_id]
    inside = 0
    for round_number in range(rounds):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            try:
                child(write_end, first=round_number * 10_000)
            finally:
                os._exit(1)
        os.close(write_end)
        time.sleep(chance.uniform(0.0, longest))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        with os.fdopen(read_end) as pipe:
            lines = pipe.read().split()
        acknowledged += [int(line) for line in lines if line != "start"]
        inside += lines[-1:] == ["start"]
    return {"acknowledged": acknowledged, "killed_inside_an_import": inside, "rounds": rounds}


if __name__ == "__main__":
    url, rounds, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    print(json.dumps(crash(url, rounds, seed)))
