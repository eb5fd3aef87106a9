"""Every corpus case: its findings, named in zh and en; no crash; no partial write."""

from __future__ import annotations

import importlib
import os
import pkgutil
import re
from pathlib import Path

import pytest

import tests.ingest.corpus as corpus
from dudao import store
from dudao.ingest import Dataset, DatasetRejected, Finding, read_dataset
from tests.ingest.corpus.case import ANY, CASES, Case, Expect

for _module in pkgutil.iter_modules(corpus.__path__):
    importlib.import_module(f"{corpus.__name__}.{_module.name}")

HAN = re.compile(r"[\u4e00-\u9fff]")


SLOW = os.environ.get("DUDAO_CORPUS_SLOW") == "1"  # else slow cases run in `make bench` only


def _params() -> list[object]:
    skip = pytest.mark.skipif(not SLOW, reason="slow: set DUDAO_CORPUS_SLOW=1, or `make bench`")
    marks = {True: [pytest.mark.slow, skip], False: []}
    return [pytest.param(one, id=one.id, marks=marks[one.slow]) for one in CASES]


@pytest.mark.parametrize("one", _params())
def test_case(one: Case, tmp_path: Path, store_url: str) -> None:
    path = one.write(tmp_path)
    dataset = read_dataset(path, limits=one.limits)
    found = dataset.report.findings + _import(one, dataset)
    assert {f.code for f in found} == one.codes, [f.to_json() for f in found]
    for expected in one.expect:
        _assert_named(expected, found, tmp_path)


def _import(one: Case, dataset: Dataset) -> list[Finding]:
    """Import into the fresh store: refused leaves nothing; accepted stores every row."""
    try:
        store.import_dataset(dataset, org_code=one.org)
    except DatasetRejected as rejected:
        assert _stored() == {}, "a refused import wrote rows"
        return [f for f in rejected.report.findings if f not in dataset.report.findings]
    assert not dataset.report.has_errors
    counts = {table_id: table.num_rows for table_id, table in dataset.tables.items()}
    assert _stored() == {table_id: n for table_id, n in counts.items() if n}
    if one.stored is not None:
        one.stored(_stored_rows())
    return []


def _stored_rows() -> dict[str, list[dict[str, object]]]:
    """Every stored row by table, oldest version first, without its null fields."""
    rows: dict[str, list[dict[str, object]]] = {}
    for version in store.versions():
        for table_id, table in store.version_tables(version.id).items():
            rows.setdefault(table_id, []).extend(
                {name: value for name, value in row.items() if value is not None}
                for row in table.to_pylist()
            )
    return rows


def _stored() -> dict[str, int]:
    counts: dict[str, int] = {}
    for version in store.versions():
        for table_id, rows in version.row_counts.items():
            counts[table_id] = counts.get(table_id, 0) + rows
    return counts


def _assert_named(expected: Expect, found: list[Finding], folder: Path) -> None:
    """A finding of the expected code at the expected place, its messages in zh and en."""
    matches = [f for f in found if f.code == expected.code and _at(expected, f, folder)]
    assert matches, (expected, [f.to_json() for f in found])
    for f in matches:
        assert HAN.search(f.message_zh) and HAN.search(f.expected_zh), f
        assert f.message_en.startswith(f"File {f.file}") and f.expected_en in f.message_en, f
        assert f.message_zh.startswith(f"文件 {f.file}") and f.expected_zh in f.message_zh, f
        if f.value is not None:
            assert f.value in f.message_zh and f.value in f.message_en, f
        if f.row is not None:
            assert f"第 {f.row} 行" in f.message_zh and f"row {f.row}" in f.message_en, f


def _at(expected: Expect, found: Finding, folder: Path) -> bool:
    relative = Path(found.file).relative_to(folder).as_posix()
    pairs = [
        (expected.file, relative),
        (expected.sheet, found.sheet),
        (expected.row, found.row),
        (expected.column, found.column),
        (expected.value, found.value),
    ]
    return all(wanted is ANY or wanted == actual for wanted, actual in pairs)
