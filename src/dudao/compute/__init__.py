"""The indicator engine: compiles the catalogue's formulas to SQL and runs them on DuckDB."""

from dudao.compute.indicators import compute_indicators
from dudao.compute.results import IndicatorResult

__all__ = ["IndicatorResult", "compute_indicators"]
