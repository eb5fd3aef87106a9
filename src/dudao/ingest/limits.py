"""Limits on what one upload may make the reader do (SECURITY.md "Uploads"); each a setting."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadLimits:
    """Defaults of SECURITY.md: zip ratio, total size and entries; rows per sheet."""

    max_ratio: float = 200.0  # uncompressed : compressed, per archive entry
    max_total_bytes: int = 2 * 1024**3  # uncompressed, all entries of an archive together
    max_entries: int = 10_000
    max_rows: int = 2_000_000  # data rows per sheet or CSV file
    chunk_bytes: int = 1024 * 1024  # decompression is counted in chunks of this size
