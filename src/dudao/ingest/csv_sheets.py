"""CSV sheets: a file on disk or a zip member, decoded BOM/UTF-8 first, then GB18030."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path, PurePosixPath
from typing import IO

from dudao.ingest.csv_columns import ArrowCsv, NotColumnar
from dudao.ingest.findings import Expected
from dudao.ingest.limits import ReadLimits
from dudao.ingest.sheets import Place, Row, Sheet, SheetProblem, T, within_header
from dudao.ingest.text import CSV_ENCODINGS
from dudao.ingest.zip_safety import member_name

ENCODINGS_EXPECTED: Expected = (
    "UTF-8（可带BOM）或GB18030/GBK编码的CSV",
    "a CSV file in UTF-8 (with or without BOM) or GB18030/GBK",
)
CSV_EXPECTED: Expected = (
    "逗号分隔、首行为表头的CSV",
    "a comma-separated CSV with the header in row 1",
)
EMPTY_EXPECTED: Expected = (
    "首行为表头的CSV（该文件为空）",
    "a CSV file with the header in row 1 (the file is empty)",
)
Opener = Callable[[], AbstractContextManager[IO[bytes]]]


class CsvSheet(Sheet):
    """One CSV file; decoding that fails part-way restarts with the next encoding.

    Arrow's reader reads it a block of text columns at a time; a file Arrow would read
    differently from the csv module is read again, as rows, by the csv module (csv_columns).
    """

    def __init__(self, place: Place, name: str, opener: Opener, limits: ReadLimits) -> None:
        super().__init__(place, name)
        self._open, self._limits = opener, limits

    def read(self, consume: Callable[[Iterable[Row]], T]) -> T:
        for encoding in CSV_ENCODINGS:
            try:
                return self._read_as(encoding, consume)
            except UnicodeDecodeError:
                continue
        raise SheetProblem("encoding", ENCODINGS_EXPECTED)

    def _read_as(self, encoding: str, consume: Callable[[Iterable[Row]], T]) -> T:
        try:
            with self._open() as binary:
                return consume(ArrowCsv(binary, encoding, self._limits))
        except NotColumnar:
            pass  # the csv module decides, as the reference
        with self._open() as binary:
            text = io.TextIOWrapper(binary, encoding=encoding, newline="")
            return consume(within_header(_csv_rows(text), self._limits.max_columns))


def _csv_rows(text: IO[str]) -> Iterator[Row]:
    """The rows; a file of no bytes at all was sent by mistake, unlike a sheet left empty."""
    reader = csv.reader(text)
    try:
        yield from reader
    except csv.Error as error:
        raise SheetProblem("unreadable_file", CSV_EXPECTED, row=reader.line_num) from error
    if reader.line_num == 0:
        raise SheetProblem("unreadable_file", EMPTY_EXPECTED)


def is_hidden(name: str) -> bool:
    """Files users never meant to send: dotfiles and macOS resource forks."""
    return any(part.startswith(".") or part == "__MACOSX" for part in PurePosixPath(name).parts)


def folder_sheets(folder: Path, place: Place, limits: ReadLimits) -> Iterator[Sheet]:
    """Every visible file directly in the folder, in name order."""
    for path in sorted(folder.iterdir()):
        if path.is_file() and not is_hidden(path.name):
            yield file_sheet(path, Place(str(folder / path.name), None, place.catalogue), limits)


def file_sheet(path: Path, place: Place, limits: ReadLimits) -> Sheet:
    name = path.stem if _is_csv(path.name) else path.name
    return CsvSheet(place, name, lambda: path.open("rb"), limits)


def zip_sheets(archive: zipfile.ZipFile, place: Place, limits: ReadLimits) -> Iterator[Sheet]:
    """Every visible file of the archive, its members reported as `path/member`.

    Pass a CountedArchive: its members are then counted while they are decompressed.
    """
    for entry in archive.infolist():
        if entry.is_dir() or is_hidden(entry.filename):
            continue
        written = member_name(entry)
        member = Place(f"{place.file}/{written}", None, place.catalogue)
        name = PurePosixPath(written).stem if _is_csv(written) else PurePosixPath(written).name
        yield CsvSheet(member, name, _member_opener(archive, entry), limits)


def _member_opener(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> Opener:
    return lambda: archive.open(entry)


def _is_csv(name: str) -> bool:
    return name.lower().endswith(".csv")
