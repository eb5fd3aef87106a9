"""The figures the seed city must reproduce, restated from shared/seed/figures.yaml.

Each constant names its figure id there; values stay strings where the seed
prints decimals, because the number of decimals is part of the matching rule.
The tests read figures.yaml itself, so a drift between the two fails them.
"""

from __future__ import annotations

from datetime import date

CITY = "440100"
PROVINCE = "440000"

# enrolment (2008)
GER_PRESCHOOL = "108.88"  # ger_preschool
NER_PRIMARY_EXCESS = 1.007  # ner_primary prints 100 only capped: uncapped it would print 101
PRIMARY_TO_JUNIOR = "99.76"  # progression_primary_to_junior
JUNIOR_TO_SENIOR = "91.26"  # progression_junior_to_senior
SENIOR_TO_HIGHER = "82.06"  # progression_senior_to_higher

# funding, 亿元 and % (edu_budget, edu_share_of_expenditure, edu_share_of_general_budget)
EDU_BUDGET_CONSOLIDATED = {2006: "86.72", 2007: "101.89", 2008: "123.92"}
EDU_SHARE_OF_EXPENDITURE = {2006: "20.02", 2007: "20.10", 2008: "21.04"}
EDU_BUDGET_OWN_LEVEL = {2006: "31.08", 2007: "32.89", 2008: "38.12"}
EDU_SHARE_OF_GENERAL_BUDGET_OWN_LEVEL = {2006: "21.0", 2007: "19.4", 2008: "19.6"}  # falls in 2007
RURAL_STRONG_EDUCATION_NEAR = "50"  # rural_strong_education_investment, 亿元, "近", 2006-2008

# consolidation, 2006-2008
SCHOOLS_MERGED = 602  # schools_merged
LAND_AREA_ADDED = "570.7"  # land_area_added, 万m²
BUILDING_AREA_ADDED = "236.9"  # building_area_added, 万m²
DISTRICT_REVIEWS_2009 = (
    "440104",
    "440106",
    "440103",
    "440105",
    "440112",
)  # 越秀 天河 荔湾 海珠 黄埔
TOWNS_AWARDED_2009 = ("小楼镇", "正果镇")  # strong_education_towns_passed, 增城市, May 2009

# balance and quality
STANDARDISED_COVERAGE = {"440100": "70.05", "440115": "88.2", "440106": "84.85", "440113": "82.81"}
SCHOOL_CLUSTERS = 6  # school_clusters, 荔湾区 2008
MODEL_SENIOR_HIGHS = 25  # model_senior_highs, 2009
MODEL_SENIOR_HIGHS_IN_PROGRESS = 11
MODEL_SENIOR_HIGH_SEAT_SHARE = "47.75"
FOREIGN_LANGUAGE_SCHOOL = "3"  # foreign_language_school_investment, 亿元, 2009
QUALITY_SEAT_SHARE = "89.12"
GAOKAO_PASS_RATE = "86.88"  # 2009
TOP_BAND_SHARE_OF_PROVINCE = "25"  # 2009

# vocational
GENERAL_VOCATIONAL_INTAKE = "5.4"  # general_vocational_intake_ratio, 2008 and 2009
VOCATIONAL_EMPLOYMENT_AT_LEAST = "96"  # "以上", 2008 and 2009
RURAL_LABOUR_TRAINED = "14"  # 万人, 2008
MIGRANT_WORKER_SCHOOLS_NEAR = "2000"  # "近", 2008
MIGRANT_WORKER_TRAINEES = "20"  # 万人次, 2008

# teachers (2009)
PROVINCIAL_FAMOUS_PRINCIPALS_TEACHERS = 33
SPECIAL_GRADE_TEACHERS = 178
SENIOR_TITLE_TEACHERS = 5172
TALENT_PROGRAMME_TRAINEES = 102
SUBSTITUTES_AS_OF = date(2009, 10, 31)
SUBSTITUTE_EXAM_TO_ESTABLISHED = 1041
SUBSTITUTE_OPEN_RECRUITMENT = 80
SUBSTITUTE_TOTAL = 2246

# ICT (2008; fibre 2009)
STUDENTS_PER_COMPUTER = "8.49"
TEACHERS_PER_COMPUTER = "1.03"
MULTIMEDIA_CLASSROOM_SHARE = "86"
FIBRE_KM_NEAR = "15000"
