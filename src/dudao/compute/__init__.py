"""The indicator engine: compiles the catalogue's formulas to SQL and runs them on DuckDB or Spark."""

from dudao.compute.hierarchy import org_attribute, unit_attribute
from dudao.compute.indicators import compute_indicators
from dudao.compute.results import IndicatorResult, select_results

__all__ = [
    "IndicatorResult",
    "compute_indicators",
    "org_attribute",
    "select_results",
    "unit_attribute",
]
