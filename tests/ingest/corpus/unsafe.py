"""Hostile archives and workbooks (SECURITY.md "Uploads"): refused, never expanded or parsed."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

from dudao.ingest import ReadLimits
from tests.ingest.builders import csv_bytes, write_zip
from tests.ingest.corpus.case import Expect, case
from tests.ingest.corpus.files import (
    CITY,
    city_xlsx,
    city_zip,
    members,
    rewrite_member,
    with_doctype,
)

SHEET = "xl/worksheets/sheet1.xml"  # org_units, the workbook's first sheet
LAUGHS = (
    b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">'
        % (level, (b"&lol%d;" % (level - 1) if level > 1 else b"&lol;") * 10)
        for level in range(1, 10)
    )
    + b"]>"
)  # billion laughs: 10^9 "lol"s from under 1 kB
XXE = b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def _spoiled_part(folder: Path, part: str, doctype: bytes, encoding: str = "utf-8") -> Path:
    path = city_xlsx(folder)
    xml = with_doctype(members(path)[part], doctype)
    if encoding != "utf-8":
        xml = xml.decode().replace('encoding="UTF-8"', f'encoding="{encoding}"').encode(encoding)
    return rewrite_member(path, part, xml)


@case("xml_bomb_in_a_worksheet", Expect("unsafe_file", f"city.xlsx/{SHEET}"))
def xml_bomb_in_a_worksheet(folder: Path) -> Path:
    return _spoiled_part(folder, SHEET, LAUGHS)


@case("xml_bomb_in_shared_strings", Expect("unsafe_file", "city.xlsx/xl/sharedStrings.xml"))
def xml_bomb_in_shared_strings(folder: Path) -> Path:
    return _spoiled_part(folder, "xl/sharedStrings.xml", LAUGHS)


@case("xml_bomb_in_the_workbook_part", Expect("unsafe_file", "city.xlsx/xl/workbook.xml"))
def xml_bomb_in_the_workbook_part(folder: Path) -> Path:
    return _spoiled_part(folder, "xl/workbook.xml", LAUGHS)  # parsed by lxml, not defusedxml


@case("xml_bomb_in_utf16", Expect("unsafe_file", f"city.xlsx/{SHEET}"))
def xml_bomb_in_utf16(folder: Path) -> Path:
    return _spoiled_part(folder, SHEET, LAUGHS, encoding="utf-16")


@case("xml_bomb_behind_a_comment", Expect("unsafe_file", f"city.xlsx/{SHEET}"))
def xml_bomb_behind_a_comment(folder: Path) -> Path:
    return _spoiled_part(folder, SHEET, b"<!-- <worksheet> -->" + LAUGHS)


@case("xxe_in_a_worksheet", Expect("unsafe_file", f"city.xlsx/{SHEET}"))
def xxe_in_a_worksheet(folder: Path) -> Path:
    path = _spoiled_part(folder, SHEET, XXE)
    xml = members(path)[SHEET].replace(b"<v>0</v>", b"<is><t>&xxe;</t></is>", 1)
    return rewrite_member(path, SHEET, xml)


@case("xxe_in_content_types", Expect("unsafe_file", "city.xlsx/[Content_Types].xml"))
def xxe_in_content_types(folder: Path) -> Path:
    return _spoiled_part(folder, "[Content_Types].xml", XXE)


BOMB_BYTES = 160 * 1024 * 1024  # far past the 100 MB a refusal may take


@case("zip_bomb_ratio", Expect("unsafe_file", "city.zip/school_year.csv", value="school_year.csv"))
def zip_bomb_ratio(folder: Path) -> Path:
    path = city_zip(folder)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        _zeros(archive, "school_year.csv", b"school_code,year\r\n", BOMB_BYTES)  # ~1000:1
    return path


@case("zip_bomb_in_a_workbook_part", Expect("unsafe_file", f"city.xlsx/{SHEET}", value=SHEET))
def zip_bomb_in_a_workbook_part(folder: Path) -> Path:
    path = city_xlsx(folder)
    parts = members(path)
    head, tail = parts.pop(SHEET).split(b"<sheetData>", 1)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
        _zeros(archive, SHEET, head + b"<sheetData>", BOMB_BYTES, fill=b" ", tail=tail)
    return path


@case("zip_bomb_total", Expect("unsafe_file", "city.zip", value="2,400,000,360"))
def zip_bomb_total(folder: Path) -> Path:
    """Twelve entries declaring 200 MB each: 2.4 GB, past the 2 GB default, refused unread."""
    blocks = {
        f"part{index:02d}.bin": random.Random(index).randbytes(1_000_000) for index in range(12)
    }
    return _declare_sizes(city_zip(folder, **blocks), 200_000_000, "part")


@case("zip_entry_lying_about_its_size", Expect("unreadable_file", "city.zip/school_year.csv"))
def zip_entry_lying(folder: Path) -> Path:
    """Declares 1 kB, holds 20 MB: zipfile stops at the declared size, and the CRC fails."""
    path = city_zip(folder, **{"school_year.csv": b"school_code,year\r\n" + b"0" * 20_000_000})
    return _declare_sizes(path, 1_000, "school_year")


@case("too_many_entries", Expect("unsafe_file", "city.zip", value="10003"))
def too_many_entries(folder: Path) -> Path:
    empty = {f"notes/{index}.txt": b"" for index in range(10_000)}
    return city_zip(folder, **empty)


@case("too_many_workbook_parts", Expect("unsafe_file", "city.xlsx", value=str(10_001)))
def too_many_workbook_parts(folder: Path) -> Path:
    path = city_xlsx(folder)
    parts = members(path)
    filler = {f"xl/media/{index}.bin": b"" for index in range(10_001 - len(parts))}
    return write_zip(path, {**parts, **filler})


@case(
    "path_escaping_the_archive", Expect("unsafe_file", "city.zip/../evil.csv", value="../evil.csv")
)
def path_escaping(folder: Path) -> Path:
    return city_zip(folder, **{"../evil.csv": b"a,b\r\n1,2\r\n"})


@case("corrupt_zip", Expect("unreadable_file", "city.zip", row=None, value=None))
def corrupt_zip(folder: Path) -> Path:
    path = folder / "city.zip"
    path.write_bytes(b"PK\x03\x04" + random.Random(3).randbytes(4_000))
    return path


@case("truncated_workbook", Expect("unreadable_file", "city.xlsx"))
def truncated_workbook(folder: Path) -> Path:
    path = city_xlsx(folder)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return path


@case("corrupt_workbook_part", Expect("unreadable_file", "city.xlsx"))
def corrupt_workbook_part(folder: Path) -> Path:
    return rewrite_member(city_xlsx(folder), "xl/workbook.xml", b"<workbook><sheets>")


@case("empty_workbook_file", Expect("unreadable_file", "city.xlsx"))
def empty_workbook_file(folder: Path) -> Path:
    (folder / "city.xlsx").write_bytes(b"")
    return folder / "city.xlsx"


@case("csv_named_xlsx", Expect("unreadable_file", "city.xlsx"))
def csv_named_xlsx(folder: Path) -> Path:
    (folder / "city.xlsx").write_bytes(csv_bytes(CITY["org_units"]))
    return folder / "city.xlsx"


@case("workbook_named_csv", Expect("encoding", "org_units.csv"))
def workbook_named_csv(folder: Path) -> Path:
    city_xlsx(folder).rename(folder / "org_units.csv")
    return folder / "org_units.csv"


@case("unsupported_file_type", Expect("unreadable_file", "city.pdf", value=None))
def unsupported_file_type(folder: Path) -> Path:
    (folder / "city.pdf").write_bytes(b"%PDF-1.4\n")
    return folder / "city.pdf"


@case("password_protected_workbook", Expect("unreadable_file", "city.xlsx"))
def password_protected_workbook(folder: Path) -> Path:
    """An encrypted xlsx is an OLE compound file (MS-OFFCRYPTO), not a zip: its header."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    (folder / "city.xlsx").write_bytes(header + bytes(512 - len(header)) + b"EncryptedPackage")
    return folder / "city.xlsx"


