"""`make bench`, returns section (issue 3): refusals of hostile files, and the seed city's
returns checked and imported against merely parsing the same files, as CSV and as xlsx.

Each figure comes from a fresh interpreter (bench.returns_child), so that peaks are the
measurement's own, above a baseline taken after imports and a warm-up read.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import xlsxwriter
from tests.ingest.corpus import large, unsafe
from tests.ingest.corpus.files import city_folder, city_xlsx, city_zip

from dudao.demo import write_seed_city

ROOT = Path(__file__).resolve().parent.parent
BOMBS = (
    unsafe.xml_bomb_in_a_worksheet,
    unsafe.xml_bomb_in_shared_strings,
    unsafe.xml_bomb_in_the_workbook_part,
    unsafe.xxe_in_a_worksheet,
    unsafe.zip_bomb_ratio,
    unsafe.zip_bomb_in_a_workbook_part,
    unsafe.zip_bomb_total,
    unsafe.zip_entry_lying,
    unsafe.too_many_entries,
    unsafe.too_many_workbook_parts,
)


def run(work: Path) -> None:
    warm = city_folder(work / "warm")
    _refusals(work / "bombs", warm)
    _large(work / "large", warm)
    csv_city = write_seed_city(work / "seed_csv")
    xlsx_city = _as_workbook(csv_city, work / "seed.xlsx")
    warm_city = write_seed_city(work / "warm_seed")  # every table, so every rule is compiled
    for label, path, parse in (("CSV", csv_city, "parse_csv"), ("xlsx", xlsx_city, "parse_xlsx")):
        _seed_city(label, path, parse, warm_city, work)
    _cold_import(csv_city, work / "store_cold")


def _refusals(folder: Path, warm: Path) -> None:
    """Each bomb against reading the clean city of the same kind (zip or xlsx)."""
    clean_zip = city_zip(folder / "clean")
    clean_xlsx = city_xlsx(folder / "clean")
    floors = {".zip": _child("check", clean_zip, warm), ".xlsx": _child("check", clean_xlsx, warm)}
    print(f"{'refusals':<34} (against checking the clean city in the same format)")
    for bomb in BOMBS:
        (folder / bomb.__name__).mkdir(parents=True)
        path = bomb(folder / bomb.__name__)
        got = _child("refuse", path, warm)
        floor = floors[path.suffix]
        print(
            f"  {bomb.__name__:<32} {got['seconds']:8.3f} s {got['seconds'] / floor['seconds']:6.1f}× "
            f"clean {path.suffix} ({floor['seconds']:.3f} s)  peak +{got['peak_mb']:.0f} MB  "
            f"{path.stat().st_size / 1024:,.0f} kB {'refused' if got['refused'] else 'NOT REFUSED'}",
            flush=True,
        )


def _large(folder: Path, warm: Path) -> None:
    """The corpus's 500,000-row sheet, too slow for the suite: checked and imported whole."""
    folder.mkdir(parents=True)
    path = large.a_500000_row_sheet(folder)
    floor = _child("parse_csv", path, warm)
    checked = _child("check", path, warm)
    url = f"sqlite:///{folder / 'store' / 'store.sqlite3'}"
    _child("create_store", path, warm, url)
    imported = _child("check_import", path, warm, url)
    print(f"500,000-row sheet (students.csv), parse only {floor['seconds']:.3f} s")
    for name, got in (("check", checked), ("check + import (SQLite)", imported)):
        print(f"  {name:<32} {_versus(got, floor)}  peak +{got['peak_mb']:,.0f} MB")
    assert imported["result"] == 2, imported  # two versions: the registers and the year 2008


def _seed_city(label: str, path: Path, parse: str, warm: Path, work: Path) -> None:
    floor = _child(parse, path, warm)
    checked = _child("check", path, warm)
    url = f"sqlite:///{work / f'store_{label}' / 'store.sqlite3'}"
    _child("create_store", path, warm, url)  # migrating a new store is not part of an import
    imported = _child("check_import", path, warm, url)
    ratio = imported["seconds"] / floor["seconds"]
    print(f"seed city returns, {label} ({floor['result']:,.0f} rows with headers)")
    for name, got in (("parse only", floor), ("check", checked), ("check + import", imported)):
        print(f"  {name:<32} {_versus(got, floor)}  peak +{got['peak_mb']:,.0f} MB")
    alone = {key: imported[key] - checked[key] for key in ("seconds", "cpu")}
    print(f"  {'import (difference of the two)':<32} {_versus(alone, floor)}")
    cpu = imported["cpu"] / max(floor["cpu"], 1e-6)
    verdict = "PASS" if ratio < 3 else "MISS"
    print(
        f"  {'goal: check + import < 3× parse':<32} {verdict} ({ratio:.1f}× wall, {cpu:.1f}× cpu)"
    )


def _cold_import(path: Path, folder: Path) -> None:
    """What a statistician waits for at the command line: `dudao import` in a new process,
    start-up (Python, Django, the catalogue, the rules' SQL) included, into a migrated store."""
    url = f"sqlite:///{folder / 'store.sqlite3'}"
    _child("create_store", path, path, url)
    command = [sys.executable, "-m", "dudao", "import", "--store", url, "--user", "bench", str(path)]  # fmt: skip
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=_env(), cwd=ROOT)
    print(f"  {'dudao import, a new process':<32} {time.perf_counter() - started:8.3f} s (start-up included)")  # fmt: skip


def _versus(got: dict[str, float], floor: dict[str, float]) -> str:
    """Wall and CPU seconds, each as a multiple of the floor's: CPU is steadier when shared."""
    wall, cpu = got["seconds"], got["cpu"]
    return (
        f"{wall:8.3f} s {wall / floor['seconds']:5.1f}× parse, "
        f"cpu {cpu:7.3f} s {cpu / max(floor['cpu'], 1e-6):5.1f}×"
    )


def _as_workbook(folder: Path, path: Path) -> Path:
    """The CSV return as one workbook, a sheet per table, numbers as numbers."""
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": True})
    for member in sorted(folder.glob("*.csv")):
        sheet = workbook.add_worksheet(member.stem)
        with member.open(encoding="utf-8-sig", newline="") as text:
            for row, cells in enumerate(csv.reader(text)):
                for column, value in enumerate(cells):
                    if value:
                        sheet.write(row, column, value)
    workbook.close()
    return path


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT), os.environ.get("PYTHONPATH", "")])}  # fmt: skip


def _child(what: str, path: Path, warm: Path, url: str = "") -> dict[str, float]:
    command = [sys.executable, "-m", "bench.returns_child", what, str(path), str(warm), url]
    started = time.perf_counter()
    done = subprocess.run(command, check=True, capture_output=True, text=True, env=_env(), cwd=ROOT)  # fmt: skip
    report: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    report["wall"] = time.perf_counter() - started
    return report


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        run(Path(folder))
