"""Large but honest returns: read and imported whole, every row (run by `make bench`)."""

from __future__ import annotations

from pathlib import Path

from tests.ingest.corpus.case import case
from tests.ingest.corpus.files import city_folder

STUDENT_ROWS = 500_000


def _all_students_stored(stored: dict[str, list[dict[str, object]]]) -> None:
    assert len(stored["students"]) == STUDENT_ROWS
    assert stored["students"][-1]["student_id"] == f"S{STUDENT_ROWS - 1:07d}"


@case("a_500000_row_sheet", stored=_all_students_stored, slow=True)
def a_500000_row_sheet(folder: Path) -> Path:
    """Half a million student records in one CSV file, written in well under a second."""
    city = city_folder(folder)
    with (city / "students.csv").open("w", encoding="utf-8", newline="") as text:
        text.write("student_id,year,school_code,sex,birth_date\r\n")
        text.writelines(
            f"S{index:07d},2008,4401030001,{('male', 'female')[index % 2]},"
            f"2001-02-{1 + index % 28:02d}\r\n"
            for index in range(STUDENT_ROWS)
        )
    return city