@case(
    "rows_past_the_cap",
    Expect("unsafe_file", "city/school_stage_year.csv", row=4),
    limits=ReadLimits(max_rows=2),
)
def rows_past_the_cap(folder: Path) -> Path:
    rows = [*CITY["school_stage_year"], ["4401030001", "2009", "primary", "1", "1", "0"]]
    city = folder / "city"
    city.mkdir()
    for name, table in {**CITY, "school_stage_year": rows}.items():
        (city / f"{name}.csv").write_bytes(csv_bytes(table))
    return city


@case(
    "rows_past_the_cap_in_a_workbook",
    Expect("unsafe_file", "city.xlsx", sheet="school_stage_year", row=4),
    limits=ReadLimits(max_rows=2),
)
def rows_past_the_cap_in_a_workbook(folder: Path) -> Path:
    rows = [*CITY["school_stage_year"], ["4401030001", "2009", "primary", "1", "1", "0"]]
    return city_xlsx(folder, school_stage_year=rows)


@case("a_cell_past_the_csv_field_limit", Expect("unreadable_file", "city/school_stage_year.csv"))
def huge_cell(folder: Path) -> Path:
    city = folder / "city"
    city.mkdir()
    rows = [*CITY["school_stage_year"], ["4401030001", "2009", "primary", "1" * 200_000]]
    for name, table in {**CITY, "school_stage_year": rows}.items():
        (city / f"{name}.csv").write_bytes(csv_bytes(table))
    return city


