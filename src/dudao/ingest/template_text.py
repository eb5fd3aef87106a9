"""What a template says to its reader, in Simplified or Traditional Chinese or English.

Chinese is written once, in Simplified script; Traditional is OpenCC's `s2t` of it (DESIGN.md:
the bureaus' vocabulary stays mainland).
"""

from __future__ import annotations

from dudao.catalogue import Catalogue, FieldDef, FieldType, Label, Language, TableDef, TableKind
from dudao.catalogue.language import in_language
from dudao.ingest import expected

# The catalogue's units are Chinese; an English header says them in English.
_UNITS_EN = {
    "人": "persons",
    "人次": "person-times",
    "个": "number",
    "所": "number",
    "间": "rooms",
    "台": "units",
    "册": "volumes",
    "万元": "CNY 10,000",
    "元": "CNY",
}


def say(language: Language, zh: str, en: str) -> str:
    """The text in `language`, given its Simplified Chinese and English (language first, as
    the template's many calls read best)."""
    return in_language(zh, en, language)


def label(text: Label, language: Language) -> str:
    return text.text(language)


def unit(field: FieldDef, language: Language) -> str | None:
    if field.unit is None:
        return None
    return (
        _UNITS_EN.get(field.unit, field.unit) if language == "en" else say(language, field.unit, "")
    )


def header(field: FieldDef, language: Language) -> str:
    """The field's label with its unit in parentheses; the reader strips the parentheses."""
    shown = unit(field, language)
    text = field.label.text(language)
    if shown is None:
        return text
    return f"{text} ({shown})" if language == "en" else f"{text}（{shown}）"


def sheet_name(table: TableDef, language: Language) -> str:
    """Chinese label, or the table id in English (English labels can pass Excel's 31 characters)."""
    return table.id if language == "en" else table.label.text(language)


def comment(table: TableDef, field: FieldDef, catalogue: Catalogue, language: Language) -> str:
    """Help for one header cell: id, unit, what to enter, the codes, empty versus zero."""
    lines = [f"{field.label.text(language)} — {field.id}"]
    shown = unit(field, language)
    if shown is not None:
        lines.append(say(language, f"单位：{shown}", f"Unit: {shown}"))
    zh, en = expected.for_field(field, catalogue)
    if field.required or field.id in table.key:
        lines.append(say(language, f"必填：{zh}", f"Required: {en}"))
    elif field.type is not FieldType.CODE:
        lines.append(say(language, f"应填：{zh}", f"Expected: {en}"))
    if field.id == "year":
        lines.append(_year_help(table, language))
    if field.type is FieldType.CODE and field.codes:
        lines.append(say(language, "从下拉列表选择代码：", "Pick a code from the drop-down list:"))
        for code in catalogue.code_lists[field.codes].codes:
            lines.append(f"{code.code}  {code.label.text(language)}")
    if field.is_numeric and field.id != "year":
        lines.append(say(language, "空白=未填报；0=零。", "Empty = not reported; 0 = zero."))
    if field.personal:
        lines.append(say(language, "个人信息，受保护存储。", "Personal data, stored protected."))
    return "\n".join(lines)


def _year_help(table: TableDef, language: Language) -> str:
    if table.kind is TableKind.SCHOOL:
        return say(
            language,
            "学年按开始的年份填写（2009 = 2009/10学年）。",
            "The school year by the year it starts (2009 = 2009/10).",
        )
    return say(language, "日历年或财政年度。", "The calendar or fiscal year.")


def instructions(
    org_name: str,
    org_code: str,
    year: int,
    copied_from: dict[str, int | None],
    language: Language,
) -> list[str]:
    """The instructions sheet's lines, after its title."""
    since = sorted({y for y in copied_from.values() if y is not None})
    source = "、".join(str(y) for y in since) or "—"
    source_en = ", ".join(str(y) for y in since) or "—"
    lines = [
        ("填报单位：{org}（{code}）　年度：{year}", "Unit: {org} ({code})   Year: {year}"),
        ("", ""),
        (
            "1. 每张工作表是交换格式中的一张表。请勿修改工作表名称和第一行表头。",
            "1. Each sheet is one table of the exchange format. Do not rename sheets or change "
            "the header row.",
        ),
        (
            "2. 灰色单元格已按最近审核通过的数据（{source}年）预先填好：学校名录、区划、代课教师个案，"
            "以及本年度各表的学校、学段、区划等主键。年份列已填为{year}。",
            "2. Grey cells are pre-filled from the latest approved data ({source}): the school "
            "register, the divisions, substitute-teacher cases, and this year's keys (schools, "
            "stages, divisions). The year column holds {year}.",
        ),
        (
            "3. 请在白色单元格中填写数字。空白表示未填报，不等于零；填报零请写0。",
            "3. Type the numbers in the white cells. An empty cell means not reported, never "
            "zero; write 0 for zero.",
        ),
        (
            "4. 只填人数、金额等原始数据；比例、百分比、平均数由系统计算，不必填写。"
            "金额单位为万元，另有说明者除外；面积单位为平方米。",
            "4. Enter counts and amounts only: ratios, percentages and averages are computed by "
            "the system. Money is in CNY 10,000 unless the field says otherwise; areas in m².",
        ),
        (
            "5. 代码列请从下拉列表中选择；表头单元格的批注说明每一列的含义、单位和代码。",
            "5. Pick codes from the drop-down lists; each header cell's comment explains the "
            "column, its unit and its codes.",
        ),
        (
            "6. 学校有新设、撤销或并入的，请在“学校名录”表中增删或修改（撤销年份、并入学校标识码），"
            "并相应增删各年度表中的行。",
            "6. For a school opened, closed or merged, edit the school register (year closed, "
            "merged into) and add or remove its rows in the yearly tables.",
        ),
        (
            "7. “仅供参考，不导入”的名称列只帮助识别学校和区划，系统不读取。",
            "7. Name columns marked “for reference, not imported” only help you find a school "
            "or a division; they are not read.",
        ),
        (
            "8. 报送前请运行 dudao check 文件名.xlsx 检查；加 --annotate 可得到标注了问题单元格的副本。",
            "8. Before sending, run dudao check FILE.xlsx; add --annotate to get a copy with "
            "the offending cells marked.",
        ),
    ]
    values = {"org": org_name, "code": org_code, "year": year}
    return [
        say(language, zh.format(**values, source=source), en.format(**values, source=source_en))
        for zh, en in lines
    ]


def title(year: int, language: Language) -> str:
    return say(language, f"{year}年教育统计报表", f"Education statistical return {year}")
