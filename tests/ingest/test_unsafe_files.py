"""Uploads that could exhaust memory or escape a folder are refused (SECURITY.md "Uploads")."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import pytest

from dudao.ingest import ReadLimits, read_dataset
from dudao.ingest.sheets import SheetProblem
from dudao.ingest.zip_safety import CountedArchive
from tests.ingest.builders import (
    ORG_UNITS,
    SCHOOLS,
    assert_names,
    csv_bytes,
    only,
    write_xlsx,
    write_zip,
)


def test_a_zip_bomb_entry_is_refused(tmp_path: Path) -> None:
    bomb = b"code,name,level\r\n" + b"0" * 5_000_000  # deflates > 1000:1
    path = write_zip(tmp_path / "r.zip", {"org_units.csv": bomb, "schools.csv": csv_bytes(SCHOOLS)})
    dataset = read_dataset(path)
    found = only(dataset.report, "unsafe_file")
    assert_names(found, file=f"{path}/org_units.csv", value="org_units.csv")
    assert "200" in found.expected_en and dataset.tables == {}


def test_entries_escaping_the_archive_are_refused(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "r.zip", {"../evil.csv": csv_bytes(ORG_UNITS), "/etc/x.csv": b"a"})
    found = [f for f in read_dataset(path).report.findings if f.code == "unsafe_file"]
    assert [f.value for f in found] == ["../evil.csv", "/etc/x.csv"]
    assert_names(found[0], file=f"{path}/../evil.csv", value="../evil.csv")


def test_too_many_entries_and_too_many_bytes_are_refused(tmp_path: Path) -> None:
    members = {f"notes/{index}.txt": b"x" for index in range(5)}
    path = write_zip(tmp_path / "r.zip", members)
    found = only(read_dataset(path, limits=ReadLimits(max_entries=4)).report, "unsafe_file")
    assert_names(found, file=str(path), value="5")
    path = write_zip(tmp_path / "s.zip", {"org_units.csv": csv_bytes(ORG_UNITS)})
    found = only(read_dataset(path, limits=ReadLimits(max_total_bytes=10)).report, "unsafe_file")
    assert found.file == str(path) and "10" in found.expected_en


def test_decompression_is_counted_while_streaming(tmp_path: Path) -> None:
    """An entry whose declared sizes lie is stopped while it is decompressed."""
    path = write_zip(tmp_path / "r.zip", {"org_units.csv": b"code,name,level\r\n" + b"1" * 100_000})
    _lie_about_sizes(path, declared=500)
    dataset = read_dataset(path, limits=ReadLimits(max_ratio=5))
    assert {f.code for f in dataset.report.findings} & {"unsafe_file", "unreadable_file"}
    assert dataset.tables == {}


def test_counting_stops_decompression_past_its_limit(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "r.zip", {"org_units.csv": b"1" * 3_000_000})
    limits = ReadLimits(max_ratio=1e6, max_total_bytes=1_000_000, chunk_bytes=65_536)
    read = 0
    with CountedArchive(path, limits) as archive, pytest.raises(SheetProblem) as stopped:
        stream = archive.open(archive.infolist()[0])
        while chunk := stream.read(65_536):
            read += len(chunk)
    assert stopped.value.code == "unsafe_file" and read <= 1_000_000
    assert "1,000,000" in stopped.value.expected[1]


def test_the_total_is_counted_across_entries_and_rereads(tmp_path: Path) -> None:
    """Each entry within its ratio, but the archive's reads together past the total."""
    data = random.Random(1).randbytes(512_000)  # deflate cannot shrink it at all
    path = write_zip(tmp_path / "r.zip", {"a.csv": data, "b.csv": data})
    with CountedArchive(path, ReadLimits(max_total_bytes=1_500_000)) as archive:
        assert archive.read("a.csv") == data and archive.read("b.csv") == data
        with pytest.raises(SheetProblem):
            archive.read("a.csv")


def _lie_about_sizes(path: Path, declared: int) -> None:
    """Rewrite the central directory's uncompressed size of the first entry."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.infolist()[0]
    central = data.rindex(b"PK\x01\x02")
    data[central + 24 : central + 28] = declared.to_bytes(4, "little")
    data[info.header_offset + 22 : info.header_offset + 26] = declared.to_bytes(4, "little")
    path.write_bytes(bytes(data))


def test_rows_are_capped_per_sheet(tmp_path: Path) -> None:
    rows = [ORG_UNITS[0], *([f"44{index:04d}", "区", "district", ""] for index in range(10))]
    (tmp_path / "org_units.csv").write_bytes(csv_bytes(rows))
    dataset = read_dataset(tmp_path, limits=ReadLimits(max_rows=5))
    found = only(dataset.report, "unsafe_file")
    assert_names(found, file=str(tmp_path / "org_units.csv"), row=7)
    assert "5" in found.expected_en


def test_xml_entity_bombs_in_a_workbook_are_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", {"org_units": ORG_UNITS})
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )
    sheet = members["xl/worksheets/sheet1.xml"]
    members["xl/worksheets/sheet1.xml"] = bomb + sheet[sheet.index(b"?>") + 2 :]
    write_zip(path, members)
    dataset = read_dataset(path)
    found = only(dataset.report, "unsafe_file")  # refused before openpyxl parses a part
    assert_names(found, file=f"{path}/xl/worksheets/sheet1.xml")
    assert dataset.tables == {}


def test_every_limit_is_a_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """DUDAO_<LIMIT> in the environment, read when `read_dataset` is given no limits."""
    defaults = ReadLimits()
    assert (defaults.max_ratio, defaults.max_total_bytes) == (200, 2 * 1024**3)
    assert (defaults.max_entries, defaults.max_rows) == (10_000, 2_000_000)
    assert defaults.max_columns == 128
    for name in ReadLimits.model_fields:
        monkeypatch.setenv(f"DUDAO_{name.upper()}", "5")
    assert all(value == 5 for value in ReadLimits().model_dump().values())
    rows = [ORG_UNITS[0], *([f"44{index:04d}", "区", "district", ""] for index in range(10))]
    (tmp_path / "org_units.csv").write_bytes(csv_bytes(rows))
    found = only(read_dataset(tmp_path).report, "unsafe_file")
    assert found.row == 7 and "at most 5 data rows" in found.expected_en
    monkeypatch.setenv("DUDAO_MAX_ROWS", "0")
    with pytest.raises(ValueError):
        ReadLimits()
