"""The stored data as Arrow tables, the way compute reads it.

For each return (submitting unit, year) and each table, the rows come from the newest version
that holds that table: a new version replaces only the tables it holds. data="approved" reads
approved and verified returns only, each as of the version its approval covers; "latest" reads
every return's newest versions, drafts included. Across units, rows with the same key keep the
newest version's row.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Literal

import pyarrow as pa
import pyarrow.compute as pc

from dudao.catalogue import Catalogue, TableDef, default_catalogue, empty_table
from dudao.store.audit import record_event
from dudao.store.models import SubmissionVersion, VersionTable
from dudao.store.rows import decode_rows, newest_per_key
from dudao.store.states import ReturnKey, return_states

Data = Literal["approved", "latest"]
IDS_PER_QUERY = 500  # stays far below SQLite's limit on bound parameters


def snapshot(
    *,
    data: Data = "approved",
    tables: Iterable[str] | None = None,
    catalogue: Catalogue | None = None,
) -> dict[str, pa.Table]:
    """Table id -> Arrow table with the catalogue's schema, rows sorted by key; empty tables left out.

    data="approved" reads approved (and verified) returns as approved; "latest" the newest
    versions of every return, whatever its state.
    """
    # No transaction needed: a version and its rows commit together and never change.
    catalogue = catalogue or default_catalogue()
    return _read(catalogue, chosen_versions(data), tables)


def export(
    purpose: str,
    *,
    actor: str,
    data: Data = "approved",
    tables: Iterable[str] | None = None,
    catalogue: Catalogue | None = None,
) -> dict[str, pa.Table]:
    """`snapshot`, for data leaving the store (a report, a template, computed figures): recorded
    as an `export` audit event naming the versions read (SECURITY.md: export is audited)."""
    catalogue = catalogue or default_catalogue()
    chosen = chosen_versions(data)
    result = _read(catalogue, chosen, tables)
    versions = sorted({version for table_id in result for version in chosen[table_id]})
    record_event(
        "export",
        actor=actor,
        object_type="snapshot",
        object_id=hashlib.sha256(json.dumps(versions).encode()).hexdigest(),
        after={"purpose": purpose, "data": data, "tables": sorted(result), "versions": versions},
    )
    return result


def _read(
    catalogue: Catalogue, chosen: dict[str, list[int]], tables: Iterable[str] | None
) -> dict[str, pa.Table]:
    wanted = set(catalogue.tables if tables is None else tables)
    result: dict[str, pa.Table] = {}
    for table_id, definition in catalogue.tables.items():
        if table_id in wanted and table_id in chosen:
            rows = stored_rows(definition, chosen[table_id])
            if rows.num_rows:
                result[table_id] = newest_per_key(rows, definition.key)
    return result


def known_codes(table_id: str, field_id: str) -> set[str]:
    """The values of one field over the latest data of every status, for reference checks."""
    table = snapshot(data="latest", tables=[table_id]).get(table_id)
    if table is None:
        return set()
    return {str(value) for value in pc.drop_null(table.column(field_id)).to_pylist()}


def version_tables(version_id: int, catalogue: Catalogue | None = None) -> dict[str, pa.Table]:
    """The tables one version holds, as stored: superseded versions stay readable."""
    catalogue = catalogue or default_catalogue()
    held = SubmissionVersion.objects.values_list("tables", flat=True).get(pk=version_id)
    return {table_id: stored_rows(catalogue.tables[table_id], [version_id]) for table_id in held}


def chosen_versions(data: Data) -> dict[str, list[int]]:
    """Table id -> ids (ascending) of the version that supplies it for each (unit, year)."""
    selected = SubmissionVersion.objects.order_by("number")
    approved = _approved_numbers() if data == "approved" else {}
    if data == "approved":
        selected = selected.filter(org_code__in={key.org_code for key in approved})
    newest: dict[tuple[str, int | None, str], int] = {}
    fields = ("id", "org_code", "year", "number", "tables")
    for version_id, org_code, year, number, held in selected.values_list(*fields).iterator():
        if data == "approved" and number > approved.get(ReturnKey(org_code, year), 0):
            continue  # not approved, or stored after the approval
        for table_id in held:
            newest[(org_code, year, table_id)] = version_id  # ascending number: later wins
    by_table: dict[str, list[int]] = defaultdict(list)
    for (_, _, table_id), version_id in newest.items():
        by_table[table_id].append(version_id)
    return {table_id: sorted(ids) for table_id, ids in by_table.items()}


def _approved_numbers() -> dict[ReturnKey, int]:
    """Approved or verified return -> the newest version number its approval covers."""
    return {
        key: state.number
        for key, state in return_states().items()
        if state.status in ("approved", "verified") and state.number is not None
    }


def stored_rows(table: TableDef, version_ids: list[int]) -> pa.Table:
    """The rows the versions hold of `table`, by version (ascending id) then row, typed by the
    catalogue; an empty table when none holds any."""
    parts = list(_decoded(table, version_ids))
    return pa.concat_tables(parts) if parts else empty_table(table)


def _decoded(table: TableDef, version_ids: list[int]) -> Iterator[pa.Table]:
    for start in range(0, len(version_ids), IDS_PER_QUERY):
        chunk = version_ids[start : start + IDS_PER_QUERY]
        stored = (
            VersionTable.objects.filter(table_id=table.id, version_id__in=chunk)
            .order_by("version_id")
            .values_list("arrow", "sha256")
        )
        yield from (decode_rows(table, arrow, sha256) for arrow, sha256 in stored)
