"""The five enrolment figures, checked against values computed by hand.

The small city below exercises DATA.md "Aggregation": a district without a
population row sums its towns; the city's own row wins over its children; a
ratio at every level is Σnumerator / Σdenominator, never an average of ratios.
"""

from __future__ import annotations

import pytest

from dudao.compute import IndicatorResult, compute_indicators
from tests.tables import arrow_tables

ORG_UNITS = [
    {"code": "440000", "name": "广东省", "level": "province"},
    {"code": "440100", "name": "广州市", "level": "city", "parent_code": "440000"},
    {"code": "440103", "name": "荔湾区", "level": "district", "parent_code": "440100"},
    {"code": "440104", "name": "越秀区", "level": "district", "parent_code": "440100"},
    {"code": "440103001", "name": "沙面街", "level": "town", "parent_code": "440103"},
    {"code": "440104001", "name": "北京街", "level": "town", "parent_code": "440104"},
    {"code": "440104002", "name": "人民街", "level": "town", "parent_code": "440104"},
]
SCHOOLS = [
    {"school_code": "4401030001", "org_code": "440103001", "school_type": "211"},
    {"school_code": "4401030002", "org_code": "440103", "school_type": "111"},
    {"school_code": "4401040003", "org_code": "440104001", "school_type": "311"},
    {"school_code": "4401040004", "org_code": "440104002", "school_type": "342"},
    {"school_code": "4401040005", "org_code": "440104002", "school_type": "312"},
    {"school_code": "4401040006", "org_code": "440104", "school_type": "361"},
]
STAGE_ROWS = [
    ("4401030002", "preschool", {"enrolment": 300}),
    ("4401030001", "primary", {"enrolment": 1000, "enrolment_official_age": 980, "graduates": 160}),
    ("4401040005", "primary", {"enrolment": 500, "enrolment_official_age": 490, "graduates": 90}),
    ("4401040005", "junior", {"enrolment": 300, "entrants": 100, "graduates": 80}),
    ("4401040003", "junior", {"entrants": 150, "graduates": 120}),
    ("4401040004", "senior", {"entrants": 150, "graduates": 100}),
    ("4401040006", "vocational", {"entrants": 30}),
]
POPULATION = [
    {"org_code": "440103", "age_3_5": 200, "age_6_11": 900},
    {"org_code": "440104001", "age_3_5": 50, "age_6_11": 300},
    {"org_code": "440104002", "age_3_5": 60, "age_6_11": 200},
    {"org_code": "440100", "age_3_5": 400, "age_6_11": 1500},  # own row: not the sum 310 / 1400
]
ORG_YEAR = [
    {"org_code": "440100", "senior_grads_to_higher": 80},
    {"org_code": "440104", "senior_grads_to_higher": 80},
]


@pytest.fixture(scope="module")
def results() -> dict[tuple[str, str], IndicatorResult]:
    def yearly(rows: list[dict[str, object]]) -> list[dict[str, object]]:
        return [{**row, "year": 2008} for row in rows]

    tables = arrow_tables(
        {
            "org_units": ORG_UNITS,
            "schools": [{**s, "name": "学校", "ownership": "public"} for s in SCHOOLS],
            "school_stage_year": yearly(
                [{"school_code": c, "stage": s, **counts} for c, s, counts in STAGE_ROWS]
            ),
            "population_year": yearly(POPULATION),
            "org_year": yearly(ORG_YEAR),
        }
    )
    five = sorted({indicator for indicator, *_ in EXPECTED})
    return {(r.indicator, r.unit_code): r for r in compute_indicators(tables, indicator_ids=five)}


EXPECTED = [
    # indicator, unit, value, numerator, denominator
    ("ger_preschool", "440103", 150.0, 300, 200),
    ("ger_preschool", "440104", None, None, 110),  # towns summed; no preschool reported
    ("ger_preschool", "440100", 75.0, 300, 400),  # the city's own row
    ("ger_preschool", "440000", 75.0, 300, 400),  # no own row: the city's row
    ("ner_primary", "440103", 100.0, 980, 900),  # 108.89 capped
    ("ner_primary", "440104", 98.0, 490, 500),
    ("ner_primary", "440100", 98.0, 1470, 1500),  # not the mean of 100 and 98
    ("progression_primary_to_junior", "440103", None, None, 160),
    ("progression_primary_to_junior", "440104", 250 / 90 * 100, 250, 90),
    ("progression_primary_to_junior", "440100", 100.0, 250, 250),
    ("progression_junior_to_senior", "440100", 90.0, 180, 200),
    ("progression_senior_to_higher", "440104", 80.0, 80, 100),
    ("progression_senior_to_higher", "440100", 80.0, 80, 100),
]


@pytest.mark.parametrize(("indicator", "unit", "value", "numerator", "denominator"), EXPECTED)
def test_value_by_hand(
    results: dict[tuple[str, str], IndicatorResult],
    indicator: str,
    unit: str,
    value: float | None,
    numerator: float | None,
    denominator: float | None,
) -> None:
    result = results[(indicator, unit)]
    assert result.year == 2008
    assert (result.numerator, result.denominator) == (numerator, denominator)
    assert result.value == (pytest.approx(value) if value is not None else None)


def test_capped_value_says_so(results: dict[tuple[str, str], IndicatorResult]) -> None:
    assert "capped" in results[("ner_primary", "440103")].notes
    assert "capped" not in results[("ner_primary", "440104")].notes
    assert results[("ner_primary", "440103")].display == "100.00%"


def test_totals_only_progression_says_so(results: dict[tuple[str, str], IndicatorResult]) -> None:
    assert results[("progression_junior_to_senior", "440100")].notes == ("from_totals",)


def test_towns_are_not_a_level_of_these_indicators(
    results: dict[tuple[str, str], IndicatorResult],
) -> None:
    enrolment = {indicator for indicator, *_ in EXPECTED}
    towns = [key for key in results if key[0] in enrolment and key[1][-3:] in ("001", "002")]
    assert not towns


def test_missing_input_is_null_never_nan(results: dict[tuple[str, str], IndicatorResult]) -> None:
    record = results[("ger_preschool", "440104")].to_json()
    assert record["value"] is None and record["display"] is None
    assert record["scope"] is None and record["period"] is None
    assert list(record) == [
        "indicator", "unit_code", "scope", "year", "period",
        "value", "numerator", "denominator", "display", "notes",
        "kind", "passed", "evidence", "as_of",
    ]  # fmt: skip
    assert record["kind"] == "ratio" and record["passed"] is None and record["as_of"] is None


def test_display_rounds_half_up() -> None:
    from dudao.catalogue import default_catalogue

    ger = default_catalogue().indicators["ger_preschool"]
    assert ger.display(108.875) == "108.88%"
    assert ger.display(0.125) == "0.13%"


def test_an_indicator_of_an_unknown_kind_names_file_and_line() -> None:
    from dudao.catalogue import CatalogueError, default_catalogue

    catalogue = default_catalogue()
    ger = catalogue.indicators["ger_preschool"]
    odd = catalogue.model_copy(
        update={"indicators": {"ger_preschool": ger.model_copy(update={"kind": "median"})}}
    )
    with pytest.raises(CatalogueError) as raised:
        compute_indicators({}, catalogue=odd)
    (problem,) = raised.value.problems
    assert (problem.file, problem.line) == ger.declared_at
    assert "median" in problem.message
