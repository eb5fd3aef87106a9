"""The store's last approved data, as dudao.ingest's rules across years ask for it.

A callable (table id -> Arrow table), like `known_codes`, so that dudao.ingest stays free of
Django: `read_dataset(path, previous=previous_tables)`.
"""

from __future__ import annotations

import pyarrow as pa

from dudao.store.snapshots import snapshot


def previous_tables(table_id: str) -> pa.Table | None:
    """The approved rows of one table (newest approved version per unit and year), or None."""
    return snapshot(data="approved", tables=[table_id]).get(table_id)
