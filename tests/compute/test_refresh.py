"""After one school's rows change, its chain's figures refreshed equal a full recompute.

On the seed city (province 440000, city 440100, districts, towns): every figure of
the school's chain after the refresh is compared with the whole catalogue computed
again on the changed data, within 1e-9; figures the refresh cannot make exactly are
listed as stale and never returned. The catalogue gets a growth of enrolment (and
the count carrying its sums), as none of the shipped growths reads a school table.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from dudao.catalogue import Catalogue, Operand, default_catalogue
from dudao.compute import IndicatorResult, compute_indicators, compute_table
from dudao.compute.refresh import Refresh, refresh_results
from dudao.compute.refresh.sums import patched
from dudao.compute.results import ResultKey
from dudao.demo import write_seed_city
from dudao.ingest import read_dataset

TOLERANCE = 1e-9
Figures = dict[ResultKey, IndicatorResult]


@dataclass(frozen=True)
class Seed:
    catalogue: Catalogue
    tables: Mapping[str, pa.Table]
    before: Figures


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Seed:
    tables = read_dataset(write_seed_city(tmp_path_factory.mktemp("seed_city"))).tables
    catalogue = _with_enrolment_growth(default_catalogue())
    return Seed(catalogue, tables, _figures(compute_indicators(tables, catalogue=catalogue)))


def _with_enrolment_growth(catalogue: Catalogue) -> Catalogue:
    enrolment = Operand(table="school_stage_year", expr="SUM(enrolment)")
    count = catalogue.indicators["edu_budget"].model_copy(
        update={"id": "enrolment_total", "kind": "count", "numerator": enrolment, "scale": 1.0}
    )
    growth = catalogue.indicators["edu_budget_growth"].model_copy(
        update={"id": "enrolment_growth", "numerator": enrolment}
    )
    indicators = {**catalogue.indicators, count.id: count, growth.id: growth}
    return catalogue.model_copy(update={"indicators": indicators})


def _figures(results: list[IndicatorResult]) -> Figures:
    return {result.key: result for result in results}


def _changed(
    tables: Mapping[str, pa.Table],
    table_id: str,
    school: str,
    year: int,
    edits: Mapping[str, float],
) -> dict[str, pa.Table]:
    """The school's rows of `year` in one table with each field moved by its edit."""
    table = tables[table_id]
    mine = pc.and_(pc.equal(table["school_code"], school), pc.equal(table["year"], year))
    for name, delta in edits.items():
        column = table[name]
        moved = pc.if_else(mine, pc.add(pc.fill_null(column, 0), delta), column)
        table = table.set_column(table.schema.get_field_index(name), name, moved.cast(column.type))
    return {**tables, table_id: table}


def _refreshed(seed: Seed, tables: Mapping[str, pa.Table], school: str) -> tuple[Refresh, Figures]:
    changed = ("school_stage_year", "school_year")
    refresh = refresh_results(
        seed.before, tables, school, changed=changed, catalogue=seed.catalogue
    )
    return refresh, _figures(compute_indicators(tables, catalogue=seed.catalogue))


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=TOLERANCE, abs_tol=TOLERANCE)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return a == b


def _differences(refresh: Refresh, before: Figures, after: Figures) -> list[str]:
    """Every chain figure the refresh got unlike the full recompute (stale ones aside)."""
    refreshed = refresh.applied(before)
    chain = set(refresh.chain.units)
    found = []
    for key in sorted(set(after) | set(refreshed), key=str):
        if key[1] not in chain or key in refresh.stale:
            continue
        full, mine = after.get(key), refreshed.get(key)
        if full is None or mine is None:
            found.append(f"{key}: full {full is not None}, refreshed {mine is not None}")
            continue
        for field in ("value", "numerator", "denominator", "passed", "evidence", "notes", "kind", "period", "as_of"):  # fmt: skip
            if not _same(getattr(full, field), getattr(mine, field)):
                found.append(f"{key} {field}: full {getattr(full, field)!r}, refreshed {getattr(mine, field)!r}")  # fmt: skip
    return found


def _moved_kinds(refresh: Refresh, before: Figures, units: tuple[str, ...]) -> set[str]:
    """The kinds of the refreshed figures of `units` whose value or evidence moved."""
    return {
        result.kind or ""
        for key, result in refresh.results.items()
        if key[1] in units
        and (
            key not in before
            or not _same(before[key].value, result.value)
            or not _same(before[key].evidence, result.evidence)
        )
    }


