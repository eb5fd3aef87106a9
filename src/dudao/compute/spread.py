"""A dispersion's schools: each school's value and its part of the variance (explain).

With X_i = R_i / P_i and X̄ = ΣR / ΣP, the variance S² = Σ (P_i / P)(X_i − X̄)²
(REFERENCES.md, 2012 basic balance); a school's part is its term of that sum,
so the schools that move the CV most come first.
"""

from __future__ import annotations

from dataclasses import dataclass

from dudao.catalogue import Catalogue, Indicator
from dudao.compute.contributions import contribution_query
from dudao.compute.engine import Engine
from dudao.compute.kinds import Dispersion


@dataclass(frozen=True)
class SchoolValue:
    code: str
    name: str | None
    resource: float | None  # R_i, after a combined school's split
    enrolment: float | None  # P_i
    value: float | None  # X_i = R_i / P_i; None when the school is left out
    weight: float | None  # P_i / P
    variance_part: float | None  # (P_i / P)(X_i − X̄)² / S²: its share of the variance
    left_out: bool

    def to_json(self) -> dict[str, object]:
        return dict(self.__dict__)


def school_values(
    engine: Engine,
    catalogue: Catalogue,
    indicator: Indicator,
    *,
    unit_code: str,
    year: int,
    period: tuple[int, int],
) -> list[SchoolValue]:
    """Every school of the district's CV, the largest parts of the variance first."""
    operands = Dispersion().operands(indicator)  # ΣR, ΣP, ΣR²/P and the left-out count
    assert indicator.numerator is not None and indicator.denominator is not None
    expressions = (
        f"SUM({indicator.numerator.expr})",
        f"SUM({indicator.denominator.expr})",
        operands[3].expr,
    )
    query = contribution_query(
        catalogue, operands[0], expressions, unit_code=unit_code, year=year, period=period
    )
    rows = engine.run(query).to_pylist()
    kept = [row for row in rows if not row["op_2"]]
    total_r = sum(row["op_0"] for row in kept)
    total_p = sum(row["op_1"] for row in kept)
    mean = total_r / total_p if total_p else None
    parts = {
        row["code"]: row["op_1"] / total_p * (row["op_0"] / row["op_1"] - mean) ** 2
        for row in kept
        if mean is not None
    }
    variance = sum(parts.values())
    schools = [_school(row, parts, variance, total_p) for row in rows]
    return sorted(schools, key=lambda s: (s.left_out, -(s.variance_part or 0), s.code))


def _school(
    row: dict[str, object], parts: dict[str, float], variance: float, total_p: float
) -> SchoolValue:
    resource, enrolment = row["op_0"], row["op_1"]
    left_out = bool(row["op_2"])
    part = parts.get(str(row["code"]))
    return SchoolValue(
        code=str(row["code"]),
        name=None if row["name"] is None else str(row["name"]),
        resource=resource,  # type: ignore[arg-type]
        enrolment=enrolment,  # type: ignore[arg-type]
        value=None if left_out else resource / enrolment,  # type: ignore[operator]
        weight=None if left_out or not total_p else enrolment / total_p,  # type: ignore[operator]
        variance_part=None if part is None or not variance else part / variance,
        left_out=left_out,
    )
