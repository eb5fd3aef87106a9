"""The generator is a function of its seed: same seed, same bytes; another seed, other schools."""

from __future__ import annotations

from pathlib import Path

from dudao.demo import write_seed_city

TABLES = {"org_units", "schools", "school_stage_year", "school_year", "population_year", "fiscal_year", "org_year", "projects", "programmes", "designations", "substitute_cases"}  # fmt: skip


def test_every_table_is_written(seed_city: Path) -> None:
    assert {path.stem for path in seed_city.glob("*.csv")} == TABLES


def test_the_same_seed_gives_the_same_bytes(seed_city: Path, tmp_path: Path) -> None:
    again = write_seed_city(tmp_path / "again")
    assert again == tmp_path / "again"
    for table in sorted(TABLES):
        assert (again / f"{table}.csv").read_bytes() == (seed_city / f"{table}.csv").read_bytes(), (
            table
        )


def test_another_seed_gives_other_schools(seed_city: Path, tmp_path: Path) -> None:
    other = write_seed_city(tmp_path / "other", seed=7)
    for table in ("schools", "school_stage_year"):
        assert (other / f"{table}.csv").read_bytes() != (seed_city / f"{table}.csv").read_bytes(), (
            table
        )
    assert (other / "org_units.csv").read_bytes() == (seed_city / "org_units.csv").read_bytes()
