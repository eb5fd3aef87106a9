"""A province, a city and two districts, each with its own return, for the workflow's tests."""

from __future__ import annotations

from dudao import store
from tests.store.datasets import dataset

PROVINCE, CITY, LIWAN, YUEXIU, SHENZHEN = "440000", "440100", "440103", "440104", "440300"
HAIZHU, TIANHE = "440105", "440106"  # in the register; only the interleavings send their returns
YEAR = 2009
REGISTER = [
    {"code": PROVINCE, "name": "广东省", "level": "province"},
    {"code": CITY, "name": "广州市", "level": "city", "parent_code": PROVINCE},
    {"code": LIWAN, "name": "荔湾区", "level": "district", "parent_code": CITY},
    {"code": YUEXIU, "name": "越秀区", "level": "district", "parent_code": CITY},
    {"code": HAIZHU, "name": "海珠区", "level": "district", "parent_code": CITY},
    {"code": TIANHE, "name": "天河区", "level": "district", "parent_code": CITY},
    {"code": SHENZHEN, "name": "深圳市", "level": "city", "parent_code": PROVINCE},
]


def send_population(unit: str, children: int, *, submit: bool = False) -> store.ImportResult:
    """The unit's return for YEAR: its school-age population, nothing else."""
    rows = {"population_year": [{"org_code": unit, "year": YEAR, "age_6_11": children}]}
    return store.import_dataset(dataset(rows), org_code=unit, actor=f"{unit} 统计员", submit=submit)


def province_with_returns() -> None:
    """The province's register, approved by the province; every unit's return, submitted."""
    registers = store.import_dataset(dataset({"org_units": REGISTER}), submit=True)
    store.approve([store.ReturnKey(PROVINCE, None)], acting_org=PROVINCE, actor="省统计")
    assert registers.versions[0].org_code == PROVINCE
    for number, unit in enumerate((CITY, LIWAN, YUEXIU), start=1):
        send_population(unit, 1000 * number, submit=True)


def key(unit: str, year: int | None = YEAR) -> store.ReturnKey:
    return store.ReturnKey(unit, year)


def status(unit: str, year: int | None = YEAR) -> str:
    (state,) = store.returns(org_code=unit, years=[year])
    return state.status
