"""Run the compiled indicator SQL on DuckDB, in process, over a dataset's Arrow tables."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import closing

import duckdb
import pyarrow as pa
import sqlglot

from dudao.catalogue import Catalogue, empty_table
from dudao.compute.hierarchy import org_closure
from dudao.compute.membership import membership_query


class DuckDBEngine:
    """An in-memory DuckDB session holding one dataset snapshot."""

    dialect = "duckdb"

    def __init__(self, catalogue: Catalogue, tables: Mapping[str, pa.Table]) -> None:
        self.connection = duckdb.connect(":memory:")
        self.connection.execute("SET enable_progress_bar = false")
        for table_id, table_def in catalogue.tables.items():
            self.register(table_id, tables.get(table_id, empty_table(table_def)))
        self.register("org_closure", org_closure(self._table("org_units")))
        self.register("school_membership", self.run(membership_query(catalogue)))

    def register(self, name: str, table: pa.Table) -> None:
        self.connection.register(name, table)

    def run(self, sql: str) -> pa.Table:
        """Execute one query written in DuckDB's dialect, transpiled to the engine's."""
        (statement,) = sqlglot.transpile(sql, read="duckdb", write=self.dialect)
        return self.connection.sql(statement).to_arrow_table()

    def close(self) -> None:
        self.connection.close()

    def _table(self, name: str) -> pa.Table:
        return self.connection.sql(f"SELECT * FROM {name}").to_arrow_table()


def open_engine(catalogue: Catalogue, tables: Mapping[str, pa.Table]) -> closing[DuckDBEngine]:
    return closing(DuckDBEngine(catalogue, tables))
