"""Engines that run the compiled indicator SQL over a dataset's Arrow tables.

The indicator SQL is written once, in DuckDB's dialect; DuckDB runs it as it is
(in process, the default), other engines transpile it to their own with sqlglot:
Spark runs the same SQL in local mode or on a cluster (`dudao.compute.spark`).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import TracebackType
from typing import Literal, Protocol, Self, TypeAlias

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds

from dudao.catalogue import Catalogue, empty_table
from dudao.compute.engine_settings import engine_settings
from dudao.compute.hierarchy import org_closure

EngineName = Literal["duckdb", "spark"]
ENGINE_NAMES: tuple[EngineName, ...] = ("duckdb", "spark")
# A table in memory, or one on disk (a Parquet snapshot's file, `pyarrow.dataset.dataset(path)`)
# that the engine scans as its queries read it: at national scale the input then never has
# to fit in the process's memory as a whole (DESIGN.md, scale path).
Source: TypeAlias = pa.Table | ds.Dataset


class Engine(Protocol):
    """A session holding one dataset snapshot, queried in DuckDB's SQL dialect."""

    dialect: str

    def register(self, name: str, table: Source) -> None:
        """Make an Arrow table (or dataset) queryable under `name`, replacing any earlier one."""
        ...

    def run(self, sql: str) -> pa.Table:
        """Execute one statement written in DuckDB's dialect; the result as Arrow."""
        ...

    def materialize(self, name: str, sql: str) -> None:
        """Keep the result of a query (DuckDB's dialect) in the session as table `name`."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...


class EngineSession:
    """Context-manager support shared by the engines: `with open_engine(...) as engine:`."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def load_dataset(engine: Engine, catalogue: Catalogue, tables: Mapping[str, Source]) -> None:
    """Register every catalogue table (empty and typed when absent) and the org closure;
    a run adds the derived views it reads (dudao.compute.views)."""
    for table_id, table_def in catalogue.tables.items():
        engine.register(table_id, tables.get(table_id, empty_table(table_def)))
    org_units = tables.get("org_units", empty_table(catalogue.tables["org_units"]))
    engine.register("org_closure", org_closure(in_memory(org_units)))


def in_memory(table: Source, columns: list[str] | None = None) -> pa.Table:
    """The table (or those of its `columns`) held in memory; a dataset is read for it."""
    if isinstance(table, ds.Dataset):
        return table.to_table(columns=columns)
    return table if columns is None else table.select(columns)


class DuckDBEngine(EngineSession):
    """An in-memory DuckDB session holding one dataset snapshot.

    Its memory is capped (EngineSettings): past the cap DuckDB spills its temporary tables
    to disk instead of growing, so a national run stays within a server's share."""

    dialect = "duckdb"

    def __init__(self, catalogue: Catalogue, tables: Mapping[str, Source]) -> None:
        settings = engine_settings()
        self.connection = duckdb.connect(":memory:", config=settings.duckdb_config())
        self.connection.execute("SET enable_progress_bar = false")
        load_dataset(self, catalogue, tables)

    def register(self, name: str, table: Source) -> None:
        self.connection.register(name, table)

    def run(self, sql: str) -> pa.Table:
        """Execute one query written in DuckDB's dialect, as written: no transpiling, which
        cost a third of a whole-catalogue run (measured on the seed city)."""
        return self.connection.sql(sql).to_arrow_table()

    def materialize(self, name: str, sql: str) -> None:
        """A temporary table in DuckDB's own storage, not an Arrow round trip: queries over
        it plan two to three times faster than over a registered Arrow table (measured on
        the seed city's indicator queries), and no rows go through Python."""
        self.connection.unregister(name)
        self.connection.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")

    def close(self) -> None:
        self.connection.close()


def open_engine(name: EngineName, catalogue: Catalogue, tables: Mapping[str, Source]) -> Engine:
    """The named engine loaded with a dataset; close it, or use it in a `with` block."""
    if name == "duckdb":
        return DuckDBEngine(catalogue, tables)
    if name == "spark":
        from dudao.compute.spark import SparkEngine  # pyspark is the optional extra `spark`

        return SparkEngine(catalogue, tables)
    raise ValueError(f"unknown engine {name!r}; known: {', '.join(ENGINE_NAMES)}")
