"""Arrow's CSV reader against the csv module: the same rows, or the csv module reads the file.

Findings must not depend on which reader read a file, so every file Arrow reads must give
the rows the csv module gives (blank rows may differ only in how many empty cells they hold);
the rest must be handed back (NotColumnar) for the csv module to read.
"""

from __future__ import annotations

import codecs
import csv
import io
import random
from collections.abc import Sequence

import pytest

from dudao.ingest.csv_columns import ArrowCsv, NotColumnar
from dudao.ingest.limits import ReadLimits
from dudao.ingest.sheets import within_header
from dudao.ingest.text_blocks import row_blocks

LIMITS = ReadLimits()
ALPHABET = ["a", "学", "𠮷", ",", ",", '"', "\n", "\r", "\r\n", " ", "", "1"]


def _csv_module(data: bytes, encoding: str = "utf-8-sig") -> list[list[str | None]]:
    text = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    return [list(row) for row in within_header(csv.reader(text), LIMITS.max_columns)]


def _arrow(data: bytes, encoding: str = "utf-8-sig") -> list[list[str | None]]:
    return [list(row) for row in ArrowCsv(io.BytesIO(data), encoding, LIMITS)]


def _same(arrow: Sequence[Sequence[str | None]], module: Sequence[Sequence[str | None]]) -> bool:
    if len(arrow) != len(module):
        return False
    for ours, theirs in zip(arrow, module, strict=True):
        if (any(ours) or any(theirs)) and list(ours) != list(theirs):
            return False
    return True


def test_random_files_read_alike_or_handed_back() -> None:
    chance = random.Random(20261127)
    read = 0
    for _ in range(3000):
        text = "".join(chance.choice(ALPHABET) for _ in range(chance.randint(0, 30)))
        data = text.encode("utf-8")
        module = _csv_module(data)
        try:
            arrow = _arrow(data)
        except NotColumnar:
            continue
        read += 1
        assert _same(arrow, module), (text, arrow, module)
    assert read > 300  # most files of one width are read by Arrow


@pytest.mark.parametrize(
    "data",
    [
        b"",  # empty: the csv module says so
        b"a,b\n1\n",  # too few cells
        b"a,b\n1,2,3\n",  # too many cells
        b'a,b\n"1,2\n',  # a quote never closed
        codecs.BOM_UTF8 + codecs.BOM_UTF8 + b"a,b\n1,2\n",  # a second BOM stays in the header
        b"a,b\n" + b"x" * 131_072 + b",2\n",  # a cell past the csv module's field limit
        b"," * LIMITS.max_columns + b"a\n",  # a header past the column limit
    ],
    ids=["empty", "short", "long", "unclosed", "two_boms", "huge_cell", "wide"],
)
def test_files_arrow_would_read_otherwise_are_handed_back(data: bytes) -> None:
    with pytest.raises(NotColumnar):
        _arrow(data)


def test_bad_bytes_are_handed_back_not_raised_inside_arrow() -> None:
    """A byte UTF-8 refuses, far into the file, hands the file back (same encoding, csv module)."""
    data = b"a,b\n" + b"1,2\n" * 500_000 + b"\xff,3\n"
    with pytest.raises(NotColumnar) as raised:
        _arrow(data)
    assert isinstance(raised.value.__cause__, UnicodeDecodeError)


def test_gb18030_and_bom_read_as_the_csv_module_does() -> None:
    rows = [["学校", "𠮷"], ["1", "二"]]
    for encoding, data in (
        ("gb18030", "学校,𠮷\r\n1,二\r\n".encode("gb18030")),
        ("utf-8-sig", codecs.BOM_UTF8 + "学校,𠮷\n1,二\n".encode()),
    ):
        assert _arrow(data, encoding) == rows == _csv_module(data, encoding)


def test_rows_in_blocks_stop_one_past_the_cap() -> None:
    rows = iter([["h"], *([str(n)] for n in range(10))])
    blocks = list(row_blocks(rows, 4, 6))
    assert [block.rows for block in blocks] == [1, 4, 1]
    assert next(rows) == ["5"]  # the row after the last read is still unread


def test_a_cell_of_many_bytes_but_fewer_characters_than_the_limit_is_read_by_arrow() -> None:
    """The field limit counts characters: 50,000 Han characters are 150,000 bytes, and fine."""
    data = ("a,b\n" + "校" * 50_000 + ",2\n").encode()
    assert _arrow(data) == _csv_module(data) == [["a", "b"], ["校" * 50_000, "2"]]
    with pytest.raises(NotColumnar):
        _arrow(("a,b\n" + "校" * 131_072 + ",2\n").encode())
