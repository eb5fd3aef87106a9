"""What goes in comes out: the same tables, with nulls, zeros, dates and booleans intact."""

from __future__ import annotations

import pytest

from dudao import store
from dudao.catalogue import arrow_schema, default_catalogue
from tests.store.datasets import city_rows, dataset, sort_by_key, submit_and_approve


def test_snapshot_equals_the_imported_tables(store_url: str) -> None:
    sent = dataset(city_rows())
    imported = store.import_dataset(sent, actor="tester")
    submit_and_approve(imported)

    tables = store.snapshot()

    assert sorted(tables) == sorted(sent.tables)
    for table_id, table in tables.items():
        assert table.schema == arrow_schema(default_catalogue().tables[table_id])
        assert table.equals(sort_by_key(table_id, sent.tables[table_id])), table_id


def test_null_is_not_zero_and_types_survive(store_url: str) -> None:
    store.import_dataset(dataset(city_rows()))

    tables = store.snapshot(data="latest")

    stages = tables["school_stage_year"].to_pylist()
    junior = next(row for row in stages if row["stage"] == "junior")
    assert (junior["enrolment"], junior["entrants"]) == (0, None)
    students = {row["student_id"]: row for row in tables["students"].to_pylist()}
    assert students["S1"]["birth_date"].isoformat() == "2001-02-28"
    assert (students["S1"]["migrant"], students["S2"]["migrant"]) == (False, None)
    assert students["S1"]["special_needs"] is True
    cases = {row["case_id"]: row for row in tables["substitute_cases"].to_pylist()}
    assert (cases["C2"]["compensation"], cases["C1"]["compensation"]) == (0.0, None)
    assert store.snapshot(data="approved") == {}


def test_snapshot_reads_only_the_tables_asked_for(store_url: str) -> None:
    store.import_dataset(dataset(city_rows()))

    assert list(store.snapshot(data="latest", tables=["schools"])) == ["schools"]
    assert store.known_codes("schools", "school_code") == {"4401030001", "4401040002"}
    assert store.known_codes("teachers", "teacher_id") == set()


def test_a_dataset_with_errors_is_refused_and_nothing_stored(store_url: str) -> None:
    from dudao.ingest import DatasetRejected

    sent = dataset(city_rows(), errors=True)

    with pytest.raises(DatasetRejected) as refused:
        store.import_dataset(sent)

    assert refused.value.report is sent.report
    assert store.versions() == []


def test_streams_stored_with_zstd_before_lz4_still_read() -> None:
    import hashlib

    import pyarrow as pa

    from dudao.store.rows import ROW, decode_rows, encode_rows

    sent = dataset(city_rows()).tables["school_stage_year"]
    table = sent.append_column(ROW, pa.array(range(1, sent.num_rows + 1), pa.int64()))
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(
        sink, table.schema, options=pa.ipc.IpcWriteOptions(compression="zstd")
    ) as writer:
        writer.write_table(table)
    zstd = sink.getvalue().to_pybytes()
    definition = default_catalogue().tables["school_stage_year"]

    from_zstd = decode_rows(definition, zstd, hashlib.sha256(zstd).hexdigest())
    lz4 = encode_rows(sent, range(1, sent.num_rows + 1))

    assert from_zstd.equals(decode_rows(definition, lz4.arrow, lz4.sha256))
    assert from_zstd.equals(sent)
