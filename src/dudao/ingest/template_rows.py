"""The rows a template starts with: a unit's registers and this year's keys, from approved data.

Registers (`org_units`, `schools`, `substitute_cases`) are copied whole for the unit's subtree:
a new version replaces a table it holds (DATA.md, Files), so a register sent back must keep every
row, closed schools included. Yearly tables get the keys their rows had in the latest approved
year before the template's year, that year replaced by the template's, numbers left empty
(empty = not reported): the statistician types the numbers, never re-sends last year's. Events
and microdata start empty: a row there is a fact nobody has confirmed yet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import pyarrow as pa

from dudao.catalogue import Catalogue, TableDef, TableKind

Row = dict[str, object]
REGISTERS = ("schools", "substitute_cases")
YEARLY_FROM_HISTORY = (
    "school_stage_year",
    "school_year",
    "population_year",
    "fiscal_year",
    "org_year",
)
READS = ("org_units", *REGISTERS, *YEARLY_FROM_HISTORY)  # the approved tables a template needs


class UnknownOrg(LookupError):
    """The template's unit is not in the approved register of org units."""


@dataclass
class Prefill:
    """Rows per table id, the approved year each yearly table was copied from, and names."""

    org: Row
    year: int
    rows: dict[str, list[Row]] = field(default_factory=dict)
    copied_from: dict[str, int | None] = field(default_factory=dict)
    school_names: dict[str, str] = field(default_factory=dict)
    org_names: dict[str, str] = field(default_factory=dict)


def prefill(
    snapshot: Mapping[str, pa.Table], org_code: str, year: int, catalogue: Catalogue
) -> Prefill:
    """What a template for `org_code` and `year` holds before anyone types in it."""
    orgs = _rows(snapshot, "org_units")
    units = subtree(org_code, {str(row["code"]): _text(row["parent_code"]) for row in orgs})
    org = next((row for row in orgs if row["code"] == org_code), None)
    if org is None:
        raise UnknownOrg(org_code)
    schools = [row for row in _rows(snapshot, "schools") if row["org_code"] in units]
    located = _Locator(units, {str(s["school_code"]) for s in schools})
    result = Prefill(org, year)
    result.org_names = {str(row["code"]): str(row["name"]) for row in orgs if row["code"] in units}
    result.school_names = {str(s["school_code"]): str(s["name"]) for s in schools}
    result.rows["schools"] = schools
    result.rows["substitute_cases"] = [
        row for row in _rows(snapshot, "substitute_cases") if row["org_code"] in units
    ]
    operating = [str(s["school_code"]) for s in schools if _operates(s, year)]
    for table_id in YEARLY_FROM_HISTORY:
        table = catalogue.tables[table_id]
        history = [row for row in _rows(snapshot, table_id) if located(table, row)]
        years = [_year(row["year"]) for row in history]
        last = max((y for y in years if y is not None and y < year), default=None)
        result.copied_from[table_id] = last
        previous = [row for row in history if row["year"] == last]
        fresh = _FRESH[table_id](previous, schools, operating, org_code, catalogue)
        result.rows[table_id] = [{**_key(table, row), "year": year} for row in fresh]
    return result


def subtree(root: str, parents: Mapping[str, str | None]) -> set[str]:
    """`root` and every unit below it."""
    children: dict[str, list[str]] = {}
    for code, parent in parents.items():
        if parent is not None:
            children.setdefault(parent, []).append(code)
    found, stack = {root}, [root]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


class _Locator:
    """Whether a row of a yearly table belongs to the subtree (by org_code or school_code)."""

    def __init__(self, units: set[str], schools: set[str]) -> None:
        self.units, self.schools = units, schools

    def __call__(self, table: TableDef, row: Row) -> bool:
        if table.kind is TableKind.SCHOOL:
            return row.get("school_code") in self.schools
        return row.get("org_code") in self.units


def _operates(school: Row, year: int) -> bool:
    opened, closed = _year(school.get("opened")), _year(school.get("closed"))
    return (opened is None or opened <= year) and (closed is None or closed > year)


def _key(table: TableDef, row: Row) -> Row:
    return {name: row.get(name) for name in table.key}


Fresh = Callable[[list[Row], list[Row], list[str], str, Catalogue], list[Row]]


def _stage_rows(
    previous: list[Row], schools: list[Row], operating: list[str], org: str, catalogue: Catalogue
) -> list[Row]:
    """Each operating school's stages of last year, else the stages of its school type."""
    stages: dict[str, list[str]] = {}
    for row in previous:
        stages.setdefault(str(row["school_code"]), []).append(str(row["stage"]))
    types = {str(s["school_code"]): str(s["school_type"]) for s in schools}
    school_types = catalogue.code_lists["school_type"]
    order = [code.code for code in catalogue.code_lists["stage"].codes]
    rows: list[Row] = []
    for code in sorted(operating):
        known = stages.get(code)
        if known is None:
            known = list(school_types.get(types[code]).stages) if types[code] else []
        for stage in sorted(set(known), key=order.index):
            rows.append({"school_code": code, "stage": stage})
    return rows


def _school_rows(
    previous: list[Row], schools: list[Row], operating: list[str], org: str, catalogue: Catalogue
) -> list[Row]:
    return [{"school_code": code} for code in sorted(operating)]


def _org_rows(scopes: Iterable[str | None]) -> Fresh:
    """Last year's reporting units (and scopes), else the template's own unit."""

    def fresh(
        previous: list[Row], schools: list[Row], operating: list[str], org: str, cat: Catalogue
    ) -> list[Row]:
        if previous:
            keys = {(str(row["org_code"]), row.get("scope")) for row in previous}
        else:
            keys = {(org, scope) for scope in scopes}
        return [
            {"org_code": code, "scope": scope}
            for code, scope in sorted(keys, key=lambda key: (key[0], str(key[1])))
        ]

    return fresh


_FRESH: dict[str, Fresh] = {
    "school_stage_year": _stage_rows,
    "school_year": _school_rows,
    "population_year": _org_rows([None]),
    "fiscal_year": _org_rows(["consolidated", "own_level"]),
    "org_year": _org_rows([None]),
}


def _rows(snapshot: Mapping[str, pa.Table], table_id: str) -> list[Row]:
    table = snapshot.get(table_id)
    return [] if table is None else table.to_pylist()


def _year(value: object) -> int | None:
    return None if value is None else int(str(value))


def _text(value: object) -> str | None:
    return None if value is None else str(value)
