"""How many schools of each type each district has, and which of them open, close and merge.

These counts are design, not chance: the standardised-school coverage of
南沙区 (45 of 51), 天河区 (84 of 99), 番禺区 (159 of 192) and the city (903 of
1,289) needs exact numbers of compulsory schools, and the 602 mergers of
2006-2008 are counted school by school. The seed only varies sizes, names and
which schools play which part.
"""

from __future__ import annotations

from dataclasses import dataclass

TYPE_COLUMNS = ("111", "211", "218", "311", "312", "341", "342", "345", "vocational", "special")

# Schools operating in 2008/09, by district and type (including the named
# schools below, the schools opened 2006-2008 and those closing in 2009).
OPEN_IN_2008: dict[str, tuple[int, ...]] = {
    "440103": (110, 55, 0, 14, 3, 10, 8, 0, 10, 2),
    "440104": (130, 60, 0, 16, 3, 14, 12, 1, 16, 2),
    "440105": (150, 62, 0, 18, 3, 10, 8, 1, 10, 1),
    "440106": (170, 58, 0, 18, 7, 12, 10, 4, 14, 2),
    "440111": (260, 127, 10, 36, 9, 10, 14, 1, 10, 1),
    "440112": (50, 28, 0, 8, 3, 5, 4, 0, 5, 1),
    "440113": (260, 125, 6, 40, 12, 12, 16, 3, 10, 1),
    "440114": (110, 88, 15, 26, 5, 7, 10, 0, 6, 1),
    "440115": (40, 33, 5, 9, 4, 4, 4, 1, 3, 1),
    "440116": (30, 20, 3, 5, 3, 2, 3, 0, 2, 1),
    "440183": (130, 140, 30, 32, 6, 9, 12, 0, 8, 1),
    "440184": (60, 80, 20, 18, 4, 5, 9, 0, 6, 1),
}

# Primary and secondary schools closed by merger (布局调整) in 2006-2008: 602 in all.
MERGED_2006_2008: dict[str, dict[str, int]] = {
    "440103": {"211": 10, "311": 2},
    "440104": {"211": 8, "311": 2},
    "440105": {"211": 10, "311": 2},
    "440106": {"211": 6, "311": 2},
    "440111": {"211": 50, "218": 38, "311": 6, "312": 1},
    "440112": {"211": 8, "311": 2},
    "440113": {"211": 45, "218": 28, "311": 6, "312": 1},
    "440114": {"211": 40, "218": 40, "311": 4, "342": 1},
    "440115": {"211": 14, "218": 14, "311": 2},
    "440116": {"211": 10, "218": 9, "311": 1},
    "440183": {"211": 55, "218": 85, "311": 8, "312": 1, "342": 1},
    "440184": {"211": 32, "218": 52, "311": 5, "312": 1},
}

# Schools built in 2006-2008 (counted above; their whole area is "added").
NEW_2006_2008: dict[str, dict[str, int]] = {
    "440106": {"211": 3, "311": 1, "345": 1},
    "440111": {"211": 4, "311": 2},
    "440113": {"211": 4, "311": 2, "312": 2},
    "440114": {"211": 2, "311": 2},
    "440115": {"211": 2, "311": 1, "312": 1},
    "440116": {"211": 3, "311": 1, "312": 1, "342": 1},
    "440183": {"211": 3, "311": 2, "342": 1},
    "440184": {"211": 2, "311": 1},
}

# Schools opened in 2009, in addition to the counts above.
NEW_2009: dict[str, dict[str, int]] = {
    "440106": {"111": 3, "211": 1},
    "440111": {"111": 4},
    "440113": {"111": 6, "211": 3},
    "440116": {"111": 2, "211": 2},
    "440183": {"111": 5},
}


@dataclass(frozen=True)
class Closure:
    """Closures outside the merger figure, which a careless count would include."""

    district: str
    school_type: str
    closed: int
    merged: bool
    count: int
    private: bool = False


OTHER_CLOSURES = (
    Closure("440183", "218", 2005, True, 2),  # merged before the period
    Closure("440184", "218", 2005, True, 2),
    Closure("440111", "211", 2005, True, 2),
    Closure("440111", "211", 2007, False, 3, private=True),  # 停办: closed, not merged
    Closure("440103", "111", 2007, True, 3),  # kindergartens and vocational schools merged,
    Closure("440104", "111", 2006, True, 4),  # outside the 中小学 of the figure
    Closure("440105", "111", 2008, True, 3),
    Closure("440106", "111", 2007, True, 2),
    Closure("440103", "vocational", 2007, True, 2),
    Closure("440104", "vocational", 2008, True, 2),
    Closure("440111", "vocational", 2006, True, 1),
    Closure("440113", "vocational", 2008, True, 1),
    Closure("440113", "111", 2006, False, 6, private=True),
    Closure("440111", "111", 2008, False, 5, private=True),
)

# Open in 2008 but merged in 2009, after the period (taken from the counts above).
MERGED_2009 = {"440183": 2, "440184": 2, "440114": 1}


def open_count(district: str, column: str) -> int:
    return OPEN_IN_2008[district][TYPE_COLUMNS.index(column)]


# Private schools' share of the drawn schools, by type and zone (core, inner, outer): most
# kindergartens, the migrant children's primary schools of the suburbs, twelve-year schools.
PRIVATE_SHARE: dict[str, tuple[float, float, float]] = {
    "111": (0.55, 0.75, 0.65),
    "211": (0.08, 0.25, 0.06),
    "311": (0.05, 0.06, 0.03),
    "312": (0.3, 0.5, 0.3),
    "341": (0.05, 0.05, 0.0),
    "342": (0.15, 0.15, 0.1),
    "345": (0.7, 0.7, 0.7),
    "vocational": (0.3, 0.3, 0.2),
}

# Relative size of a school's stages by type, before its own draw; combined schools
# teach each stage with fewer classes than a school of that stage alone.
BASE_SIZES: dict[str, dict[str, float]] = {
    "111": {"preschool": 1.0},
    "211": {"primary": 1.0},
    "218": {"primary": 0.06},
    "311": {"junior": 1.0},
    "312": {"primary": 0.6, "junior": 0.5},
    "341": {"junior": 0.9, "senior": 0.8},
    "342": {"senior": 1.0},
    "345": {"primary": 0.4, "junior": 0.4, "senior": 0.3},
    "vocational": {"vocational": 1.0},
    "special": {"special": 1.0},
}
ROLE_SIZE = {"centre": 1.4, "village": 0.4}  # a town's centre school, a village school
