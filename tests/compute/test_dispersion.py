"""The CV across a district's schools, worked by hand, with a combined school's split.

Schools of 440103 (all in balance2012_schools), 2008, teaching and auxiliary floor area:
- A, a primary school: 100 pupils, 500 m² -> X = 5;
- B, a nine-year school: 200 primary and 110 junior students share 2100 m²; by the
  weights primary:junior = 1:1.1 the primary stage gets 2100 · 200 / (200 + 1.1 · 110)
  = 2100 · 200 / 321 m²;
- C, a primary school that does not report its area: left out, and said so.
"""

from __future__ import annotations

import math

import pytest

from dudao.compute import compute_indicators
from tests.tables import arrow_tables

ID = "balance2012_cv_teaching_room_area_per_student_primary"


def _tables() -> dict[str, object]:
    schools = [("A", "211"), ("B", "312"), ("C", "211")]
    stages = [
        ("A", "primary", 100),
        ("B", "primary", 200),
        ("B", "junior", 110),
        ("C", "primary", 100),
    ]
    return {
        "org_units": [{"code": "440103", "name": "荔湾区", "level": "district"}],
        "schools": [
            {"school_code": f"440103000{c}", "name": c, "org_code": "440103",
             "school_type": t, "ownership": "public"}
            for c, t in schools
        ],
        "school_stage_year": [
            {"school_code": f"440103000{c}", "year": 2008, "stage": s, "enrolment": p}
            for c, s, p in stages
        ],
        "school_year": [
            {"school_code": "440103000A", "year": 2008, "teaching_room_area": 500},
            {"school_code": "440103000B", "year": 2008, "teaching_room_area": 2100},
            {"school_code": "440103000C", "year": 2008},
        ],
    }  # fmt: skip


def test_cv_by_hand_with_a_combined_school_split() -> None:
    tables = arrow_tables(_tables())  # type: ignore[arg-type]
    (result,) = compute_indicators(tables, indicator_ids=[ID])
    b_area = 2100 * 200 / 321
    mean = (500 + b_area) / 300
    spread = math.sqrt(100 / 300 * (5 - mean) ** 2 + 200 / 300 * (b_area / 200 - mean) ** 2)
    assert result.value == pytest.approx(spread / mean)  # 0.1206
    assert (result.numerator, result.denominator) == (pytest.approx(500 + b_area), 300)
    assert result.kind == "dispersion" and result.notes == ("left_out_1",)


def test_cv_is_for_districts_only() -> None:
    from dudao.catalogue import default_catalogue

    assert default_catalogue().indicators[ID].levels == ("district",)


def test_the_composite_needs_all_eight() -> None:
    tables = arrow_tables(_tables())  # type: ignore[arg-type]
    composite = "balance2012_cv_composite_primary"
    (result,) = compute_indicators(tables, indicator_ids=[composite])
    assert result.kind == "mean" and result.value is None
    assert "missing_balance2012_cv_sports_area_per_student_primary" in result.notes
    assert "missing_" + ID not in result.notes


def test_the_composite_is_the_mean_of_the_eight() -> None:
    from dudao.catalogue import default_catalogue
    from dudao.compute.kinds import Mean
    from dudao.compute.results import IndicatorResult, as_results

    composite = default_catalogue().indicators["balance2012_cv_composite_junior"]
    inputs = {
        (name, "440103", None, 2008): IndicatorResult(
            name, "440103", 2008, 0.1 * n, None, None, None
        )
        for n, name in enumerate(composite.of, 1)
    }
    from dudao.compute.hierarchy import Units

    units = Units(level={"440103": "district"}, parent={"440103": None})
    (result,) = as_results(Mean().derive(composite, inputs, units), default_catalogue().indicators)
    assert result.value == pytest.approx(0.45) and result.display == "0.450"


def test_stage_weights_are_an_option() -> None:
    tables = arrow_tables(_tables())  # type: ignore[arg-type]
    (result,) = compute_indicators(
        tables, indicator_ids=[ID], stage_weights={"junior": 1.0}
    )  # primary:junior = 1:1, the other defaults kept
    b_area = 2100 * 200 / 310
    mean = (500 + b_area) / 300
    spread = math.sqrt(100 / 300 * (5 - mean) ** 2 + 200 / 300 * (b_area / 200 - mean) ** 2)
    assert result.value == pytest.approx(spread / mean)
    assert result.numerator == pytest.approx(500 + b_area)
