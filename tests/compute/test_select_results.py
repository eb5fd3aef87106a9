"""Choosing results by unit, year and level; period results pass any year filter."""

from __future__ import annotations

import pyarrow as pa

from dudao.compute import select_table

RESULTS = pa.table(
    {
        "unit_code": ["440100", "440103", "440103", "440103"],
        "year": pa.array([2008, 2008, 2009, None], pa.int64()),  # the last: a period result
    }
)
LEVELS = {"440100": "city", "440103": "district"}


def _rows(table: pa.Table) -> list[tuple[str, int | None]]:
    return list(zip(table["unit_code"].to_pylist(), table["year"].to_pylist(), strict=True))


def test_no_filter_keeps_everything() -> None:
    assert select_table(RESULTS) is RESULTS


def test_filters_combine() -> None:
    chosen = select_table(RESULTS, years=[2009], levels=["district"], unit_levels=LEVELS)
    assert _rows(chosen) == [("440103", 2009), ("440103", None)]
    assert _rows(select_table(RESULTS, units=["440100"])) == [("440100", 2008)]
