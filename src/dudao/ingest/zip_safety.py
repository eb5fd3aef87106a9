"""Zip archives checked before and while they are decompressed (SECURITY.md "Uploads").

An xlsx workbook is a zip too: the same checks apply to its parts, and openpyxl reads them
through `CountedArchive`, so a lying header cannot make it expand more than the limits allow.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Literal

from dudao.ingest.findings import Expected, Finding
from dudao.ingest.limits import ReadLimits
from dudao.ingest.sheets import Place, SheetProblem

_ABSOLUTE = re.compile(r"^([/\\]|[A-Za-z]:)")


def ratio_expected(limits: ReadLimits) -> Expected:
    ratio = f"{limits.max_ratio:g}"
    return f"解压后与压缩后大小之比不超过{ratio}:1", f"entries expand at most {ratio}:1"


def total_expected(limits: ReadLimits) -> Expected:
    return (
        f"解压后总计不超过{limits.max_total_bytes:,}字节",
        f"at most {limits.max_total_bytes:,} bytes uncompressed in all",
    )


class CountedArchive(zipfile.ZipFile):
    """A zip whose members are counted while they are decompressed.

    Past `max_ratio` times an entry's compressed size, or past `max_total_bytes` for the
    archive as a whole (every read counts, re-reads too), reading raises SheetProblem.
    """

    def __init__(self, file: Path | IO[bytes], limits: ReadLimits) -> None:
        super().__init__(file)
        self.limits = limits
        self.left = limits.max_total_bytes

    def open(  # type: ignore[override]
        self,
        name: str | zipfile.ZipInfo,
        mode: Literal["r", "w"] = "r",
        pwd: bytes | None = None,
        *,
        force_zip64: bool = False,
    ) -> IO[bytes]:
        stream = super().open(name, mode, pwd, force_zip64=force_zip64)
        if mode != "r":
            return stream
        entry = name if isinstance(name, zipfile.ZipInfo) else self.getinfo(name)
        limit = int(self.limits.max_ratio * max(entry.compress_size, 1))
        raw = _CountingReader(stream, limit, self)
        return io.BufferedReader(raw, buffer_size=self.limits.chunk_bytes)


class _CountingReader(io.RawIOBase):
    def __init__(self, source: IO[bytes], limit: int, archive: CountedArchive) -> None:
        self._source, self._limit, self._archive = source, limit, archive
        self._count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self._source.read(len(buffer))
        self._count += len(data)
        self._archive.left -= len(data)
        if self._count > self._limit:
            raise SheetProblem("unsafe_file", ratio_expected(self._archive.limits))
        if self._archive.left < 0:
            raise SheetProblem("unsafe_file", total_expected(self._archive.limits))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._source.close()
        super().close()


def archive_problems(
    archive: zipfile.ZipFile, place: Place, limits: ReadLimits
) -> Iterator[Finding]:
    """Findings that refuse the whole archive, from its directory: entries, sizes, paths."""
    entries = archive.infolist()
    if len(entries) > limits.max_entries:
        expected = (
            f"不超过{limits.max_entries:,}个文件",
            f"at most {limits.max_entries:,} entries",
        )
        yield place.finding("unsafe_file", value=str(len(entries)), expected=expected)
        return
    total = sum(entry.file_size for entry in entries)
    if total > limits.max_total_bytes:
        yield place.finding("unsafe_file", value=f"{total:,}", expected=total_expected(limits))
    for entry in entries:
        yield from _entry_problems(entry, place, limits)


def _entry_problems(entry: zipfile.ZipInfo, place: Place, limits: ReadLimits) -> Iterator[Finding]:
    name = member_name(entry)
    member = Place(f"{place.file}/{name}", None, place.catalogue)
    if _ABSOLUTE.match(name) or ".." in re.split(r"[/\\]", name):
        expected = (
            "压缩包内的相对路径，不含“..”",
            "a relative path inside the archive, without '..'",
        )
        yield member.finding("unsafe_file", value=name, expected=expected)
    elif entry.file_size > limits.max_ratio * max(entry.compress_size, 1):
        yield member.finding("unsafe_file", value=name, expected=ratio_expected(limits))


def member_name(entry: zipfile.ZipInfo) -> str:
    """The name as written: Chinese Windows zips store GBK names without the UTF-8 flag."""
    if entry.flag_bits & 0x800:
        return entry.filename
    raw = entry.filename.encode("cp437")  # how zipfile decoded the unflagged bytes
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return entry.filename
