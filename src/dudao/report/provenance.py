"""The data a report's figures come from, printed in the traceability appendix: for each
figure, the store versions (or the dataset file) it read.

Which sources a figure read is decided the way `dudao explain` decides it
(`dudao.compute.sources.relevant`): the tables its indicator and the indicators its
test compares read, the years it reads (t-1 for growths and tests, a-1 … b for a
period's figures), and the submitting units at, above or below its unit.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dudao.catalogue import Catalogue, Language
from dudao.compute import IndicatorResult
from dudao.compute.explain import _tables_read  # the tables explain says a figure read
from dudao.compute.kinds import DEFAULT_KINDS, kinds_by_name
from dudao.compute.selection import with_dependencies
from dudao.compute.sources import DataSource, file_source, relevant, version_sources


@dataclass(frozen=True)
class Provenance:
    """The report's data as a whole (`label`) and its sources, to name each figure's."""

    label: str
    sources: tuple[DataSource, ...] = ()
    data: str = "approved"  # which versions a store snapshot reads
    _cache: dict[tuple[object, ...], str] = field(default_factory=dict, compare=False)
    _tables: dict[str, frozenset[str]] = field(default_factory=dict, compare=False)

    def of(
        self,
        result: IndicatorResult,
        catalogue: Catalogue,
        related: Sequence[str],
        language: Language = "zh-Hans",
    ) -> str:
        """The sources `result` (of a unit whose related units are `related`) read, named
        in the report's language."""
        if not any(source.kind == "version" for source in self.sources):
            return self.label  # one file: every figure read it
        key = (result.indicator, result.unit_code, result.year, result.period, language)
        if key not in self._cache:
            found = relevant(
                self.sources,
                tables=self._tables_of(catalogue, result.indicator),
                years=_years_read(catalogue, result),
                units=related,
            )
            self._cache[key] = versions_text(found, self.data, language)
        return self._cache[key]

    def _tables_of(self, catalogue: Catalogue, indicator_id: str) -> frozenset[str]:
        if indicator_id not in self._tables:
            registry = kinds_by_name(DEFAULT_KINDS)
            indicators = with_dependencies(catalogue, [indicator_id], registry)
            self._tables[indicator_id] = frozenset(_tables_read(catalogue, indicators))
        return self._tables[indicator_id]


VERSIONS = {  # (approved, latest) versions, as each language's appendix names them
    "zh-Hans": ("已审核版本", "最新版本"),
    "zh-Hant": ("已審核版本", "最新版本"),
    "en": ("approved versions", "latest versions"),
}


def versions_text(
    sources: Sequence[DataSource], data: str = "approved", language: Language = "zh-Hans"
) -> str:
    """`已审核版本 #3, #5–#9` / `approved versions #3, #5–#9`: the version ids as runs."""
    ids = sorted(int(str(s.details["version_id"])) for s in sources if s.kind == "version")
    if not ids:
        return "—"
    runs: list[list[int]] = []
    for id_ in ids:
        if runs and id_ == runs[-1][-1] + 1:
            runs[-1].append(id_)
        else:
            runs.append([id_])
    shown = ", ".join(f"#{r[0]}" if len(r) == 1 else f"#{r[0]}–#{r[-1]}" for r in runs)
    approved, latest = VERSIONS[language]
    return f"{approved if data == 'approved' else latest} {shown}"


def _years_read(catalogue: Catalogue, result: IndicatorResult) -> set[int]:
    """The figure's year, t-1 for growths and tests, a-1 … b for a period's figure."""
    if result.period is not None:
        return set(range(result.period[0] - 1, result.period[1] + 1))
    if result.year is None:
        return set()
    registry = kinds_by_name(DEFAULT_KINDS)
    indicator = catalogue.indicators[result.indicator]
    earlier = getattr(registry[indicator.kind], "previous", False) or indicator.kind == "compliance"
    return {result.year, result.year - 1} if earlier else {result.year}


def store_version(data: str = "approved") -> Provenance:
    """The store's versions the snapshot reads: how many, their id range, the last approval."""
    from dudao import store

    versions = store.versions()
    sources = tuple(version_sources(versions, data))
    if data == "approved":
        versions = [v for v in versions if v.status in ("approved", "verified")]
    if not versions:
        return Provenance("存储 store: —", sources, data)
    ids = sorted(version.id for version in versions)
    approved = [v.approved_at for v in versions if v.approved_at is not None]
    last = max(approved).strftime("%Y-%m-%d %H:%M") if approved else "—"
    word = "已审核" if data == "approved" else "最新"
    label = f"{word}版本 {data} versions #{ids[0]}–#{ids[-1]} ({len(ids)}), {last}"
    return Provenance(label, sources, data)


def dataset_version(path: Path) -> Provenance:
    """A dataset read from files: its name and the SHA-256 of its bytes (first 12 digits)."""
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        digest.update(file.name.encode("utf-8"))
        digest.update(file.read_bytes())
    label = f"{path.name} SHA-256 {digest.hexdigest()[:12]}"
    return Provenance(label, (file_source(str(path), digest.hexdigest()),))
