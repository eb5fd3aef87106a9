"""Why a rate above 100% is right: the note printed where the report shows one.

REFERENCES.md: a gross enrolment ratio counts the children enrolled of any age and any
household registration (over- and under-age, migrant children) against the registered
population of the official age; a progression rate computed from totals counts every
entrant to the next stage (pupils moving in, repeaters) against this year's graduates.
Both pass 100% honestly and are never capped, so a reader must be told why, not shown a
smaller number.
"""

from __future__ import annotations

from collections.abc import Iterable

from dudao.catalogue import Indicator, Language, Measure
from dudao.report.figures import Cell

POPULATION = "population_year"  # the table of registered population by age
FROM_TOTALS = "from_totals"  # the catalogue's note: entrants ÷ graduates, from totals

REASONS = {  # what the rate divides, as the clause after "because" / "因"
    "gross": {
        "zh-Hans": "毛入园（学）率以在园（在校）的全部幼儿和学生（不分年龄和户籍，含超龄、"
        "低龄儿童和随迁子女）除以本地户籍适龄人口",
        "en": "a gross ratio divides every child enrolled, of any age and wherever registered "
        "(migrant children included), by the registered population of the official age",
    },
    "entrants": {
        "zh-Hans": "升学率以下一学段的全部招生数（含外地转入的随迁子女和复读生）"
        "除以本学段同年毕业生数",
        "en": "a progression rate from totals divides every entrant to the next stage, "
        "pupils who moved in (migrant children) and repeaters included, by the year's graduates",
    },
}


def reason(indicator: Indicator) -> str | None:
    """The key of REASONS explaining how this indicator passes 100%, if it can."""
    if indicator.measure is not Measure.PERCENT or indicator.cap is not None:
        return None
    if FROM_TOTALS in indicator.notes:
        return "entrants"
    denominator = indicator.denominator
    if denominator is not None and denominator.table == POPULATION:
        return "gross"
    return None


def above_hundred(cell: Cell) -> bool:
    """A printed value above 100% that a note explains."""
    return reason(cell.indicator) is not None and round(cell.value, cell.indicator.decimals) > 100


def notes(cells: Iterable[Cell], language: Language) -> list[str]:
    """One note per reason, naming the indicators it explains (zh-Hant: the caller converts)."""
    labels: dict[str, list[str]] = {}
    for cell in cells:
        key = reason(cell.indicator)
        if key is not None and above_hundred(cell):
            found = labels.setdefault(key, [])
            if cell.label not in found:
                found.append(cell.label)
    return [_note(key, names, language) for key, names in labels.items()]


def _note(key: str, labels: list[str], language: Language) -> str:
    if language == "en":
        named = " and ".join(f"“{label}”" for label in labels)
        verb = "exceeds" if len(labels) == 1 else "exceed"
        because = REASONS[key]["en"]
        return (
            f"Note: {named} {verb} 100% because {because}. The figures are as computed, not capped."
        )
    named = "、".join(labels)
    return f"注：{named}超过100%，因{REASONS[key]['zh-Hans']}。数值按实际计算列示，未作封顶。"
