"""The rows of a dataset that lie outside its submitting unit, placed with the dataset's and
the store's hierarchy (the dataset's own rows win: they are what is being sent)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pyarrow as pa

from dudao.catalogue import Catalogue
from dudao.ingest import Dataset, Finding, TablePart, rows_outside
from dudao.ingest.sheets import Place
from dudao.store.snapshots import snapshot


def outside_submitter(dataset: Dataset, unit: str, catalogue: Catalogue) -> list[Finding]:
    stored = snapshot(data="latest", tables=["org_units", "schools"], catalogue=catalogue)
    sources = (stored, dataset.tables)
    parents = _pairs(sources, "org_units", "code", "parent_code")
    school_orgs = {
        code: org
        for code, org in _pairs(sources, "schools", "school_code", "org_code").items()
        if org
    }
    parts = dataset.parts or _parts(dataset, catalogue)
    return rows_outside(parts, unit, parents, school_orgs)


def _pairs(
    sources: Sequence[Mapping[str, pa.Table]], table_id: str, key: str, value: str
) -> dict[str, str | None]:
    """key -> value over the sources' tables, later sources winning."""
    pairs: dict[str, str | None] = {}
    for tables in sources:
        if table_id in tables:
            columns = tables[table_id].select([key, value]).to_pydict()
            pairs.update(zip(columns[key], columns[value], strict=True))
    return pairs


def _parts(dataset: Dataset, catalogue: Catalogue) -> list[TablePart]:
    """Datasets built in code have no sheets: their rows are numbered as a CSV's would be."""
    place = Place(dataset.source, None, catalogue)
    return [
        TablePart(catalogue.tables[table_id], place, table, list(range(2, table.num_rows + 2)))
        for table_id, table in dataset.tables.items()
    ]
