"""Zip archives checked before and while they are decompressed (SECURITY.md "Uploads")."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import IO

from dudao.ingest.findings import Expected, Finding
from dudao.ingest.limits import ReadLimits
from dudao.ingest.sheets import Place, SheetProblem

_ABSOLUTE = re.compile(r"^([/\\]|[A-Za-z]:)")


def ratio_expected(limits: ReadLimits) -> Expected:
    ratio = f"{limits.max_ratio:g}"
    return f"解压后与压缩后大小之比不超过{ratio}:1", f"entries expand at most {ratio}:1"


def archive_problems(
    archive: zipfile.ZipFile, place: Place, limits: ReadLimits
) -> Iterator[Finding]:
    """Findings that refuse the whole archive: too many entries or bytes, unsafe entries."""
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
        expected = (
            f"解压后总计不超过{limits.max_total_bytes:,}字节",
            f"at most {limits.max_total_bytes:,} bytes uncompressed in all",
        )
        yield place.finding("unsafe_file", value=f"{total:,}", expected=expected)
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


def open_counted(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, limits: ReadLimits) -> IO[bytes]:
    """The entry's bytes, counted while decompressing: past the ratio or total it stops."""
    limit = min(limits.max_ratio * max(entry.compress_size, 1), limits.max_total_bytes)
    raw = _CountingReader(archive.open(entry), int(limit), ratio_expected(limits))
    return io.BufferedReader(raw, buffer_size=limits.chunk_bytes)


class _CountingReader(io.RawIOBase):
    def __init__(self, source: IO[bytes], limit: int, expected: Expected) -> None:
        self._source, self._limit, self._expected = source, limit, expected
        self._count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self._source.read(len(buffer))
        self._count += len(data)
        if self._count > self._limit:
            raise SheetProblem("unsafe_file", self._expected)
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._source.close()
        super().close()


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
