"""The seed city: a synthetic 广州市 of 2004-2009 whose raw returns reproduce every figure of the
seed duty report (shared/seed/figures.yaml) when computed by the catalogue's definitions."""

from __future__ import annotations

from pathlib import Path

from dudao.demo.city import build_tables
from dudao.demo.writer import write_tables

SEED_CITY_CODE = "440100"


def write_seed_city(out_dir: Path, seed: int = 2009) -> Path:
    """Write the seed city as a folder of exchange-format CSV files; returns `out_dir`."""
    write_tables(out_dir, build_tables(seed))
    return out_dir


__all__ = ["SEED_CITY_CODE", "build_tables", "write_seed_city"]
