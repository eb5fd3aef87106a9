"""A snapshot on disk: Parquet files scanned by the engine as it reads them, within a memory cap
(DESIGN.md, scale path) — the same results as the same tables held in memory."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from dudao.catalogue import default_catalogue
from dudao.cli.main import app
from dudao.compute import compute_indicators
from dudao.compute.engine import DuckDBEngine
from dudao.compute.engine_settings import EngineSettings, engine_settings
from dudao.demo import write_seed_city
from dudao.errors import SettingRefused
from dudao.ingest import read_dataset
from tests.compute.test_engines import by_key, differences


@pytest.fixture(scope="module")
def seed_tables(tmp_path_factory: pytest.TempPathFactory) -> Mapping[str, pa.Table]:
    return read_dataset(write_seed_city(tmp_path_factory.mktemp("seed_city"))).tables


def _on_disk(tables: Mapping[str, pa.Table], folder: Path) -> dict[str, ds.Dataset]:
    for table_id, table in tables.items():
        pq.write_table(table, folder / f"{table_id}.parquet", row_group_size=2_000)
    return {table_id: ds.dataset(folder / f"{table_id}.parquet") for table_id in tables}


def test_parquet_files_give_the_results_of_tables_in_memory(
    seed_tables: Mapping[str, pa.Table], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_memory = by_key(compute_indicators(seed_tables))
    # Under a tight cap (at 100 MB the seed city's run fails: DuckDB cannot spill everything),
    # results are unchanged but for the order of float sums (relative differences of 1e-13
    # seen: the tolerance is the one between DuckDB and Spark).
    monkeypatch.setenv("DUDAO_ENGINE_MEMORY_LIMIT", "200MB")
    monkeypatch.setenv("DUDAO_ENGINE_TEMP_DIRECTORY", str(tmp_path / "spill"))
    on_disk = by_key(compute_indicators(_on_disk(seed_tables, tmp_path)))
    assert on_disk.keys() == in_memory.keys() and len(on_disk) > 10_000
    assert {
        key: found for key, r in in_memory.items() if (found := differences(r, on_disk[key]))
    } == {}
    assert {key for key, r in in_memory.items() if r.passed != on_disk[key].passed} == set()


def test_the_engine_takes_its_cap_and_spill_folder_from_the_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = default_catalogue()
    with DuckDBEngine(catalogue, {}) as engine:  # the default: 2 GB, the system's tmp
        default = engine.connection.execute("SELECT current_setting('memory_limit')").fetchall()
    assert default == [("1.8 GiB",)]
    monkeypatch.setenv("DUDAO_ENGINE_MEMORY_LIMIT", "500MB")
    monkeypatch.setenv("DUDAO_ENGINE_TEMP_DIRECTORY", str(tmp_path))
    with DuckDBEngine(catalogue, {}) as engine:
        got = engine.connection.execute(
            "SELECT current_setting('memory_limit'), current_setting('temp_directory')"
        ).fetchall()
    assert got == [("476.8 MiB", str(tmp_path))]


def test_a_cap_that_is_not_an_amount_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUDAO_ENGINE_MEMORY_LIMIT", "lots")
    with pytest.raises(ValidationError, match="memory_limit"):
        EngineSettings()


def test_the_command_line_says_which_setting_is_wrong_in_both_languages(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DUDAO_ENGINE_MEMORY_LIMIT", "lots")
    with pytest.raises(SettingRefused) as refused:
        engine_settings()
    assert "DUDAO_ENGINE_MEMORY_LIMIT='lots'" in refused.value.message_en
    assert "应为内存大小" in refused.value.message_zh
    folder = write_seed_city(tmp_path / "city")
    result = CliRunner().invoke(app, ["compute", str(folder), "--indicator", "ger_preschool"])
    assert result.exit_code == 2
    assert "DUDAO_ENGINE_MEMORY_LIMIT='lots'" in result.output and "2GB" in result.output
