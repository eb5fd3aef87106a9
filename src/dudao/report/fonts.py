"""Fonts: the official GB/T 9704 names written into the documents, and the free Debian
faces they are rendered with here (installed by scripts/ensure-fonts).

Word and WPS users see the real faces from the names; LibreOffice, Chromium and
matplotlib on the server find the free stand-ins through a fontconfig file of aliases.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Face:
    official: str  # written into the .docx and the HTML
    stand_ins: tuple[str, ...]  # free families that render it, best first
    bold: bool = False  # render the stand-in bold (小标宋's weight)


TITLE = Face("方正小标宋简体", ("Noto Serif CJK SC",), bold=True)
BODY = Face("仿宋_GB2312", ("FandolFang", "cwTeXFangSong", "Noto Serif CJK SC"))
HEADING_1 = Face("黑体", ("FandolHei", "Noto Sans CJK SC"))
HEADING_2 = Face("楷体_GB2312", ("FandolKai", "AR PL UKai CN", "Noto Serif CJK SC"))
SONG = Face("宋体", ("FandolSong", "Noto Serif CJK SC"))
PAGE_NUMBER = SONG
LATIN = Face("Times New Roman", ("Liberation Serif",))
# A Chinese name in English text: 宋体's serifs and even stroke sit with Times; 仿宋's thin,
# slanted strokes looked airy beside it (广州市 in an English line).
CJK_IN_LATIN = SONG
FACES = (TITLE, BODY, HEADING_1, HEADING_2, SONG, LATIN)
FONT_DIRS = (Path("/usr/local/share/fonts/dudao-fandol"), Path("/usr/share/fonts"))


def fontconfig_text() -> str:
    """A fontconfig file: the system's configuration plus an alias per official name."""
    rules = []
    for face in FACES:
        prefer = "".join(f"<family>{escape(name)}</family>" for name in face.stand_ins)
        rules.append(
            f'<alias binding="strong"><family>{escape(face.official)}</family><prefer>{prefer}</prefer></alias>'
        )
        if face.bold:
            rules.append(
                '<match target="pattern"><test name="family"><string>'
                f"{escape(face.official)}</string></test>"
                '<edit name="weight" mode="assign"><const>bold</const></edit></match>'
            )
    dirs = "".join(f"<dir>{d}</dir>" for d in FONT_DIRS)
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>'
        f'<include ignore_missing="yes">/etc/fonts/fonts.conf</include>{dirs}{"".join(rules)}'
        "</fontconfig>\n"
    )


@cache
def fontconfig_file() -> Path:
    """The fontconfig file, written once per process; give it as FONTCONFIG_FILE."""
    folder = Path(tempfile.mkdtemp(prefix="dudao-fonts-"))
    path = folder / "fonts.conf"
    path.write_text(fontconfig_text(), encoding="utf-8")
    return path


def find_font(*file_names: str) -> Path | None:
    """The first of these font files found in the font folders."""
    for directory in FONT_DIRS:
        for name in file_names:
            found = next(directory.rglob(name), None) if directory.exists() else None
            if found is not None:
                return found
    return None
