"""Encodings (SECURITY.md "Encodings"): GB18030 and BOM files read; broken text is a finding."""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

from tests.ingest.builders import csv_bytes
from tests.ingest.corpus.case import Expect, case
from tests.ingest.corpus.files import CITY, SCHOOLS, city_folder, replaced

Stored = dict[str, list[dict[str, object]]]


def _names(stored: Stored) -> list[object]:
    return [row["name"] for row in stored["schools"]]


def _all_names_kept(stored: Stored) -> None:
    assert _names(stored) == ["荔湾区第一小学", "𠮷祥幼儿园"]


def _encoded(folder: Path, encode: str, bom: bytes = b"") -> Path:
    city = folder / "city"
    city.mkdir()
    for name, rows in CITY.items():
        (city / f"{name}.csv").write_bytes(bom + csv_bytes(rows, encode))
    return city


@case("gb18030_csv", stored=_all_names_kept)
def gb18030_csv(folder: Path) -> Path:
    return _encoded(folder, "gb18030")  # 𠮷 is a four-byte GB18030 sequence


@case("utf8_bom_csv", stored=_all_names_kept)
def utf8_bom_csv(folder: Path) -> Path:
    return _encoded(folder, "utf-8", codecs.BOM_UTF8)


@case("gbk_csv_without_supplementary_characters")
def gbk_csv(folder: Path) -> Path:
    city = folder / "city"
    city.mkdir()
    schools = replaced(SCHOOLS, 3, "name", "吉祥幼儿园")
    for name, rows in {**CITY, "schools": schools}.items():
        (city / f"{name}.csv").write_bytes(csv_bytes(rows, "gbk"))
    return city


@case("supplementary_character_in_a_school_name", stored=_all_names_kept)
def supplementary_character(folder: Path) -> Path:
    assert "𠮷" in SCHOOLS[2][1]  # U+20BB7, outside the Basic Multilingual Plane
    return city_folder(folder)


GARBLED = "广州学校".encode().decode("cp1252")  # UTF-8 bytes read as Windows-1252


@case(
    "latin1_mojibake",
    Expect("mojibake", "city/schools.csv", row=2, column="name", value=GARBLED),
    stored=lambda stored: None if _names(stored)[0] == GARBLED else _never(),  # kept, not fixed
)
def mojibake(folder: Path) -> Path:
    return city_folder(folder, schools=replaced(SCHOOLS, 2, "name", GARBLED))


GBK_GARBLED = "广州学校".encode("gbk").decode("latin-1")  # GBK bytes read as Latin-1: "¹ãÖÝÑ§Ð£"


@case(
    "gbk_read_as_latin1_mojibake",
    Expect("mojibake", "city/schools.csv", row=3, column="name", value=GBK_GARBLED),
    stored=lambda stored: None if _names(stored)[1] == GBK_GARBLED else _never(),
)
def gbk_mojibake(folder: Path) -> Path:
    return city_folder(folder, schools=replaced(SCHOOLS, 3, "name", GBK_GARBLED))


def _never() -> None:
    raise AssertionError("mojibake was repaired or dropped")


@case(
    "replacement_character",
    Expect("encoding", "city/schools.csv", row=3, column="name", value="\ufffd祥幼儿园"),
    Expect("dangling_reference", "city/school_stage_year.csv", row=3, value="4401030002"),
)
def replacement_character(folder: Path) -> Path:
    return city_folder(folder, schools=replaced(SCHOOLS, 3, "name", "\ufffd祥幼儿园"))


STAGES = "city/school_stage_year.csv"


@case("undecodable_bytes", Expect("encoding", STAGES, row=None, column=None, value=None))
def undecodable_bytes(folder: Path) -> Path:
    city = city_folder(folder)
    data = csv_bytes(CITY["school_stage_year"]) + b"4401030001,2009,primary,\xff\xfe\x80,1,0\r\n"
    (city / "school_stage_year.csv").write_bytes(data)
    return city


@case("utf16_csv", Expect("encoding", STAGES, row=None, column=None, value=None))
def utf16_csv(folder: Path) -> Path:
    city = city_folder(folder)
    (city / "school_stage_year.csv").write_bytes(csv_bytes(CITY["school_stage_year"], "utf-16"))
    return city


HEADER_GARBLED = "学校名称".encode().decode("cp1252", errors="ignore")


@case(
    "mojibake_header",
    Expect("unknown_column", "city/schools.csv", row=1, value=HEADER_GARBLED),
    Expect("mojibake", "city/schools.csv", row=1, value=HEADER_GARBLED),
)
def mojibake_header(folder: Path) -> Path:
    """A Chinese header saved through the wrong code page: unknown, and flagged as garbled."""
    rows = [list(row) for row in SCHOOLS]
    rows[0] = [*rows[0], HEADER_GARBLED]
    for row in rows[1:]:
        row.append("x")
    return city_folder(folder, schools=rows)


@case("gbk_member_names_in_a_zip")
def gbk_member_names(folder: Path) -> Path:
    """A zip made on Chinese Windows: GBK names without the UTF-8 flag, tables named in Chinese."""
    labels = {
        "org_units": "行政区划",
        "schools": "学校名录",
        "school_stage_year": "学校分学段年度数据",
    }
    placeholders = {
        name: letter * len(label.encode("gbk"))
        for letter, (name, label) in zip("qjk", labels.items(), strict=True)
    }
    path = folder / "city.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, rows in CITY.items():
            archive.writestr(f"{placeholders[name]}.csv", csv_bytes(rows))
    data = path.read_bytes()
    for name, label in labels.items():
        data = data.replace(f"{placeholders[name]}.csv".encode(), f"{label}.csv".encode("gbk"))
    path.write_bytes(data)
    return path
