"""What a path holds: a folder or zip of CSV files, one workbook, or one CSV file."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dudao.ingest.csv_sheets import file_sheet, folder_sheets, is_hidden, zip_sheets
from dudao.ingest.findings import Expected, Finding
from dudao.ingest.limits import ReadLimits
from dudao.ingest.sheets import Place, Sheet
from dudao.ingest.xlsx_sheets import open_workbook, workbook_sheets
from dudao.ingest.xml_safety import xml_problems
from dudao.ingest.zip_safety import CountedArchive, archive_problems

SUPPORTED: Expected = (
    "一个.xlsx工作簿，或由.csv文件组成的文件夹或.zip压缩包",
    "an .xlsx workbook, or a folder or .zip of .csv files",
)
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: .xls, or an encrypted .xlsx
ENCRYPTED_OR_XLS = (
    "该文件设有密码或为旧版.xls格式，请另存为无密码的.xlsx",
    ("the file is password-protected or an old .xls workbook: save it as .xlsx without a password"),
)


@contextmanager
def open_sheets(
    path: Path, place: Place, limits: ReadLimits
) -> Iterator[Iterator[Sheet | Finding]]:
    """The sheets of the dataset, or findings saying why there are none; closed on exit."""
    suffix = path.suffix.lower()
    if path.is_dir():
        yield _folder(path, place, limits)
    elif not path.is_file():
        yield iter([_unreadable(place, ("路径不存在", "the path does not exist"))])
    elif _starts_with(path, OLE_MAGIC):
        yield iter([_unreadable(place, ENCRYPTED_OR_XLS)])
    elif suffix == ".zip":
        with CountedArchive(path, limits) as archive:
            yield _archive(archive, place, limits)
    elif suffix in WORKBOOK_SUFFIXES:
        with CountedArchive(path, limits) as archive:  # an xlsx is a zip: the same limits
            yield _workbook(archive, path, place, limits)
    elif suffix == ".csv":
        yield iter([file_sheet(path, place, limits)])
    else:
        kind = suffix or "（无）"
        yield iter([_unreadable(place, (f"不支持{kind}文件", f"unsupported file type {kind}"))])


def _folder(folder: Path, place: Place, limits: ReadLimits) -> Iterator[Sheet | Finding]:
    sheets = list(folder_sheets(folder, place, limits))
    yield from (
        sheets if sheets else [_unreadable(place, ("文件夹为空", "the folder holds no files"))]
    )


def _archive(
    archive: CountedArchive, place: Place, limits: ReadLimits
) -> Iterator[Sheet | Finding]:
    refused = list(archive_problems(archive, place, limits))
    yield from refused if refused else zip_sheets(archive, place, limits)


def _workbook(
    archive: CountedArchive, path: Path, place: Place, limits: ReadLimits
) -> Iterator[Sheet | Finding]:
    refused = list(archive_problems(archive, place, limits)) or list(xml_problems(archive, place))
    if refused:
        yield from refused
        return
    workbook = open_workbook(path, archive)
    try:
        yield from workbook_sheets(workbook, archive, place, limits)
    finally:
        workbook.close()


def _starts_with(path: Path, magic: bytes) -> bool:
    with path.open("rb") as stream:
        return stream.read(len(magic)) == magic


def _unreadable(place: Place, reason: Expected) -> Finding:
    return place.finding(
        "unreadable_file",
        value=None,
        expected=(f"{SUPPORTED[0]}（{reason[0]}）", f"{SUPPORTED[1]} ({reason[1]})"),
    )


def digest(path: Path) -> str:
    """SHA-256 of the file's bytes; of a folder, of its (name, bytes) pairs in name order."""
    sha = hashlib.sha256()
    if path.is_dir():
        for member in sorted(path.iterdir()):
            if member.is_file() and not is_hidden(member.name):
                name = member.name.encode()
                sha.update(len(name).to_bytes(8, "big") + name)
                sha.update(member.stat().st_size.to_bytes(8, "big"))
                _update(sha, member)
    elif path.is_file():
        _update(sha, path)
    return sha.hexdigest()


def _update(sha: hashlib._Hash, path: Path) -> None:
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            sha.update(chunk)
