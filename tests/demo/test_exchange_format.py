"""The seed city is a dataset of the exchange format: the catalogue's fields, read without findings."""

from __future__ import annotations

import csv
from pathlib import Path

from dudao.catalogue import default_catalogue
from dudao.ingest import read_dataset


def test_headers_are_fields_of_the_catalogue(seed_city: Path) -> None:
    catalogue = default_catalogue()
    for path in sorted(seed_city.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as file:
            header = next(csv.reader(file))
        table = catalogue.tables[path.stem]
        assert set(header) <= {field.id for field in table.fields}, path.stem
        required = {field.id for field in table.fields if field.required} | set(table.key)
        assert required <= set(header), path.stem


def test_the_importer_finds_nothing_to_report(seed_city: Path) -> None:
    dataset = read_dataset(seed_city)
    assert [str(finding) for finding in dataset.report.findings] == []
