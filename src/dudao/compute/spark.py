"""Run the compiled indicator SQL on Apache Spark: the same SQL, in Spark's dialect.

Tables go in and results come out as Arrow. One local session per process is
started on first use (starting Spark costs seconds) and each engine works in
its own child session, so that two engines never see each other's views.
"""

from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Mapping

import pyarrow as pa
from pyspark.sql import DataFrame, SparkSession

from dudao.catalogue import Catalogue
from dudao.compute.engine import EngineSession, Source, in_memory, load_dataset
from dudao.compute.spark_sql import to_spark_sql

SPARK_MASTER_ENV = "DUDAO_SPARK_MASTER"


@functools.cache
def spark_session() -> SparkSession:
    """The process's Spark session: local[2] unless DUDAO_SPARK_MASTER names another master."""
    # Scratch space in a private temporary folder: parallel test workers never share it.
    scratch = tempfile.mkdtemp(prefix="dudao-spark-")
    builder = (
        SparkSession.builder.master(os.environ.get(SPARK_MASTER_ENV, "local[2]"))
        .appName("dudao")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.local.dir", scratch)
        .config("spark.sql.warehouse.dir", os.path.join(scratch, "warehouse"))
        .config("spark.driver.extraJavaOptions", f"-Djava.io.tmpdir={scratch}")
    )
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


class SparkEngine(EngineSession):
    """A Spark session holding one dataset snapshot as temporary views."""

    dialect = "spark"

    def __init__(self, catalogue: Catalogue, tables: Mapping[str, Source]) -> None:
        self.session = spark_session().newSession()
        self.views: list[str] = []
        load_dataset(self, catalogue, tables)

    def register(self, name: str, table: Source) -> None:
        frame: DataFrame = self.session.createDataFrame(in_memory(table))
        frame.createOrReplaceTempView(name)
        self.views.append(name)

    def run(self, sql: str) -> pa.Table:
        """Execute one query written in DuckDB's dialect, transpiled to Spark's."""
        return self.session.sql(to_spark_sql(sql)).toArrow()

    def materialize(self, name: str, sql: str) -> None:
        """Collected once and registered: a lazy view would recompute it in every query."""
        self.register(name, self.run(sql))

    def close(self) -> None:
        # The shared process session lives on; only this engine's views go.
        for name in dict.fromkeys(self.views):
            self.session.catalog.dropTempView(name)
        self.views.clear()