@case("cells_far_to_the_right")
def cells_far_to_the_right(folder: Path, rows: int = 3) -> Path:
    """Student rows each with a stray cell in column XFD (16,384): cut to the header, clean."""
    path = city_xlsx(folder, students=[["student_id", "year", "school_code"]])
    part = "xl/worksheets/sheet4.xml"
    xml = members(path)[part]
    cells = b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>S%d</t></is></c><c r="B%d"><v>2008</v></c>'
        b'<c r="C%d" t="inlineStr"><is><t>4401030001</t></is></c><c r="XFD%d"><v>1</v></c></row>'
        % ((row,) * 6)
        for row in range(2, rows + 2)
    )
    return rewrite_member(path, part, xml.replace(b"</sheetData>", cells + b"</sheetData>"))


@case("header_too_wide", Expect("unsafe_file", "city.xlsx", sheet="school_stage_year", row=1))
def header_too_wide(folder: Path) -> Path:
    header = [*CITY["school_stage_year"][0], *([None] * 200), "备注"]
    return city_xlsx(folder, school_stage_year=[header, *CITY["school_stage_year"][1:]])


def _zeros(
    archive: zipfile.ZipFile,
    name: str,
    head: bytes,
    size: int,
    fill: bytes = b"0",
    tail: bytes = b"",
) -> None:
    """A member of `size` bytes of `fill` between `head` and `tail`, written a block at a time."""
    block = fill * (1024 * 1024)
    with archive.open(name, "w", force_zip64=True) as member:
        member.write(head)
        for _ in range(size // len(block)):
            member.write(block)
        member.write(tail)


def _declare_sizes(path: Path, size: int, prefix: str) -> Path:
    """Rewrite the central directory so that entries named `prefix…` declare `size` bytes."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        names = {info.filename for info in archive.infolist() if info.filename.startswith(prefix)}
    start = 0
    while (start := data.find(b"PK\x01\x02", start)) >= 0:
        length = int.from_bytes(data[start + 28 : start + 30], "little")
        name = data[start + 46 : start + 46 + length].decode()
        if name in names:
            data[start + 24 : start + 28] = size.to_bytes(4, "little")
        start += 46
    path.write_bytes(bytes(data))
    return path
