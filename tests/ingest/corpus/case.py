"""A corpus case: a generator that writes a file, and the findings the file must yield."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dudao.ingest import ReadLimits

Writer = Callable[[Path], Path]  # writes into the folder given; returns the path to read


class _Unchecked:
    def __repr__(self) -> str:
        return "ANY"


ANY: Any = _Unchecked()  # a place or value the case does not pin down


@dataclass(frozen=True)
class Expect:
    """A finding the case must yield; `file` is relative to the case's folder."""

    code: str
    file: str = ANY
    sheet: str | None = ANY
    row: int | None = ANY
    column: str | None = ANY
    value: str | None = ANY


@dataclass(frozen=True)
class Case:
    id: str
    write: Writer
    expect: tuple[Expect, ...]
    limits: ReadLimits | None = None
    org: str | None = None  # the submitting unit at import; None: the dataset's root unit
    stored: Callable[[dict[str, list[dict[str, object]]]], None] | None = None  # checks rows
    slow: bool = False

    @property
    def codes(self) -> set[str]:
        return {expected.code for expected in self.expect}


CASES: list[Case] = []


def case(
    case_id: str,
    *expect: Expect,
    limits: ReadLimits | None = None,
    org: str | None = None,
    stored: Callable[[dict[str, list[dict[str, object]]]], None] | None = None,
    slow: bool = False,
) -> Callable[[Writer], Writer]:
    """Register the decorated generator as a case; no `expect` means a clean file."""

    def register(write: Writer) -> Writer:
        assert all(known.id != case_id for known in CASES), f"duplicate case id {case_id}"
        CASES.append(Case(case_id, write, expect, limits, org, stored, slow))
        return write

    return register
