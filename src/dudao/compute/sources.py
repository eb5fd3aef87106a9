"""Where an explained figure's data came from: a dataset file, or the store's versions.

A source is relevant to a figure when it holds a table the figure reads, for one of
the years it reads (or holds registers, which have no year), from a submitting unit
that is the figure's unit, above it or below it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from dudao.store import VersionInfo


@dataclass(frozen=True)
class DataSource:
    kind: Literal["file", "version"]
    label: str  # the path, or "version 12 (submission 3)"
    tables: tuple[str, ...] = ()  # () = any table
    org_code: str | None = None  # the submitting unit (versions)
    year: int | None = None  # the version's year; None for registers and files
    sha256: str | None = None  # of the file, or of the submission's bytes
    details: dict[str, object] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "label": self.label,
            "tables": list(self.tables),
            "org_code": self.org_code,
            "year": self.year,
            "sha256": self.sha256,
            **self.details,
        }


def file_source(path: str, sha256: str, tables: Iterable[str] = ()) -> DataSource:
    """A dataset read from a file or folder (its digest: dudao.ingest's `Dataset.sha256`)."""
    return DataSource("file", path, tuple(sorted(tables)), sha256=sha256)


def version_sources(versions: Sequence[VersionInfo], data: str = "approved") -> list[DataSource]:
    """The versions a store snapshot reads: for each (unit, year, table), the newest one.

    Mirrors dudao.store.snapshot's choice: `approved` reads approved versions only.
    """
    newest: dict[tuple[str, int | None, str], VersionInfo] = {}
    for version in sorted(versions, key=lambda v: v.number):
        if data == "approved" and version.status not in ("approved", "verified"):
            continue
        for table in version.tables:
            newest[(version.org_code, version.year, table)] = version
    supplied: dict[int, list[str]] = {}
    chosen: dict[int, VersionInfo] = {}
    for (_, _, table), version in newest.items():
        supplied.setdefault(version.id, []).append(table)
        chosen[version.id] = version
    return [_version_source(chosen[id_], supplied[id_]) for id_ in sorted(chosen)]


def _version_source(version: VersionInfo, tables: list[str]) -> DataSource:
    when = "" if version.year is None else f" {version.year}"
    return DataSource(
        "version",
        f"version {version.id} (submission {version.submission_id}, "
        f"{version.org_code}{when} no. {version.number}, {version.status})",
        tuple(sorted(tables)),
        org_code=version.org_code,
        year=version.year,
        details={
            "version_id": version.id,
            "submission_id": version.submission_id,
            "number": version.number,
            "status": version.status,
            "approved_by": version.approved_by or None,
            "approved_at": version.approved_at.isoformat() if version.approved_at else None,
        },
    )


def relevant(
    sources: Iterable[DataSource],
    *,
    tables: Collection[str],
    years: Collection[int],
    units: Collection[str],
) -> list[DataSource]:
    """The sources a figure read, by table, year (registers always) and submitting unit;
    each listing only the tables the figure read."""
    return [
        replace(source, tables=tuple(sorted(set(source.tables) & set(tables))) or source.tables)
        for source in sources
        if (not source.tables or set(source.tables) & set(tables))
        and (source.year is None or source.year in years)
        and (source.org_code is None or source.org_code in units)
    ]
