"""Each compliance rule's verdict and evidence text, worked by hand.

The evidence column is a public interface (the JSON Lines output): its text must be
json.dumps of the evidence — keys in order, floats as Python writes them, what is
missing named — whatever way the kind builds it. Two districts, years 2019–2020.
"""

from __future__ import annotations

import json

import pyarrow as pa
import pytest

from dudao.catalogue import ComplianceTest, Indicator, default_catalogue
from dudao.compute.hierarchy import Units
from dudao.compute.kinds import Compliance
from dudao.compute.results import Point, ResultKey

UNITS = Units(
    {"110000": "province", "110101": "district", "110102": "district", "110101001": "school"},
    {"110000": None, "110101": "110000", "110102": "110000", "110101001": "110101"},
)


def judged(test: ComplianceTest, results: dict[ResultKey, Point]) -> dict[tuple, tuple]:
    """(unit, scope, year) -> (passed, evidence dict), each evidence checked to be the
    text json.dumps writes of it."""
    base = default_catalogue().indicators["three_growths_1"]
    indicator = Indicator.model_validate({**base.model_dump(), "test": test.model_dump()})
    table = Compliance().derive(indicator, results, UNITS)
    assert table.schema.field("evidence").type == pa.string()
    found = {}
    for row in table.to_pylist():
        evidence = json.loads(row["evidence"])
        assert row["evidence"] == json.dumps(evidence, ensure_ascii=False)
        found[(row["unit_code"], row["scope"], row["year"])] = (row["passed"], evidence)
    assert list(found) == sorted(found, key=lambda p: (p[0], p[1] or "", p[2]))
    return found


def points(**values: dict[tuple[str, str | None, int], float | None]) -> dict[ResultKey, Point]:
    return {
        (name, unit, scope, year): Point(value, None)
        for name, by_place in values.items()
        for (unit, scope, year), value in by_place.items()
    }


def test_greater_names_what_is_missing() -> None:
    test = ComplianceTest(rule="greater", indicators=("a", "b"))
    found = judged(
        test,
        points(
            a={("110101", "consolidated", 2020): 5.5, ("110102", None, 2020): 0.1 + 0.2},
            b={("110101", "consolidated", 2020): 5.25, ("110102", None, 2020): None},
        ),
    )
    assert found[("110101", "consolidated", 2020)] == (True, {"values": {"a": 5.5, "b": 5.25}})
    assert found[("110102", None, 2020)] == (
        None,
        {"values": {"a": 0.30000000000000004, "b": None}, "missing": ["b"]},
    )


def test_rises_compares_each_with_the_year_before() -> None:
    test = ComplianceTest(rule="rises", indicators=("a", "b"))
    found = judged(
        test,
        points(
            a={("110101", None, 2019): 1.0, ("110101", None, 2020): 2.0},
            b={("110101", None, 2019): 3.0, ("110101", None, 2020): 3.0},
        ),
    )
    assert found[("110101", None, 2020)] == (
        False,  # b held, did not rise
        {"values": {"a@2020": 2.0, "a@2019": 1.0, "b@2020": 3.0, "b@2019": 3.0}},
    )
    assert found[("110101", None, 2019)] == (
        None,
        {
            "values": {"a@2019": 1.0, "a@2018": None, "b@2019": 3.0, "b@2018": None},
            "missing": ["a@2018", "b@2018"],
        },
    )
    no_decrease = ComplianceTest(rule="no_decrease", indicators=("b",))
    held = judged(no_decrease, points(b={("110101", None, 2019): 3.0, ("110101", None, 2020): 3.0}))
    assert held[("110101", None, 2020)][0] is True


def test_rises_first_available_uses_the_first_with_both_years() -> None:
    test = ComplianceTest(rule="rises_first_available", indicators=("a", "b"))
    found = judged(
        test,
        points(
            a={
                ("110101", None, 2020): 9.0,
                ("110102", None, 2020): 1.0,
                ("110102", None, 2019): 2.0,
            },
            b={("110101", None, 2019): 1.0, ("110101", None, 2020): 1.5},
        ),
    )
    assert found[("110101", None, 2020)] == (
        True,
        {"values": {"b@2020": 1.5, "b@2019": 1.0}, "used": "b"},
    )
    assert found[("110102", None, 2020)] == (
        False,
        {"values": {"a@2020": 1.0, "a@2019": 2.0}, "used": "a"},
    )
    assert found[("110101", None, 2019)] == (
        None,
        {
            "values": {"a@2019": None, "a@2018": None, "b@2019": 1.0, "b@2018": None},
            "missing": ["a@2019", "a@2018", "b@2018"],
        },
    )


def test_at_most_and_its_thresholds_at_the_indicator_levels_only() -> None:
    test = ComplianceTest(rule="at_most", indicators=("cv1", "cv2"), thresholds=(0.65, 0.5))
    found = judged(
        test,
        points(
            cv1={("110101", None, 2020): 0.65, ("110101001", None, 2020): 0.1},
            cv2={("110101", None, 2020): 1e-05, ("110102", None, 2020): 2.0},
        ),
    )
    thresholds = {"cv1": 0.65, "cv2": 0.5}
    assert set(found) == {("110101", None, 2020), ("110102", None, 2020)}  # no school
    assert found[("110101", None, 2020)] == (
        True,
        {"values": {"cv1": 0.65, "cv2": 1e-05}, "thresholds": thresholds},
    )
    assert found[("110102", None, 2020)] == (
        None,
        {"values": {"cv1": None, "cv2": 2.0}, "missing": ["cv1"], "thresholds": thresholds},
    )


@pytest.mark.parametrize(
    ("values", "passed", "met", "below", "below_floor"),
    [
        ((5.0, 1.0, 1.0), True, 3, [], []),
        ((5.0, 0.9, 1.0), True, 2, ["b"], []),
        ((5.0, 0.5, 1.0), False, 2, ["b"], ["b"]),
        ((4.0, 0.9, 1.0), False, 1, ["a", "b"], []),
    ],
)
def test_meets_standards_counts_those_met_and_those_far_below(
    values: tuple[float, ...], passed: bool, met: int, below: list[str], below_floor: list[str]
) -> None:
    test = ComplianceTest(
        rule="meets_standards", indicators=("a", "b", "c"), thresholds=(4.5, 1.0, 1.0),
        at_least=2, floor=0.85,
    )  # fmt: skip
    place = ("110101", None, 2020)
    inputs = points(**{name: {place: value} for name, value in zip("abc", values, strict=True)})
    assert judged(test, inputs)[place] == (
        passed,
        {
            "values": dict(zip("abc", values, strict=True)),
            "thresholds": {"a": 4.5, "b": 1.0, "c": 1.0},
            "met": met,
            "below": below,
            "below_floor": below_floor,
        },
    )
    missing = points(a={place: 5.0}, b={place: None})
    assert judged(test, missing)[place] == (
        None,
        {
            "values": {"a": 5.0, "b": None, "c": None},
            "missing": ["b", "c"],
            "thresholds": {"a": 4.5, "b": 1.0, "c": 1.0},
        },
    )
