"""The school register: the schools open in 2008/09, named ones first, then drawn ones."""

from __future__ import annotations

import random

from dudao.demo.geography import DISTRICT_BY_CODE, DISTRICTS, District, Zone
from dudao.demo.model import OrgUnit, School
from dudao.demo.named import NAMED, Named
from dudao.demo.names import NameBook
from dudao.demo.plan import (
    BASE_SIZES,
    NEW_2006_2008,
    PRIVATE_SHARE,
    ROLE_SIZE,
    TYPE_COLUMNS,
    open_count,
)

VOCATIONAL_TYPES = ("361", "362", "365", "366", "368")
RURAL_ROLES = ("centre", "village", "teaching_point")
ZONE_INDEX = {Zone.CORE: 0, Zone.INNER: 1, Zone.OUTER: 2}


class Register:
    """Creates schools with codes in creation order, so that a seed always gives the same codes."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.names = NameBook(rng)
        self.schools: list[School] = []

    def add(self, district: District, column: str, *, role: str = "urban", opened: int | None = None,
            private: bool | None = None, town: OrgUnit | None = None) -> School:  # fmt: skip
        rng = self.rng
        if private is None:
            private = (
                rng.random() < PRIVATE_SHARE.get(column, (0.0,) * 3)[ZONE_INDEX[district.zone]]
            )
        town = town or _town(district, role, rng)
        name = self.names.school(column, district.prefix, town.name, "private" if private else role)
        if opened is None:
            opened = rng.randint(1993, 2003) if private else _founded(column, rng)
        return self._append(School(
            code="", name=name, org_code=town.code, district=district.code,
            school_type=_school_type(column, rng), ownership="private" if private else "public",
            sponsor_level=None if private else "county", urban_rural=_urban_rural(district, town, role, rng),
            opened=opened, sizes=_sizes(column, role, private, rng), tags={role or "urban"},
        ))  # fmt: skip

    def add_named(self, named: Named) -> School:
        """City- and province-run schools sit at district level; university and enterprise ones in a town."""
        district = DISTRICT_BY_CODE[named.district]
        town = _town(district, "urban", self.rng)
        sizes = _sizes(type_column(named.school_type), "urban", False, self.rng)
        return self._append(School(
            code="", name=self.names.claim(named.name), district=district.code,
            org_code=town.code if named.sponsor_level == "other" else district.code,
            school_type=named.school_type, ownership="public", sponsor_level=named.sponsor_level,
            urban_rural=_urban_rural(district, town, "urban", self.rng), opened=_founded(named.school_type, self.rng),
            sizes={stage: size * 1.3 for stage, size in sizes.items()}, tags={"named", "urban"},  # the well-known are large
        ))  # fmt: skip

    def _append(self, school: School) -> School:
        school.code = f"2144{len(self.schools) + 1:06d}"
        school.growth = self.rng.uniform(-0.02, 0.035)
        self.schools.append(school)
        return school


def open_schools(register: Register) -> None:
    """Every school operating in 2008/09: named ones, then drawn ones up to the plan's counts."""
    for named in NAMED:
        register.add_named(named)
    for district in DISTRICTS:
        for column in TYPE_COLUMNS:
            _drawn(register, district, column)


def _drawn(register: Register, district: District, column: str) -> None:
    named = sum(
        1 for n in NAMED if n.district == district.code and type_column(n.school_type) == column
    )
    new = NEW_2006_2008.get(district.code, {}).get(column, 0)
    towns = iter(unit for unit in district.subdivisions if unit.code[6] == "1")
    for index, role in enumerate(
        _roles(district, column, open_count(district.code, column) - named)
    ):
        if index < new:  # new schools are public, built in the growing urban areas
            register.add(district, column, opened=register.rng.randint(2006, 2008), private=False)
        elif role == "centre":  # one per town, public
            register.add(district, column, role=role, private=False, town=next(towns))
        else:
            register.add(district, column, role=role)


def _roles(district: District, column: str, count: int) -> list[str]:
    """Primary schools: a centre school per town, village schools in towns, urban ones in streets."""
    if column == "218":
        return ["teaching_point"] * count
    if column != "211" or not district.towns:
        return [""] * count
    centres = min(len(district.towns), count)
    village_share = {Zone.CORE: 0.0, Zone.INNER: 0.5, Zone.OUTER: 0.7}[district.zone]
    villages = round((count - centres) * village_share)
    return ["urban"] * (count - centres - villages) + ["centre"] * centres + ["village"] * villages


def type_column(school_type: str) -> str:
    """The plan's column of a school type: 361-369 are vocational, 511-519 special."""
    if "361" <= school_type <= "369":
        return "vocational"
    return "special" if "511" <= school_type <= "519" else school_type


def _school_type(column: str, rng: random.Random) -> str:
    if column == "vocational":
        return rng.choice(VOCATIONAL_TYPES)
    return "513" if column == "special" else column  # special schools drawn are 培智 (启智) schools


def _town(district: District, role: str, rng: random.Random) -> OrgUnit:
    towns = [u for u in district.subdivisions if u.code[6] == "1"]
    streets = [u for u in district.subdivisions if u.code[6] == "0"]
    if role in RURAL_ROLES and towns:
        return rng.choice(towns)
    return rng.choice(streets + towns if role == "" else streets)


def _urban_rural(district: District, town: OrgUnit, role: str, rng: random.Random) -> str:
    if role in ("village", "teaching_point"):
        return rng.choice(("220", "220", "122"))
    if town.code[6] == "1":
        return "121" if role == "centre" else rng.choice(("121", "122", "220"))
    return "111" if district.zone is Zone.CORE else rng.choice(("111", "112"))


def _founded(column: str, rng: random.Random) -> int:
    return rng.randint(1950 if column == "111" else 1906, 2001)


def _sizes(column: str, role: str, private: bool, rng: random.Random) -> dict[str, float]:
    factor = ROLE_SIZE.get(role, 1.0) * rng.lognormvariate(0, 0.3)
    if column == "111" and not private:
        factor *= 1.6
    elif private and column != "211":
        factor *= 0.6
    return {stage: size * factor for stage, size in BASE_SIZES[column].items()}
