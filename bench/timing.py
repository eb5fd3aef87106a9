"""Best-of-n timing and the printed line of one benchmark."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The fastest of `runs` timings: the least disturbed by a shared, noisy machine."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


@dataclass(frozen=True)
class Measurement:
    name: str
    rows: int
    seconds: float
    baseline: str
    baseline_seconds: float

    @property
    def ratio(self) -> float:
        return self.seconds / self.baseline_seconds

    def line(self) -> str:
        return (
            f"{self.name:<34} {self.rows:>9,} rows {self.seconds:8.3f} s  "
            f"{self.ratio:6.1f}× {self.baseline} ({self.baseline_seconds:.3f} s)"
        )
