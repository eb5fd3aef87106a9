"""Gender parity of the GER: GPI = female GER ÷ male GER; UIS adjusted when girls outnumber boys."""

from __future__ import annotations

import pytest

from dudao.compute import compute_indicators
from tests.tables import arrow_tables


def test_adjusted_gpi_where_girls_outnumber_boys() -> None:
    tables = arrow_tables(
        {
            "org_units": [{"code": "440103", "name": "荔湾区", "level": "district"}],
            "schools": [
                {
                    "school_code": "4401030001",
                    "name": "学校",
                    "org_code": "440103",
                    "school_type": "312",
                    "ownership": "public",
                },
            ],
            "school_stage_year": [
                # primary: 600 girls, 400 boys; junior: 200 girls, 300 boys
                {
                    "school_code": "4401030001",
                    "year": 2008,
                    "stage": "primary",
                    "enrolment": 1000,
                    "enrolment_female": 600,
                },
                {
                    "school_code": "4401030001",
                    "year": 2008,
                    "stage": "junior",
                    "enrolment": 500,
                    "enrolment_female": 200,
                },
            ],
            "population_year": [
                # as many girls as boys aged 6-11 and 12-14
                {
                    "org_code": "440103",
                    "year": 2008,
                    "age_6_11": 1000,
                    "age_6_11_female": 500,
                    "age_12_14": 600,
                    "age_12_14_female": 300,
                },
            ],
        }
    )
    ids = ["gpi_primary", "adjusted_gpi_primary", "gpi_junior", "adjusted_gpi_junior"]
    found = {r.indicator: r for r in compute_indicators(tables, indicator_ids=ids)}
    # female GER 120 %, male GER 80 %: GPI 1.5, adjusted 2 - 1/1.5 = 1.333
    assert found["gpi_primary"].value == pytest.approx(1.5)
    assert found["adjusted_gpi_primary"].value == pytest.approx(2 - 1 / 1.5)
    assert found["adjusted_gpi_primary"].notes == ("adjusted",)
    assert found["adjusted_gpi_primary"].display == "1.333"
    # fewer girls: the adjusted index is the GPI itself, 40 % / 60 %
    assert found["gpi_junior"].value == pytest.approx(2 / 3)
    assert found["adjusted_gpi_junior"].value == pytest.approx(2 / 3)
    assert found["adjusted_gpi_junior"].notes == ()
