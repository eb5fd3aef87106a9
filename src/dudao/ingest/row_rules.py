"""Rules across the cells of one row, one function each, registered in ROW_RULES."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from dudao.ingest.findings import Expected


@dataclass(frozen=True)
class RowProblem:
    code: str
    field: str
    expected: Expected


@dataclass(frozen=True)
class RowRule:
    table: str
    check: Callable[[Mapping[str, object]], Iterator[RowProblem]]


def teacher_honours_name_their_org(row: Mapping[str, object]) -> Iterator[RowProblem]:
    """A teacher's designation places itself by org_code: teacher microdata may be absent."""
    if row.get("unit_kind") == "teacher" and row.get("org_code") is None:
        yield RowProblem(
            "missing_required",
            "org_code",
            ("对象为教师时必填：区划代码", "a division code (required when unit_kind is teacher)"),
        )


ROW_RULES: tuple[RowRule, ...] = (RowRule("designations", teacher_honours_name_their_org),)


def rules_for(table_id: str) -> tuple[RowRule, ...]:
    return tuple(rule for rule in ROW_RULES if rule.table == table_id)
