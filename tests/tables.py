"""Build small exchange-format Arrow tables from row dicts, typed by the catalogue."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pyarrow as pa
from pyarrow import csv

from dudao.catalogue import arrow_schema, default_catalogue


def arrow_tables(
    rows_by_table: Mapping[str, Sequence[Mapping[str, object]]],
) -> dict[str, pa.Table]:
    """Each table with every declared field; fields a row leaves out are null."""
    tables = {}
    for table_id, rows in rows_by_table.items():
        schema = arrow_schema(default_catalogue().tables[table_id])
        columns = {name: [row.get(name) for row in rows] for name in schema.names}
        tables[table_id] = pa.Table.from_pydict(columns, schema=schema)
    return tables


def write_csv_folder(tables: Mapping[str, pa.Table], folder: Path) -> Path:
    """A dataset folder as DATA.md describes: `<table id>.csv`, field ids as headers."""
    folder.mkdir(parents=True, exist_ok=True)
    for table_id, table in tables.items():
        csv.write_csv(table, folder / f"{table_id}.csv")
    return folder
