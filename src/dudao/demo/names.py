"""Chinese school names in the style of the city's register, unique across the city."""

from __future__ import annotations

import random
from collections.abc import Callable

DIGITS = "零一二三四五六七八九"
CLASSIC = "育才 培英 启明 朝阳 建设 华侨 新风 红星 先锋 文德 明德 博雅 育英 知用 励志 振兴 东风 前进 胜利 光明 和平 新民 晓园 聚德 同福 怡园 金穗 南华 汇景 骏景 华阳 体育 员村 龙口 东圃 芳华 昌乐 康乐 广园 云景 江南 宝岗 滨江 沙园 海韵 碧桂 侨联 丰乐 新港 启智".split()  # noqa: SIM905
BRANDS = "金色童年 小天使 蓝天 阳光 七彩虹 英豪 育苗 童星 贝贝 小太阳 新世纪 爱德 启明星 天天 春苗 智慧树 红苹果 小精灵 未来星 晨曦 百灵鸟 小博士 快乐岛 花蕾 雏鹰 乐儿 小白鸽 星海 小树苗 苗苗".split()  # noqa: SIM905
TRADES = "电子 机电 商贸 旅游 建筑 园林 信息技术 工贸 汽车 艺术 财经 医药 物流 服装".split()  # noqa: SIM905
FIRST = "上下东西南北新石龙凤大黄白沙水塘田岗湖山竹松桥溪花青罗陈李何钟邓梁谢朱林高古"
SECOND = "岗塘田坑村围头湾洞坪陂岭冈边埔涌湖步庄口洲洋岚背圳"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 16 → 十六, 86 → 八十六, 105 → 一百零五 (n < 1000)."""
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    text = f"{DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        text += ("" if tens == 1 and not hundreds else DIGITS[tens]) + "十"
    elif hundreds and ones:
        text += "零"
    return text + (DIGITS[ones] if ones else "")


def stem(place: str) -> str:
    """荔城街道 → 荔城, 小楼镇 → 小楼."""
    return place.removesuffix("街道").removesuffix("镇")


class NameBook:
    """Draws names; a name already taken is drawn again, so names stay unique in the city."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.taken: set[str] = set()
        self.numbers: set[int] = set()

    def claim(self, name: str) -> str:
        if name in self.taken:
            raise ValueError(f"school name {name} is taken twice")
        self.taken.add(name)
        return name

    def draw(self, make: Callable[[], str]) -> str:
        for _ in range(60):
            name = make()
            if name not in self.taken:
                return self.claim(name)
        base = make()
        suffix = next(k for k in range(2, 1000) if f"{base}（{k}）" not in self.taken)
        return self.claim(f"{base}（{suffix}）")

    def village(self) -> str:
        return self.rng.choice(FIRST) + self.rng.choice(SECOND)

    def place(self, town: str) -> str:
        return self.rng.choice([stem(town), self.rng.choice(CLASSIC), stem(town) + self.village()])

    def numbered(self) -> str:
        number = self.rng.choice([n for n in range(8, 130) if n not in self.numbers])
        self.numbers.add(number)
        return f"广州市第{chinese_number(number)}中学"

    def school(self, school_type: str, prefix: str, town: str, role: str) -> str:
        maker = self._makers(school_type, prefix, town, role)
        return self.draw(maker)

    def _makers(self, school_type: str, prefix: str, town: str, role: str) -> Callable[[], str]:
        rng, t = self.rng, stem(town)
        makers: dict[str, Callable[[], str]] = {
            "111": lambda: f"{prefix}{self.place(town)}{rng.choice(['', '第二', '实验'])}幼儿园",
            "111private": lambda: f"{prefix}{rng.choice([t, ''])}{rng.choice(BRANDS)}幼儿园",
            "211": lambda: f"{prefix}{self.place(town)}小学",
            "211centre": lambda: f"{prefix}{t}中心小学",
            "211village": lambda: f"{prefix}{t}{self.village()}小学",
            "218": lambda: f"{prefix}{t}{self.village()}教学点",
            "311": lambda: f"{prefix}{self.place(town)}中学",
            "312": lambda: f"{prefix}{self.place(town)}{rng.choice(['学校', '实验学校'])}",
            "341": lambda: (
                f"{prefix}{rng.choice([t, self.place(town)])}{rng.choice(['', '第二', '第三'])}中学"
            ),
            "342": lambda: (
                f"{prefix}{rng.choice([self.place(town), '第' + chinese_number(rng.randint(1, 30))])}中学"
            ),
            "345": lambda: f"{prefix}{self.place(town)}{rng.choice(['外国语学校', '实验学校'])}",
            "vocational": lambda: (
                f"{prefix}{rng.choice(TRADES)}{rng.choice(['职业学校', '中等专业学校'])}"
            ),
            "special": lambda: f"{prefix}{rng.choice(['启智学校', '特殊教育学校'])}",
        }
        if school_type in ("311", "341") and role == "numbered":
            return self.numbered
        return makers.get(school_type + role, makers[school_type])
