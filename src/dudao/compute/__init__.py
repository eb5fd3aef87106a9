"""The indicator engine: compiles the catalogue's formulas to SQL and runs them on DuckDB or Spark."""

from dudao.compute.hierarchy import org_attribute, unit_attribute
from dudao.compute.indicators import compute_indicators, compute_table
from dudao.compute.results import RESULT_SCHEMA, IndicatorResult, as_results, select_table

__all__ = [
    "RESULT_SCHEMA",
    "IndicatorResult",
    "as_results",
    "compute_indicators",
    "compute_table",
    "org_attribute",
    "select_table",
    "unit_attribute",
]
