"""The seed city's hierarchy: 广东省, 广州市, its 12 districts and their streets and towns.

District codes follow shared/seed/figures.yaml (GB/T 2260 of 2009). Streets
(街道) take statistical codes 001…, towns (镇) 101…, under their district.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cached_property

from dudao.demo.model import OrgUnit, Row


class Zone(Enum):
    CORE = "core"  # the old city: dense, migrant children, city-run schools
    INNER = "inner"  # suburbs being urbanised
    OUTER = "outer"  # rural districts and county-level cities, most consolidation


@dataclass(frozen=True, eq=False)
class District:
    code: str
    name: str
    zone: Zone
    population: float  # relative size of its school-age population
    streets: tuple[str, ...]
    towns: tuple[str, ...] = ()

    @property
    def prefix(self) -> str:
        """How its schools' names begin: 广州市荔湾区…, but 增城市… for county-level cities."""
        return self.name if self.name.endswith("市") else f"广州市{self.name}"

    @cached_property
    def subdivisions(self) -> list[OrgUnit]:
        streets = [
            OrgUnit(f"{self.code}{i:03d}", name, "town", self.code)
            for i, name in enumerate(self.streets, 1)
        ]
        towns = [
            OrgUnit(f"{self.code}{i:03d}", name, "town", self.code)
            for i, name in enumerate(self.towns, 101)
        ]
        return streets + towns


DISTRICTS = (
    District("440103", "荔湾区", Zone.CORE, 6.5, ("沙面街道", "岭南街道", "华林街道", "多宝街道", "逢源街道", "金花街道", "西村街道", "冲口街道", "花地街道", "东漖街道")),
    District("440104", "越秀区", Zone.CORE, 7.5, ("洪桥街道", "北京街道", "六榕街道", "流花街道", "人民街道", "东山街道", "农林街道", "梅花村街道", "黄花岗街道", "大塘街道", "珠光街道", "登峰街道")),
    District("440105", "海珠区", Zone.CORE, 9.0, ("赤岗街道", "新港街道", "昌岗街道", "江南中街道", "滨江街道", "素社街道", "海幢街道", "南华西街道", "沙园街道", "凤阳街道", "琶洲街道", "华洲街道")),
    District("440106", "天河区", Zone.CORE, 8.5, ("五山街道", "员村街道", "车陂街道", "沙河街道", "石牌街道", "天河南街道", "林和街道", "棠下街道", "天园街道", "猎德街道", "龙洞街道", "长兴街道", "珠吉街道")),
    District("440111", "白云区", Zone.INNER, 13.0, ("三元里街道", "松洲街道", "景泰街道", "同德街道", "新市街道", "京溪街道", "永平街道", "石井街道"), ("江高镇", "人和镇", "太和镇", "钟落潭镇")),
    District("440112", "黄埔区", Zone.INNER, 3.5, ("黄埔街道", "红山街道", "鱼珠街道", "大沙街道", "文冲街道", "南岗街道", "长洲街道")),
    District("440113", "番禺区", Zone.INNER, 13.5, ("市桥街道", "沙头街道", "东环街道", "桥南街道", "小谷围街道", "大石街道", "洛浦街道", "钟村街道"), ("南村镇", "新造镇", "化龙镇", "石楼镇", "沙湾镇", "石碁镇")),
    District("440114", "花都区", Zone.OUTER, 8.5, ("新华街道", "新雅街道", "秀全街道"), ("花东镇", "花山镇", "炭步镇", "赤坭镇", "狮岭镇", "梯面镇")),
    District("440115", "南沙区", Zone.OUTER, 2.5, ("南沙街道", "珠江街道"), ("万顷沙镇", "横沥镇", "黄阁镇")),
    District("440116", "萝岗区", Zone.OUTER, 1.8, ("萝岗街道", "夏港街道", "东区街道", "联和街道"), ("九龙镇",)),
    District("440183", "增城市", Zone.OUTER, 10.0, ("荔城街道", "增江街道"), ("小楼镇", "正果镇", "新塘镇", "石滩镇", "中新镇", "派潭镇", "仙村镇", "朱村镇")),
    District("440184", "从化市", Zone.OUTER, 6.0, ("街口街道", "江埔街道", "城郊街道"), ("太平镇", "温泉镇", "良口镇", "吕田镇", "鳌头镇")),
)  # fmt: skip

DISTRICT_BY_CODE = {district.code: district for district in DISTRICTS}


def org_units() -> list[OrgUnit]:
    """Province (the root), city, districts, then streets and towns: parents before children."""
    units = [
        OrgUnit("440000", "广东省", "province", None),
        OrgUnit("440100", "广州市", "city", "440000"),
    ]
    units += [OrgUnit(d.code, d.name, "district", "440100") for d in DISTRICTS]
    for district in DISTRICTS:
        units += district.subdivisions
    return units


def org_unit_rows() -> list[Row]:
    return [
        {"code": u.code, "name": u.name, "level": u.level, "parent_code": u.parent_code}
        for u in org_units()
    ]
