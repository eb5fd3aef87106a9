"""XML parts of a workbook refused before openpyxl parses them: no DTD, so no bomb, no XXE.

openpyxl parses worksheets with defusedxml, but other parts (workbook, shared strings,
styles) with lxml when it is installed, which does not refuse a DTD. A workbook never needs
one, so any part declaring a DOCTYPE in its prolog is refused here, whatever parses it later.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from collections.abc import Iterator
from typing import IO

from dudao.ingest.findings import Expected, Finding
from dudao.ingest.sheets import Place
from dudao.ingest.zip_safety import member_name

XML_BOMB: Expected = (
    "不含DTD或实体声明的XML（防XML炸弹、XXE）",
    "XML without DTDs or entity declarations (XML bombs, XXE)",
)
XML_SUFFIXES = (".xml", ".rels", ".vml")
_ROOT = re.compile(r"<[^!?]")  # the root element's start ends the prolog
_BOMS = (  # how a part may be encoded, told by its first bytes (XML 1.0, appendix F)
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
    (b"<\x00", "utf-16-le"),
)
_MARKUP = re.compile(r"<!--.*?-->|<\?.*?\?>", re.DOTALL)  # comments, processing instructions
CHUNK = 64 * 1024
MAX_PROLOG = 1024 * 1024


def xml_problems(archive: zipfile.ZipFile, place: Place) -> Iterator[Finding]:
    """An unsafe_file finding for each XML part whose prolog declares a DTD."""
    for entry in archive.infolist():
        if entry.filename.lower().endswith(XML_SUFFIXES):
            with archive.open(entry) as stream:
                if declares_dtd(stream):
                    member = Place(f"{place.file}/{member_name(entry)}", None, place.catalogue)
                    yield member.finding("unsafe_file", value=None, expected=XML_BOMB)


def declares_dtd(stream: IO[bytes]) -> bool:
    """Whether a DTD comes before the root element; reads only the prolog.

    Comments and processing instructions are dropped first, so that a `<x>` inside one is not
    taken for the root; a prolog longer than any real part's is taken as hostile.
    """
    first = stream.read(CHUNK)
    encoding = next((name for bom, name in _BOMS if first.startswith(bom)), "latin-1")
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    text, chunk = "", first
    while chunk:
        text = _MARKUP.sub("", text + decoder.decode(chunk))
        visible = re.split(r"<!--|<\?", text, maxsplit=1)[0]  # wait for an open one to close
        root = _ROOT.search(visible)
        prolog = visible if root is None else visible[: root.start()]
        if "<!DOCTYPE" in prolog or "<!ENTITY" in prolog or len(text) > MAX_PROLOG:
            return True
        if root is not None:
            return False
        chunk = stream.read(CHUNK)
    return False
