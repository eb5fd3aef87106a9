"""Schools open in the year, in all and per stage (`schools`, `schools_<stage>`), by hand.

DATA.md: a school operates in the years it has stage rows (`schools.closed` is the first
year without them); teaching points (type 218) are not counted as schools, and a school of
several stages counts once in `schools` and under each of its stages.

District 440103 in 2008 (hand-made):
- 1 kindergarten (111), preschool rows;       - 2 primary school (211);
- 3 teaching point (218), primary rows: left out;
- 4 nine-year school (312), primary and junior rows: once in all, in both stages;
- 5 primary school closed in 2008 (rows up to 2007): not open in 2008;
- 6 senior high (342) in district 440104.
So 440103 has 3 schools (1 preschool, 2 primary, 1 junior) and the city 4 (1 senior).
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from dudao.compute import compute_indicators
from dudao.demo import write_seed_city
from dudao.ingest import read_dataset
from tests.tables import arrow_tables

STAGES = ("preschool", "primary", "junior", "senior", "vocational", "special")
COUNTS = ["schools", *(f"schools_{stage}" for stage in STAGES)]
# number: district, school type, {year: stages}
SCHOOLS = {
    1: ("440103", "111", {2007: ["preschool"], 2008: ["preschool"]}),
    2: ("440103", "211", {2008: ["primary"]}),
    3: ("440103", "218", {2008: ["primary"]}),
    4: ("440103", "312", {2008: ["primary", "junior"]}),
    5: ("440103", "211", {2007: ["primary"]}),
    6: ("440104", "342", {2008: ["senior"]}),
}


def _tables() -> dict[str, object]:
    return arrow_tables({
        "org_units": [
            {"code": "440100", "name": "广州市", "level": "city"},
            {"code": "440103", "name": "荔湾区", "level": "district", "parent_code": "440100"},
            {"code": "440104", "name": "越秀区", "level": "district", "parent_code": "440100"},
        ],
        "schools": [
            {"school_code": f"21440000{n}", "name": f"第{n}校", "org_code": org, "school_type": kind,
             "ownership": "public", "closed": 2008 if n == 5 else None}
            for n, (org, kind, _) in SCHOOLS.items()
        ],
        "school_stage_year": [
            {"school_code": f"21440000{n}", "year": year, "stage": stage, "enrolment": 100}
            for n, (_, _, years) in SCHOOLS.items()
            for year, stages in years.items()
            for stage in stages
        ],
    })  # type: ignore[return-value]  # fmt: skip


def _values(results: list, year: int) -> dict[tuple[str, str], float | None]:  # type: ignore[type-arg]
    return {(r.indicator, r.unit_code): r.value for r in results if r.year == year}


def test_schools_open_in_the_year_in_all_and_per_stage() -> None:
    values = _values(compute_indicators(_tables(), indicator_ids=COUNTS), 2008)  # type: ignore[arg-type]
    district = {i: values.get((i, "440103")) for i in COUNTS}
    assert district == {
        "schools": 3, "schools_preschool": 1, "schools_primary": 2, "schools_junior": 1,
        "schools_senior": 0, "schools_vocational": 0, "schools_special": 0,
    }  # fmt: skip
    assert values[("schools", "440100")] == 4 and values[("schools_senior", "440100")] == 1
    assert values[("schools", "440104")] == 1


def test_a_closed_school_counts_in_the_years_it_operated() -> None:
    values = _values(compute_indicators(_tables(), indicator_ids=COUNTS), 2007)  # type: ignore[arg-type]
    assert values[("schools", "440103")] == 2  # the kindergarten and school 5
    assert values[("schools_primary", "440103")] == 1


@pytest.fixture(scope="module")
def seed_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_seed_city(tmp_path_factory.mktemp("school_counts_seed"))


def test_the_seed_city_counted_from_its_csv_files(seed_path: Path) -> None:
    """The engine's counts equal a plain count over the CSV files, unit by unit."""
    with (seed_path / "schools.csv").open(encoding="utf-8") as file:
        schools = {row["school_code"]: row for row in csv.DictReader(file)}
    with (seed_path / "org_units.csv").open(encoding="utf-8") as file:
        orgs = list(csv.DictReader(file))
    parent = {row["code"]: row["parent_code"] for row in orgs}
    counted = {row["code"] for row in orgs if row["level"] != "town"}  # district and up
    with (seed_path / "school_stage_year.csv").open(encoding="utf-8") as file:
        rows = {
            (row["school_code"], row["stage"])
            for row in csv.DictReader(file)
            if row["year"] == "2008" and schools[row["school_code"]]["school_type"] != "218"
        }
    expected: Counter[tuple[str, str]] = Counter()
    for indicator, wanted in [("schools", {code for code, _ in rows})] + [
        (f"schools_{stage}", {code for code, s in rows if s == stage}) for stage in STAGES
    ]:
        for code in wanted:
            unit: str | None = schools[code]["org_code"]
            while unit:
                if unit in counted:
                    expected[(indicator, unit)] += 1
                unit = parent.get(unit) or None
    tables = dict(read_dataset(seed_path).tables)
    values = _values(compute_indicators(tables, indicator_ids=COUNTS), 2008)
    assert expected[("schools", "440100")] > 1000  # the seed city has its schools
    for key, count in expected.items():
        assert values.get(key) == count, key
    assert all(value in (0, None) for key, value in values.items() if key not in expected)
