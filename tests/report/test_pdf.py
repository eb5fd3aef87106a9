"""The demo's PDF: A4, Chinese in the free stand-ins of the official faces, nothing else.

A character a face lacks would make LibreOffice substitute another font, which would show
among the embedded fonts; a face missing altogether would too. (Rendered pages were also
looked at by eye: pdftoppm -r 70, see the report's commit notes.)"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import DEMO_FILE_STEM

STAND_INS = ("FandolFang", "FandolHei", "FandolKai", "FandolSong", "NotoSerifCJK", "NotoSansCJK", "LiberationSerif")  # fmt: skip


@pytest.fixture(scope="module")
def pdf(demo_output: Path) -> Path:
    path = demo_output / f"{DEMO_FILE_STEM}.zh-Hans.pdf"
    if not path.exists():
        pytest.skip("LibreOffice is not installed (scripts/ensure-office): the demo wrote no PDF")
    if shutil.which("pdffonts") is None:
        pytest.skip("poppler-utils is not installed (scripts/ensure-fonts)")
    return path


def test_the_pdf_is_a4_in_the_intended_faces(pdf: Path) -> None:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info)
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    names = [line.split()[0].split("+")[-1] for line in listing.stdout.splitlines()[2:]]
    assert {"FandolFang-Regular", "FandolHei-Regular", "FandolKai-Regular"} <= set(names)
    assert all(name.startswith(STAND_INS) for name in names), names


def test_the_pdf_text_is_the_report(pdf: Path) -> None:
    text = subprocess.run(
        ["pdftotext", "-l", "2", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = re.sub(r"\s", "", text)
    assert "述职报告" in flat and "—1—" in flat and "—2—" in flat
