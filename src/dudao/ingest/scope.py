"""DATA.md, Files: every row of a submission belongs to the submitting unit or a unit below it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import pyarrow.compute as pc

from dudao.ingest.findings import Expected, Finding
from dudao.ingest.table_reader import TablePart

Parents = Mapping[str, str | None]  # org code -> parent code


def rows_outside(
    parts: list[TablePart], submitter: str, parents: Parents, school_orgs: Mapping[str, str]
) -> list[Finding]:
    """One finding per (table part, unit) outside `submitter`, on the first row that names it."""
    under: dict[str, bool] = {}
    findings: list[Finding] = []
    for part in parts:
        if all(_is_under(unit, submitter, parents, under) for unit in _units(part, school_orgs)):
            continue  # the usual case, decided per distinct unit instead of per row
        outside: dict[tuple[str, str], list[int]] = {}
        for row, column, unit, value in _located_rows(part, school_orgs):
            if not _is_under(unit, submitter, parents, under):
                outside.setdefault((column, value), []).append(row)
        for (column, value), rows in outside.items():
            findings.append(_finding(part, column, value, rows, submitter))
    return findings


def _units(part: TablePart, school_orgs: Mapping[str, str]) -> set[str]:
    """Every unit a row of `part` can be placed in (a superset of `_located_rows`' units)."""
    data = part.data

    def distinct(column: str, unit_kind: str | None = None) -> list[str]:
        if column not in data.column_names:
            return []
        values = data.column(column)
        if unit_kind is not None:  # designations name their unit, of this kind
            values = values.filter(pc.equal(data.column("unit_kind"), unit_kind))
        return [value for value in pc.unique(values).to_pylist() if value is not None]

    if part.table.id == "org_units":
        return set(distinct("code"))
    schools = [*distinct("school_code"), *distinct("unit_code", "school")]
    units = {school_orgs[code] for code in schools if code in school_orgs}
    return units | set(distinct("org_code")) | set(distinct("unit_code", "org"))


def _located_rows(
    part: TablePart, school_orgs: Mapping[str, str]
) -> Iterator[tuple[int, str, str, str]]:
    """(sheet row, locating column, org unit, value as written) of each row that can be placed."""
    table = part.table
    for row, record in zip(part.rows, part.data.to_pylist(), strict=True):
        if table.id == "org_units":
            yield row, "code", record["code"], record["code"]
        elif record.get("unit_kind") in ("school", "org"):  # designations name their unit
            code = record["unit_code"]
            unit = school_orgs.get(code) if record["unit_kind"] == "school" else code
            if unit is not None:
                yield row, "unit_code", unit, code
        elif record.get("org_code") is not None:
            yield row, "org_code", record["org_code"], record["org_code"]
        elif record.get("school_code") in school_orgs:
            yield row, "school_code", school_orgs[record["school_code"]], record["school_code"]


def _is_under(unit: str, submitter: str, parents: Parents, memo: dict[str, bool]) -> bool:
    if unit not in memo:
        chain: list[str] = []
        current: str | None = unit
        while current is not None and current != submitter and current not in memo:
            if current in chain:  # a cycle in the hierarchy never reaches the submitter
                break
            chain.append(current)
            current = parents.get(current)
        found = current == submitter or (current in memo and memo[current])
        for code in chain:
            memo[code] = found
        memo.setdefault(unit, found)
    return memo[unit]


def _finding(part: TablePart, column: str, value: str, rows: list[int], submitter: str) -> Finding:
    more = len(rows) - 1
    expected: Expected = (
        f"报送单位{submitter}或其下级单位的数据" + (f"（另有 {more} 行同值）" if more else ""),
        f"rows of the submitting unit {submitter} or a unit below it"
        + (f" ({more} more rows with this value)" if more else ""),
    )
    return part.place.finding(
        "outside_submitter",
        row=rows[0],
        column=column,
        column_label=part.table.field(column).label,
        value=value,
        expected=expected,
    )
