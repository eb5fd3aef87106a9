"""The bombs are refused (or, for wide rows, read) with peak memory < 100 MB above the process's baseline (SECURITY.md).

Each bomb is read in a child process that has already read a clean dataset (so imports, the
catalogue and openpyxl are loaded); its peak resident memory is reset before each read
(/proc/self/clear_refs) and read back from VmHWM afterwards.
"""

from __future__ import annotations

import json
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest

from tests.ingest.corpus import unsafe
from tests.ingest.corpus.files import city_folder

MEGABYTE = 1024 * 1024
BOMBS = {
    "xml_bomb_in_a_worksheet": unsafe.xml_bomb_in_a_worksheet,
    "xml_bomb_in_shared_strings": unsafe.xml_bomb_in_shared_strings,
    "xml_bomb_in_the_workbook_part": unsafe.xml_bomb_in_the_workbook_part,
    "xxe_in_a_worksheet": unsafe.xxe_in_a_worksheet,
    "zip_bomb_ratio": unsafe.zip_bomb_ratio,
    "zip_bomb_in_a_workbook_part": unsafe.zip_bomb_in_a_workbook_part,
    "zip_bomb_total": unsafe.zip_bomb_total,
    "zip_entry_lying_about_its_size": unsafe.zip_entry_lying,
    "too_many_entries": unsafe.too_many_entries,
    # not refused but read: 60,000 rows with a cell in column XFD, cut to the header's width
    "cells_far_to_the_right": partial(unsafe.cells_far_to_the_right, rows=60_000),
}
CHILD = """
import json, re, sys
from pathlib import Path
from dudao.ingest import read_dataset

def status(key):
    text = Path("/proc/self/status").read_text()
    return int(re.search(key + r":\\s+(\\d+) kB", text).group(1)) * 1024

read_dataset(sys.argv[1])  # warm: imports, catalogue, openpyxl
read_dataset(sys.argv[2])
results = {}
for name, path in json.loads(sys.argv[3]).items():
    Path("/proc/self/clear_refs").write_text("5")  # VmHWM := VmRSS
    baseline = status("VmRSS")
    codes = sorted({f.code for f in read_dataset(path).report.errors})
    results[name] = {"above_baseline": status("VmHWM") - baseline, "codes": codes}
print(json.dumps(results))
"""


def _clear_refs_works() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _clear_refs_works(), reason="needs Linux's /proc/self/clear_refs")
def test_bombs_are_refused_within_100_mb_of_the_baseline(tmp_path: Path) -> None:
    clean = city_folder(tmp_path / "clean")
    workbook = unsafe.city_xlsx(tmp_path / "clean")
    paths = {}
    for name, write in BOMBS.items():
        (tmp_path / name).mkdir()
        paths[name] = str(write(tmp_path / name))
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(clean), str(workbook), json.dumps(paths)],
        check=True,
        capture_output=True,
        text=True,
    )
    results = json.loads(child.stdout)
    for name, result in results.items():
        refused = name != "cells_far_to_the_right"
        assert result["codes"] in ((["unsafe_file"], ["unreadable_file"]) if refused else ([],))
        assert result["above_baseline"] < 100 * MEGABYTE, (name, result)
    assert results.keys() == BOMBS.keys()
