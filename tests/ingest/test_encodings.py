"""CSV encodings (DATA.md "Files", SECURITY.md "Encodings"): decoded strictly, never repaired."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from dudao.ingest import read_dataset
from dudao.ingest.text import looks_like_mojibake
from tests.ingest.builders import SCHOOLS, assert_names, csv_bytes, only

HANT_HEADER = ["學校標識碼", "學校名稱", "所在區劃代碼", "辦學類型代碼", "舉辦者性質"]


@pytest.mark.parametrize(
    "encode",
    [
        lambda rows: csv_bytes(rows, "utf-8"),
        lambda rows: codecs.BOM_UTF8 + csv_bytes(rows, "utf-8"),
        lambda rows: csv_bytes(rows, "gb18030"),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030"],
)
@pytest.mark.parametrize("header", [SCHOOLS[0], HANT_HEADER], ids=["ids", "zh-Hant"])
def test_encodings_round_trip_every_character(
    tmp_path: Path, encode: object, header: list[str]
) -> None:
    rows = [header, *SCHOOLS[1:]]
    (tmp_path / "学校名录.csv").write_bytes(encode(rows))  # type: ignore[operator]
    dataset = read_dataset(tmp_path)
    assert dataset.report.findings[0].code == "dangling_reference"  # no org_units here
    assert {f.code for f in dataset.report.findings} == {"dangling_reference"}
    assert dataset.tables["schools"].column("name").to_pylist() == ["荔湾区第一小学", "𠮷祥幼儿园"]


def test_gbk_bytes_are_read_as_gb18030(tmp_path: Path) -> None:
    rows = [["code", "name", "level"], ["440100", "广州市", "city"]]
    (tmp_path / "org_units.csv").write_bytes(csv_bytes(rows, "gbk"))
    dataset = read_dataset(tmp_path)
    assert dataset.report.findings == []
    assert dataset.tables["org_units"].column("name").to_pylist() == ["广州市"]


def test_bytes_no_encoding_decodes_are_an_encoding_finding(tmp_path: Path) -> None:
    path = tmp_path / "org_units.csv"
    path.write_bytes(b"code,name,level\r\n440100,\xff\xfe\x80,city\r\n")
    dataset = read_dataset(tmp_path)
    found = only(dataset.report, "encoding")
    assert_names(found, file=str(path))
    assert "GB18030" in found.expected_en and dataset.tables == {}


def test_replacement_characters_are_an_encoding_finding_on_the_cell(tmp_path: Path) -> None:
    rows = [
        ["code", "name", "level"],
        ["440100", "广州市", "city"],
        ["440103", "荔\ufffd区", "district"],
    ]
    (tmp_path / "org_units.csv").write_bytes(csv_bytes(rows))
    dataset = read_dataset(tmp_path)
    found = only(dataset.report, "encoding")
    assert found.severity == "error"
    assert_names(
        found, file=str(tmp_path / "org_units.csv"), row=3, column="name", value="荔\ufffd区"
    )
    assert dataset.tables["org_units"].column("code").to_pylist() == ["440100"]


def test_latin1_mojibake_is_flagged_and_kept_unrepaired(tmp_path: Path) -> None:
    garbled = "广州学校".encode().decode("cp1252")
    garbled_nbsp_as_space = "学校".encode().decode("latin-1").replace("\xa0", " ")
    assert garbled_nbsp_as_space == "å­¦æ ¡"
    rows = [SCHOOLS[0], ["4401030001", garbled, "440103", "211", "public"]]
    rows.append(["4401030002", garbled_nbsp_as_space, "440103", "211", "public"])
    rows.append(["4401030003", "Café Ünïon", "440103", "211", "public"])
    path = tmp_path / "schools.csv"
    path.write_bytes(csv_bytes(rows))
    dataset = read_dataset(tmp_path)
    flagged = [f for f in dataset.report.findings if f.code == "mojibake"]
    assert [f.row for f in flagged] == [2, 3] and all(f.severity == "warning" for f in flagged)
    assert_names(flagged[1], file=str(path), row=3, column="name", value="å­¦æ ¡")
    assert dataset.tables["schools"].column("name").to_pylist() == [
        garbled,
        "å­¦æ ¡",
        "Café Ünïon",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "广州学校".encode("gbk").decode("latin-1"),  # ¹ãÖÝÑ§Ð£
        "荔湾区第一小学（分校）".encode("gbk").decode("cp1252"),
        "学校".encode("gbk").decode("latin-1"),
    ],
)
def test_gbk_read_as_latin1_is_mojibake(text: str) -> None:
    assert looks_like_mojibake(text), text


@pytest.mark.parametrize(
    "text",
    ["Müller", "Gödel", "Düsseldörf", "Café Ünïon", "São Paulo", "Ñandú", "±5 °C", "广州学校"],
)
def test_latin_words_and_chinese_are_not_mojibake(text: str) -> None:
    assert not looks_like_mojibake(text)
