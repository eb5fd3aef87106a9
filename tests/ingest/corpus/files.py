"""The corpus's clean base city and the few ways its cases spoil it."""

from __future__ import annotations

import zipfile
from pathlib import Path

from tests.ingest.builders import (
    CITY,
    ORG_UNITS,
    SCHOOLS,
    STAGE_ROWS,
    Rows,
    csv_bytes,
    write_folder,
    write_xlsx,
    write_zip,
)

__all__ = ["CITY", "ORG_UNITS", "SCHOOLS", "STAGE_ROWS"]


def city_folder(folder: Path, **tables: Rows) -> Path:
    """The base city as a folder `city/` of CSV files, some tables replaced."""
    return write_folder(folder / "city", {**CITY, **tables})


def city_xlsx(folder: Path, **tables: Rows) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return write_xlsx(folder / "city.xlsx", {**CITY, **tables})


def city_zip(folder: Path, **extra: bytes) -> Path:
    """The base city as `city.zip` of CSV files, with extra members."""
    folder.mkdir(parents=True, exist_ok=True)
    tables = {f"{name}.csv": csv_bytes(rows) for name, rows in CITY.items()}
    return write_zip(folder / "city.zip", {**tables, **extra})


def replaced(rows: Rows, row: int, column: str, value: object) -> list[list[object]]:
    """A copy of `rows` with one cell changed; `row` counts data rows from 1, as the sheet."""
    copy = [list(cells) for cells in rows]
    copy[row - 1][list(rows[0]).index(column)] = value
    return copy


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rewrite_member(path: Path, name: str, data: bytes) -> Path:
    """The zip (or workbook) at `path` with one member's bytes replaced."""
    return write_zip(path, {**members(path), name: data})


def with_doctype(xml: bytes, doctype: bytes) -> bytes:
    """The XML with a DOCTYPE put after its declaration; entities referenced where `&` is."""
    body = xml[xml.index(b"?>") + 2 :] if xml.startswith(b"<?xml") else xml
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + doctype + body
