"""Limits on what one upload may make the reader do (SECURITY.md "Uploads"); each a setting."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class ReadLimits(BaseSettings):
    """SECURITY.md's defaults, each overridable by DUDAO_<NAME> (e.g. DUDAO_MAX_ROWS=500000).

    Read from the environment when constructed: `read_dataset` without `limits` takes
    `ReadLimits()`, so a deployment sets them once; a caller may pass its own.
    """

    model_config = SettingsConfigDict(env_prefix="DUDAO_", frozen=True)

    max_ratio: float = Field(default=200.0, gt=1)  # uncompressed : compressed, per archive entry
    max_total_bytes: int = Field(
        default=2 * 1024**3, gt=0
    )  # uncompressed, one archive's entries in all
    max_entries: int = Field(default=10_000, gt=0)  # entries of one archive (xlsx or zip)
    max_rows: int = Field(default=2_000_000, gt=0)  # data rows per sheet or CSV file
    # Header cells per sheet: rows are held a batch at a time, each as wide as the header
    # (the widest table has 46 fields; 128 pointers x 65,536 rows is 64 MB at most).
    max_columns: int = Field(default=128, gt=0)
    chunk_bytes: int = Field(
        default=1024 * 1024, gt=0
    )  # decompression is counted in chunks this big