def test_a_city_school_in_a_district_refreshes_its_chain(seed: Seed) -> None:
    school = "2144000003"  # 广东广雅中学: a city-sponsored senior school of 荔湾区
    tables = _changed(seed.tables, "school_stage_year", school, 2008, {"enrolment": 37, "enrolment_female": 20, "teachers": 4})  # fmt: skip
    tables = _changed(tables, "school_year", school, 2009, {"teaching_room_area": 500.5, "land_area": 1000.0})  # fmt: skip
    refresh, after = _refreshed(seed, tables, school)

    assert refresh.chain.units == ("440103", "440100", "440000")
    assert _differences(refresh, seed.before, after) == []
    above = _moved_kinds(refresh, seed.before, refresh.chain.above)
    assert {"ratio", "share", "amount", "count", "growth", "compliance"} <= above
    # the city's own-level per-student figures hold its own school: they moved
    assert ("edu_budget_per_student", "440100", "own_level", 2008) in refresh.results
    # a parity of ratios of sums cannot be patched from the district's figures: stale above it
    assert {(i, u, y) for i, u, _, y in refresh.stale} == {
        (i, u, 2008) for i in ("gpi_junior", "adjusted_gpi_junior") for u in ("440100", "440000")
    }
    assert not refresh.stale & refresh.results.keys()


def test_a_town_school_flips_its_district_balance_verdict_and_the_counts_above(seed: Seed) -> None:
    school = _county_primary_school_in_a_town(seed.tables)
    area = {"teaching_room_area": 2_000_000.0, "sports_area": 3_000_000.0}
    tables = _changed(seed.tables, "school_year", school, 2009, area)
    tables = _changed(tables, "school_stage_year", school, 2009, {"enrolment": 11})
    refresh, after = _refreshed(seed, tables, school)

    assert [refresh.chain.level[u] for u in refresh.chain.units] == ["town", "district", "city", "province"]  # fmt: skip
    assert _differences(refresh, seed.before, after) == []
    district = refresh.chain.root
    assert {"dispersion", "mean", "compliance"} <= _moved_kinds(refresh, seed.before, (district,))
    assert "passing" in _moved_kinds(refresh, seed.before, refresh.chain.above)
    flipped = ("balance2017_cv_passed_primary", district, None, 2009)
    assert seed.before[flipped].passed is True and refresh.results[flipped].passed is False


def _county_primary_school_in_a_town(tables: Mapping[str, pa.Table]) -> str:
    levels = dict(zip(tables["org_units"]["code"].to_pylist(), tables["org_units"]["level"].to_pylist(), strict=True))  # fmt: skip
    for row in tables["schools"].to_pylist():
        if levels[row["org_code"]] == "town" and row["school_type"] == "211" and row["sponsor_level"] == "county" and row["ownership"] == "public":  # fmt: skip
            return str(row["school_code"])
    raise AssertionError("the seed city has a county primary school in a town")


def test_a_sum_moves_by_the_root_part_and_stays_null_only_when_it_must() -> None:
    assert patched(100.0, 30.0, 45.0) == (True, 115.0)
    assert patched(None, None, 7.0) == (True, 7.0)  # the root's part is the whole
    assert patched(100.0, None, None) == (True, 100.0)
    assert patched(100.0, 30.0, None) == (True, 70.0)  # the rest is not null: it is not 0
    assert patched(30.0, 30.0, None) == (False, 0.0)  # null or 0: cannot tell


def test_the_previous_figures_may_be_compute_tables_table(seed: Seed) -> None:
    """A national run's figures stay one Arrow table: only the chain's rows are read. (Which
    places count as moved may differ by a sum's last bit between two runs: the figures
    after the refresh are compared, not the sets of places patched.)"""
    school = "2144000003"
    tables = _changed(seed.tables, "school_stage_year", school, 2008, {"enrolment": 37})
    table = compute_table(seed.tables, catalogue=seed.catalogue)
    from_table = refresh_results(table, tables, school, catalogue=seed.catalogue)
    from_objects = refresh_results(seed.before, tables, school, catalogue=seed.catalogue)
    stale = from_table.stale | from_objects.stale  # a place seen to move by noise may be stale
    one, other = from_table.applied(seed.before), from_objects.applied(seed.before)
    assert one.keys() - stale == other.keys() - stale
    chain = set(from_table.chain.units)
    keys = [k for k in one if k[1] in chain and k not in stale]
    assert [k for k in keys if not _same(one[k].value, other[k].value)] == []
    changed = [k for k, r in from_table.results.items() if k not in seed.before or not _same(seed.before[k].value, r.value)]  # fmt: skip
    assert changed  # the change moved figures: the comparison above is not of nothing
