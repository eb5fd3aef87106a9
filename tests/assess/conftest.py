"""The seed city computed once per session: the data the shipped frameworks score."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pytest

from dudao.compute import IndicatorResult, compute_indicators, org_attribute
from dudao.demo import write_seed_city
from dudao.demo.seed import seed_cut_off, seed_period
from dudao.ingest import read_dataset


@dataclass(frozen=True)
class SeedCity:
    path: Path
    tables: dict[str, pa.Table]
    results: list[IndicatorResult]
    levels: dict[str, str]


@pytest.fixture(scope="session")
def seed(tmp_path_factory: pytest.TempPathFactory) -> SeedCity:
    path = write_seed_city(tmp_path_factory.mktemp("assess_seed"))
    tables = dict(read_dataset(path).tables)
    results = compute_indicators(tables, period=seed_period(), as_of=seed_cut_off())
    return SeedCity(path, tables, results, org_attribute(tables, "level"))
