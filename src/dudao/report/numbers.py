"""Numbers as official writing prints them (GB/T 15835, REPORTING.md).

Rounding is half-up at the indicator's decimals (`format_half_up`), the rule Chinese
statistics print by; 万元 become 亿元 and m² become 万平方米, as the seed writes them.
English prints the same precision in its own units (86.72亿元 = 8,672 million yuan).
"""

from __future__ import annotations

from collections.abc import Sequence

from dudao.catalogue import Indicator, Language, Measure, format_half_up

ZH_SUFFIX = {Measure.PERCENT: "%", Measure.RATIO_TO_ONE: ":1", Measure.MONEY: "亿元"}


def show(indicator: Indicator, value: float, language: Language) -> str:
    """The value with its unit: `123.92亿元`, `8.49:1`, `5.4:4.6`, `20.02%`, `602`."""
    return _script(_show(indicator, value, language), language)


def _script(text: str, language: Language) -> str:
    """Figures are placed after the text is converted to Traditional: their units too."""
    return text.translate(TRADITIONAL) if language == "zh-Hant" else text


TRADITIONAL = str.maketrans({"亿": "億", "万": "萬", "个": "個", "点": "點"})


def _show(indicator: Indicator, value: float, language: Language) -> str:
    decimals = indicator.decimals
    if indicator.measure is Measure.SPLIT_OF_TEN:
        return f"{format_half_up(value, decimals)}:{format_half_up(10 - value, decimals)}"
    if indicator.measure is Measure.RATIO_TO_ONE:
        return f"{format_half_up(value, decimals)}:1"
    if indicator.measure is Measure.PERCENT:
        return f"{format_half_up(value, decimals)}%"
    if language == "en":
        return _english(indicator, value)
    if indicator.measure is Measure.MONEY:
        return f"{format_half_up(value / 10_000, decimals)}亿元"
    if indicator.measure is Measure.AREA:
        return f"{format_half_up(value / 10_000, decimals)}万平方米"
    return format_half_up(value, decimals)


def _english(indicator: Indicator, value: float) -> str:
    if indicator.measure is Measure.MONEY:  # 万元 -> million yuan, the 亿元 precision kept
        return f"{_grouped(value / 100, max(indicator.decimals - 2, 0))} million yuan"
    if indicator.measure is Measure.AREA:  # m² -> thousand m², the 万平方米 precision kept
        return f"{_grouped(value / 1000, max(indicator.decimals - 1, 0))} thousand m²"
    return _grouped(value, indicator.decimals)


def _grouped(value: float, decimals: int) -> str:
    whole, _, fraction = format_half_up(value, decimals).partition(".")
    sign = "-" if whole.startswith("-") else ""
    grouped = f"{int(whole.lstrip('-')):,}"
    return f"{sign}{grouped}.{fraction}" if fraction else f"{sign}{grouped}"


def points(change: float, language: Language) -> str:
    """A change of a percentage as GB/T 15835 writes it: 0.21个百分点 / 0.21 percentage points."""
    number = format_half_up(abs(change), 2)
    return (
        f"{number} percentage points"
        if language == "en"
        else _script(f"{number}个百分点", language)
    )


def years_text(years: Sequence[int], language: Language) -> str:
    """Years as a report lists them, the year word never lost: 2006、2007、2008年;
    a run of four or more: 2006—2009年."""
    if not years:
        raise ValueError("no years to print")
    ordered = sorted(set(years))
    contiguous = ordered == list(range(ordered[0], ordered[-1] + 1))
    if language == "en":
        if contiguous and len(ordered) >= 4:
            return f"{ordered[0]}–{ordered[-1]}"
        words = [str(year) for year in ordered]
        return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    if contiguous and len(ordered) >= 4:
        return f"{ordered[0]}—{ordered[-1]}年"
    return "、".join(str(year) for year in ordered) + "年"


def span_text(first: int, last: int, language: Language) -> str:
    """A period: 2006—2008年 / 2006–2008."""
    if first == last:
        return f"{first}年" if language != "en" else str(first)
    return f"{first}—{last}年" if language != "en" else f"{first}–{last}"


def wan(value: float, language: Language) -> str:
    """A large count in 万 with 2 decimals (138051 -> 13.81万); English keeps the count."""
    if language == "en":
        return _grouped(value, 0)
    return _script(f"{format_half_up(value / 10_000, 2)}万", language)
