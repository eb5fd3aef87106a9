"""Scoring the seed city under every shipped framework vs computing the indicators it reads.

Same run, same data: the compute side is compute_indicators over exactly the
indicators the four frameworks read (with their dependencies), for the seed's
period; the scoring side is every framework's assess_tables on those results,
per-school values for the all-schools rules included. Goal: scoring ≤ 0.5×.
"""

from __future__ import annotations

from collections.abc import Mapping

import pyarrow as pa

from bench.timing import best_of
from dudao.assess import shipped_frameworks
from dudao.assess.pipeline import assess_tables, indicators_read
from dudao.compute import IndicatorResult, compute_indicators
from dudao.demo.seed import seed_period

GOAL = 0.5


def run(tables: Mapping[str, pa.Table]) -> float:
    """Print the two timings and their ratio; return the ratio."""
    frameworks = list(shipped_frameworks().values())
    read = list(dict.fromkeys(i for f in frameworks for i in indicators_read(f)))
    first, last = seed_period()
    years = list(range(first, last + 1))
    results: list[IndicatorResult] = []

    def compute() -> None:
        results[:] = compute_indicators(tables, indicator_ids=read, period=(first, last))

    def score() -> None:
        for framework in frameworks:
            assess_tables(tables, framework, years=years, results=results)

    compute_seconds = best_of(3, compute)
    score_seconds = best_of(3, score)
    ratio = score_seconds / compute_seconds
    units = sum(len(assess_tables(tables, f, years=years, results=results)) for f in frameworks)
    verdict = "PASS" if ratio <= GOAL else "MISS"
    print(
        f"assess: {len(frameworks)} frameworks, {units} unit assessments, {len(read)} indicators "
        f"read; scoring {score_seconds:.3f} s vs computing {compute_seconds:.3f} s = "
        f"{ratio:.2f}× (goal ≤ {GOAL}×) {verdict}",
        flush=True,
    )
    return ratio


if __name__ == "__main__":
    import tempfile
    from pathlib import Path

    from dudao.demo import write_seed_city
    from dudao.ingest import read_dataset

    with tempfile.TemporaryDirectory() as folder:
        run(read_dataset(write_seed_city(Path(folder))).tables)
