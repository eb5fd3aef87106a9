"""PDF from the Word file with LibreOffice headless, as REPORTING.md recommends: the PDF
then matches what Word users print (GB/T 9704 layout), in the free stand-in faces that
the fontconfig aliases map the official names to (scripts/ensure-office installs it)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from dudao.report.fonts import fontconfig_file

TIMEOUT = 120  # seconds; a first start of LibreOffice on a busy machine is slow


class PdfUnavailable(RuntimeError):
    """LibreOffice is not installed: scripts/ensure-office installs it."""


def office() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def write_pdf(docx: Path, path: Path) -> Path:
    """Convert `docx` to `path`; each call has its own LibreOffice profile, so that
    conversions may run side by side."""
    program = office()
    if program is None:
        raise PdfUnavailable(
            "未安装 LibreOffice，请运行 scripts/ensure-office; "
            "LibreOffice is not installed: run scripts/ensure-office"
        )
    with tempfile.TemporaryDirectory(prefix="dudao-pdf-") as work:
        profile = Path(work, "profile").as_uri()
        environment = os.environ | {"FONTCONFIG_FILE": str(fontconfig_file()), "HOME": work}
        command = [
            program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
            "--convert-to", "pdf", "--outdir", work, str(docx),
        ]  # fmt: skip
        subprocess.run(command, env=environment, check=True, capture_output=True, timeout=TIMEOUT)
        produced = Path(work, docx.with_suffix(".pdf").name)
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(produced), path)
    return path
