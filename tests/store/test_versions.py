"""Versions per (submitting unit, year); new versions replace only the tables they hold."""

from __future__ import annotations

import pytest

from dudao import store
from dudao.catalogue import default_catalogue
from dudao.store.partition import submitting_unit, version_parts
from tests.store.datasets import city_rows, dataset, submit_and_approve


def test_one_version_per_year_and_one_for_the_registers(store_url: str) -> None:
    result = store.import_dataset(dataset(city_rows()), actor="district")

    placed = {(v.org_code, v.year, v.number): v.row_counts for v in result.versions}
    assert placed == {
        ("440100", None, 1): {"org_units": 3, "schools": 2, "substitute_cases": 2},
        ("440100", 2008, 1): {"school_stage_year": 2, "school_year": 1},
        ("440100", 2009, 1): {"school_stage_year": 2, "school_year": 1, "students": 2},
    }
    assert not result.reused
    assert store.versions() == result.versions


def test_a_changed_dataset_makes_version_two_and_version_one_stays_readable(store_url: str) -> None:
    first = store.import_dataset(dataset(city_rows()))
    changed = city_rows()
    changed["schools"][0]["name"] = "沙面第一小学"
    second = store.import_dataset(dataset(changed))

    assert [v.number for v in second.versions] == [2, 2, 2]
    names = store.snapshot(data="latest")["schools"].column("name").to_pylist()
    assert names[0] == "沙面第一小学"
    registers = next(v for v in first.versions if v.year is None)
    assert store.version_tables(registers.id)["schools"].column("name")[0].as_py() == "沙面小学"


def test_a_partial_version_replaces_only_the_tables_it_holds(store_url: str) -> None:
    store.import_dataset(dataset(city_rows()))
    only_conditions = {
        "school_year": [{"school_code": "4401030001", "year": 2009, "land_area": 15000.0}]
    }
    result = store.import_dataset(dataset(only_conditions), org_code="440100")

    assert [(v.year, v.number, v.tables) for v in result.versions] == [(2009, 2, ("school_year",))]
    tables = store.snapshot(data="latest")
    assert tables["school_year"].column("land_area").to_pylist() == [12000.5, 15000.0]
    assert tables["school_stage_year"].num_rows == 4  # still version 1 of 2008 and 2009
    assert tables["students"].num_rows == 2


def test_the_same_bytes_again_return_the_stored_versions(store_url: str) -> None:
    from dudao.store.models import Submission, VersionTable

    first = store.import_dataset(dataset(city_rows()))
    tables = VersionTable.objects.count()
    again = store.import_dataset(dataset(city_rows()))

    assert again.reused
    assert (again.submission_id, again.versions) == (first.submission_id, first.versions)
    assert (Submission.objects.count(), VersionTable.objects.count()) == (1, tables)


def test_across_units_the_newest_row_of_a_key_wins(store_url: str) -> None:
    store.import_dataset(dataset(city_rows()))
    district = {
        "org_units": [{"code": "440103", "name": "荔湾区", "level": "district"}],
        "schools": [{**city_rows()["schools"][0], "name": "荔湾沙面小学"}],
    }
    result = store.import_dataset(dataset(district))

    assert {(v.org_code, v.number) for v in result.versions} == {("440103", 1)}
    schools = store.snapshot(data="latest")["schools"]
    assert schools.column("name").to_pylist() == ["荔湾沙面小学", "𠮷祥中学"]
    assert store.snapshot(data="latest")["org_units"].num_rows == 3


def test_the_approved_snapshot_reads_approved_returns_only(store_url: str) -> None:
    first = store.import_dataset(dataset(city_rows()))
    assert store.snapshot(data="approved") == {}  # drafts are latest data only
    keys = submit_and_approve(first)
    assert {v.status for v in store.versions()} == {"approved"}

    store.unapprove(keys, acting_org="440100", actor="reviewer")
    store.send_back(keys, acting_org="440100", actor="reviewer", comment="2008 小学在校生有误")
    changed = city_rows()
    changed["school_stage_year"][0]["enrolment"] = 1
    second = store.import_dataset(dataset(changed))

    assert store.snapshot(data="approved") == {}  # nothing stands approved now
    latest = store.snapshot(data="latest")["school_stage_year"].column("enrolment")
    assert latest[0].as_py() == 1
    statuses = [(v.number, v.status, v.comment) for v in store.versions(year=2008)]
    assert statuses == [(1, "sent_back", "2008 小学在校生有误"), (2, "draft", "")]

    submit_and_approve(second)
    approved = store.snapshot(data="approved")["school_stage_year"].column("enrolment")
    assert approved[0].as_py() == 1
    approved_versions = store.versions(status="approved")
    assert {(v.number, v.approved_by) for v in approved_versions} == {
        (1, "reviewer"),
        (2, "reviewer"),
    }
    assert all(v.approved_at is not None for v in approved_versions)


def test_the_submitting_unit_is_the_root_or_must_be_named() -> None:
    tables = dataset(city_rows()).tables
    assert submitting_unit(tables) == "440100"
    with pytest.raises(store.ImportRefused, match="no org_units"):
        submitting_unit({})
    two_roots = dataset({"org_units": city_rows()["org_units"][1:]}).tables
    with pytest.raises(store.ImportRefused, match="2 root units"):
        submitting_unit(two_roots)


def test_a_dataset_without_rows_is_refused() -> None:
    empty = dataset({"schools": []}).tables
    with pytest.raises(store.ImportRefused, match="no rows"):
        version_parts(empty, default_catalogue())


def test_rows_outside_the_submitting_unit_are_refused_and_nothing_is_stored(
    store_url: str,
) -> None:
    from dudao.ingest import DatasetRejected
    from dudao.store.models import SubmissionVersion

    store.import_dataset(dataset(city_rows()))  # the city's registers: the hierarchy is known
    before = SubmissionVersion.objects.count()
    district = {"population_year": [{"org_code": "440104", "year": 2009, "age_6_11": 10}]}
    with pytest.raises(DatasetRejected) as rejected:
        store.import_dataset(dataset(district), org_code="440103")
    (finding,) = rejected.value.report.findings
    assert (finding.code, finding.column, finding.value) == (
        "outside_submitter",
        "org_code",
        "440104",
    )
    assert SubmissionVersion.objects.count() == before


def test_rows_of_a_year_keep_their_order_and_their_rows_in_the_dataset() -> None:
    rows = city_rows()
    stages = rows["school_stage_year"]
    rows["school_stage_year"] = [stages[2], stages[0], stages[3], stages[1]]  # years interleaved
    sent = dataset(rows).tables["school_stage_year"]
    years = sent.column("year").to_pylist()

    parts = version_parts({"school_stage_year": sent}, default_catalogue())

    for year in sorted(set(years)):
        (part,) = parts[year]
        expected = [number for number, of in enumerate(years, start=1) if of == year]
        assert part.row_numbers.to_pylist() == expected
        assert part.rows.to_pylist() == [sent.slice(n - 1, 1).to_pylist()[0] for n in expected]
    assert list(parts) == sorted(set(years))
