"""Schools the city knows by name: city-, province-, university- and enterprise-run.

They carry the city's own-level spending (市本级) and most model senior highs.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Named:
    """A school the city knows by name: city-, province-, university- or enterprise-run."""

    name: str
    district: str
    school_type: str
    sponsor_level: str


NAMED = (
    Named("广州市执信中学", "440104", "341", "city"),
    Named("广州市第二中学", "440104", "341", "city"),
    Named("广东广雅中学", "440103", "341", "city"),
    Named("广州市第六中学", "440105", "341", "city"),
    Named("广州市真光中学", "440103", "341", "city"),
    Named("广州市培正中学", "440104", "341", "city"),
    Named("广州市育才中学", "440104", "341", "city"),
    Named("广州市第一中学", "440103", "341", "city"),
    Named("广州市第七中学", "440104", "341", "city"),
    Named("广州市第五中学", "440105", "341", "city"),
    Named("广州市第八十六中学", "440112", "341", "city"),
    Named("广州市第八十九中学", "440106", "341", "city"),
    Named("广州市华侨小学", "440104", "211", "city"),
    Named("广州市育才实验学校", "440104", "312", "city"),
    Named("广州市第一幼儿园", "440104", "111", "city"),
    Named("广州市第二幼儿园", "440105", "111", "city"),
    Named("广州市市政府机关幼儿园", "440104", "111", "city"),
    Named("广州市轻工职业学校", "440105", "361", "city"),
    Named("广州市纺织服装职业学校", "440103", "365", "city"),
    Named("广州市交通运输职业学校", "440106", "361", "city"),
    Named("广州市旅游商务职业学校", "440104", "365", "city"),
    Named("广州市医药职业学校", "440106", "361", "city"),
    Named("广州市财经职业学校", "440104", "361", "city"),
    Named("广州市信息技术职业学校", "440106", "365", "city"),
    Named("广州市幼儿师范学校", "440104", "363", "city"),
    Named("广州市市政职业学校", "440105", "361", "city"),
    Named("广州市建筑工程职业学校", "440111", "361", "city"),
    Named("广州市盲人学校", "440106", "511", "city"),
    Named("广州市聋人学校", "440103", "512", "city"),
    Named("广州市新穗学校", "440104", "519", "city"),
    Named("广东实验中学", "440103", "341", "province"),
    Named("广东省育才幼儿院", "440104", "111", "province"),
    Named("广东省对外贸易职业技术学校", "440106", "361", "province"),
    Named("广东省轻工业技工学校", "440111", "366", "province"),
    Named("华南师范大学附属中学", "440106", "341", "other"),
    Named("华南师范大学附属小学", "440106", "211", "other"),
    Named("中山大学附属中学", "440105", "341", "other"),
    Named("广州市铁一中学", "440104", "341", "other"),
    Named("广州石化中学", "440112", "341", "other"),
    Named("华南理工大学幼儿园", "440106", "111", "other"),
    Named("中山大学幼儿园", "440105", "111", "other"),
)
