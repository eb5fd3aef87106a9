"""Schools' figures a batch of schools at a time equal those of one run with schools as units."""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from dudao.catalogue import default_catalogue
from dudao.compute import as_results, compute_table
from dudao.compute.kinds import DEFAULT_KINDS, kinds_by_name
from dudao.compute.school_batches import _cut, _own_rows_only, school_batches
from dudao.demo import write_seed_city
from dudao.ingest import read_dataset
from tests.compute.test_engines import by_key, differences


@pytest.fixture(scope="module")
def seed_tables(tmp_path_factory: pytest.TempPathFactory) -> Mapping[str, pa.Table]:
    return read_dataset(write_seed_city(tmp_path_factory.mktemp("seed_city"))).tables


def test_batches_of_schools_on_disk_give_the_whole_runs_school_figures(
    seed_tables: Mapping[str, pa.Table], tmp_path: Path
) -> None:
    whole = compute_table(seed_tables, school_level=True)
    schools = seed_tables["schools"]["school_code"]
    expected = whole.filter(pc.is_in(whole["unit_code"], value_set=schools))
    for table_id, table in seed_tables.items():
        pq.write_table(table, tmp_path / f"{table_id}.parquet", row_group_size=1_000)
    on_disk = {table_id: ds.dataset(tmp_path / f"{table_id}.parquet") for table_id in seed_tables}
    batches = list(school_batches(on_disk, schools_per_batch=1_500))
    assert len(batches) == 3  # 3,769 schools
    got = pa.concat_tables(batches)
    assert got.num_rows == expected.num_rows > 100_000
    indicators = default_catalogue().indicators
    before, after = by_key(as_results(expected, indicators)), by_key(as_results(got, indicators))
    assert before.keys() == after.keys()
    for key, result in before.items():
        other = after[key]
        assert not differences(result, other), key
        assert (result.passed, result.notes) == (other.passed, other.notes), key
        assert _close(result.evidence, other.evidence), key


def _close(a: object, b: object) -> bool:
    """Equal, floats within 1e-9: a school's sums may be added in another order in a batch."""
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def test_a_table_naming_schools_is_cut_to_the_batch_and_one_naming_none_is_read_whole(
    seed_tables: Mapping[str, pa.Table], tmp_path: Path
) -> None:
    batch = seed_tables["schools"]["school_code"].combine_chunks()[:2]
    pq.write_table(seed_tables["school_year"], tmp_path / "school_year.parquet")
    for source in (seed_tables["school_year"], ds.dataset(tmp_path / "school_year.parquet")):
        cut = _cut(source, batch)
        rows = cut.to_table() if isinstance(cut, ds.Dataset) else cut
        assert rows.num_rows > 0 and set(rows["school_code"].to_pylist()) == set(batch.to_pylist())
    assert _cut(seed_tables["org_year"], batch) is seed_tables["org_year"]


def test_an_indicator_reading_beyond_its_school_cannot_be_batched() -> None:
    catalogue = default_catalogue()
    growth = next(i for i in catalogue.indicators.values() if i.kind == "growth")
    with pytest.raises(ValueError, match=growth.id):
        _own_rows_only([growth], kinds_by_name(DEFAULT_KINDS))
