"""Formula cells of a worksheet, found in its XML: never run, but always said (SECURITY.md).

openpyxl in data-only mode gives the value a spreadsheet program last saved for a formula
and drops the formula; a file written by a program without a calculation engine saves none
(or 0). So each formula cell is reported, as a warning naming the cell and its formula.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator

from dudao.ingest.findings import Expected, Finding
from dudao.ingest.sheets import Place

FORMULA_EXPECTED: Expected = (
    "数值本身而非公式（读取的是表格软件上次保存的结果：请核对该值，或粘贴为数值）",
    "the value itself, not a formula (the result the spreadsheet program last saved was read: "
    "check it, or paste it as a value)",
)
# Text of a text field that begins with "=" (CSV, or a text cell of a workbook): kept as text.
FORMULA_TEXT_EXPECTED: Expected = (
    "文本本身而非公式（按原文保存，不会执行；打开该文件的表格软件却可能执行它）",
    "text, not a formula (it is kept as written and never run, but a spreadsheet program "
    "opening the file may run it)",
)
_CELL = re.compile(
    rb'<c\b[^>]*?\br="([A-Z]{1,3})(\d+)"[^>]*>(?:(?!</c>).)*?<f\b[^>]*?(?:/>|>([^<]*)</f>)',
    re.DOTALL,
)
CHUNK = 1024 * 1024
MAX_CARRY = 1024 * 1024
MAX_FINDINGS = 100  # per sheet; the last one says how many more there are


def formula_cells(archive: zipfile.ZipFile, part: str, place: Place) -> Iterator[Finding]:
    """A `formula` warning per formula cell of the worksheet part, at most MAX_FINDINGS."""
    cells = list(_scan(archive, part))
    for index, (column, row, text) in enumerate(cells[:MAX_FINDINGS]):
        expected = FORMULA_EXPECTED
        if index == MAX_FINDINGS - 1 and len(cells) > MAX_FINDINGS:
            more = len(cells) - MAX_FINDINGS
            expected = (f"{expected[0]}；本表另有{more:,}个公式单元格", f"{expected[1]}; {more:,} more formula cells in this sheet")  # fmt: skip
        yield place.finding("formula", row=row, column=column, value=text, expected=expected)


def _scan(archive: zipfile.ZipFile, part: str) -> Iterator[tuple[str, int, str]]:
    """(column letters, row, "=formula") of each formula cell; the XML read a chunk at a time."""
    carry = b""
    with archive.open(part) as stream:
        while chunk := stream.read(CHUNK):
            data = carry + chunk
            cut = data.rfind(b"</c>") + 4 if b"</c>" in data else 0
            if b"<f" in data[:cut]:
                yield from _matches(data[:cut])
            carry = data[cut:] if len(data) - cut <= MAX_CARRY else data[-4096:]
    if b"<f" in carry:
        yield from _matches(carry)


def _matches(data: bytes) -> Iterator[tuple[str, int, str]]:
    for found in _CELL.finditer(data):
        formula = (found.group(3) or b"").decode("utf-8", errors="replace")
        text = f"={formula}" if formula else "=（共享公式 shared formula）"
        yield found.group(1).decode(), int(found.group(2)), text
