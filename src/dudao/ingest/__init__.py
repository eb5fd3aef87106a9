"""Ingest: read a dataset of the exchange format (DATA.md) into Arrow tables and findings."""

from dudao.ingest.check_context import KnownCodes
from dudao.ingest.findings import DatasetRejected, Finding, FindingReport, finding
from dudao.ingest.limits import ReadLimits
from dudao.ingest.reader import Dataset, read_dataset
from dudao.ingest.scope import rows_outside
from dudao.ingest.table_reader import TablePart

__all__ = [
    "Dataset",
    "DatasetRejected",
    "Finding",
    "FindingReport",
    "KnownCodes",
    "ReadLimits",
    "TablePart",
    "finding",
    "read_dataset",
    "rows_outside",
]
