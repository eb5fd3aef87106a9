"""The score sheet as bureaus keep it: 一级指标 / 二级指标 / 评估标准 / 分值 / 评分办法 / 自评 / 他评.

One worksheet per assessed unit. 自评 holds the unit's self score where it gave
one, else the score dudao computed; 他评 the reviewer's score when there is one,
shaded where it differs from 自评; a pending item shows 待评, never a number.
The form is Chinese; in zh-Hant every text of it is converted by OpenCC s2t.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from dudao.assess.frameworks import rule_params
from dudao.assess.methods import method_of
from dudao.assess.model import ItemScore, UnitAssessment
from dudao.assess.rules import RuleParams
from dudao.catalogue import Language
from dudao.catalogue.frameworks import Framework, FrameworkItem
from dudao.catalogue.language import chinese

HEADERS = ("一级指标", "二级指标", "评估标准", "分值", "评分办法", "自评", "他评")
WIDTHS = (16, 22, 46, 7, 40, 9, 9)
ROLE = {"veto": "（一票否决）", "must_meet": "（必达）"}

# unit code -> item id -> points given by people (self or review)
Marks = Mapping[str, Mapping[str, float | None]]


def write_score_sheet(
    framework: Framework,
    assessments: Sequence[UnitAssessment],
    path: Path,
    self_scores: Marks | None = None,
    reviews: Marks | None = None,
    language: Language = "zh-Hans",
) -> Path:
    params = rule_params(framework)
    with xlsxwriter.Workbook(str(path)) as workbook:
        styles = _styles(workbook)
        for assessment in assessments:
            name = f"{assessment.unit_code} {assessment.unit_name or ''}".strip()[:31]
            sheet = InLanguage(workbook.add_worksheet(chinese(name, language)), language)
            given = (
                (self_scores or {}).get(assessment.unit_code, {}),
                (reviews or {}).get(assessment.unit_code, {}),
            )
            _write_unit(sheet, styles, framework, assessment, params, given)
    return path


class InLanguage:
    """A worksheet whose written texts are put in the sheet's language on the way in."""

    def __init__(self, sheet: Worksheet, language: Language) -> None:
        self.sheet, self.language = sheet, language

    def write(self, row: int, column: int, value: object, style: object = None) -> None:
        shown = chinese(value, self.language) if isinstance(value, str) else value
        self.sheet.write(row, column, shown, style)

    def merge_range(self, *cells_text_style: object) -> None:
        *cells, text, style = cells_text_style
        self.sheet.merge_range(*cells, chinese(str(text), self.language), style)

    def __getattr__(self, name: str) -> Any:  # layout calls go straight through
        return getattr(self.sheet, name)


def _styles(workbook: xlsxwriter.Workbook) -> dict[str, object]:
    base = {
        "font_name": "SimSun",
        "font_size": 10,
        "border": 1,
        "valign": "vcenter",
        "text_wrap": True,
    }
    return {
        "title": workbook.add_format(
            {"font_name": "SimHei", "font_size": 14, "bold": True, "align": "center"}
        ),
        "note": workbook.add_format(
            {"font_name": "SimSun", "font_size": 9, "text_wrap": True, "valign": "top"}
        ),
        "head": workbook.add_format(
            {**base, "bold": True, "align": "center", "bg_color": "#D9E1F2"}
        ),
        "cell": workbook.add_format(base),
        "centre": workbook.add_format({**base, "align": "center"}),
        "number": workbook.add_format({**base, "align": "center", "num_format": "0.##"}),
        "pending": workbook.add_format(
            {**base, "align": "center", "font_color": "#9C5700", "bg_color": "#FFEB9C"}
        ),
        "failed": workbook.add_format(
            {**base, "align": "center", "font_color": "#9C0006", "bg_color": "#FFC7CE"}
        ),
        "differs": workbook.add_format(
            {**base, "align": "center", "num_format": "0.##", "bg_color": "#FCE4D6"}
        ),
    }


def _write_unit(
    sheet: InLanguage,
    styles: dict[str, object],
    framework: Framework,
    assessment: UnitAssessment,
    params: Mapping[str, RuleParams],
    given: tuple[Mapping[str, float | None], Mapping[str, float | None]],
) -> None:
    for column, width in enumerate(WIDTHS):
        sheet.set_column(column, column, width)
    first, last = assessment.years[0], assessment.years[-1]
    when = f"{first}年" if first == last else f"{first}—{last}年"
    sheet.merge_range(0, 0, 0, 6, f"{framework.title.zh}评分表", styles["title"])
    heading = (
        f"被评单位：{assessment.unit_name or ''}（{assessment.unit_code}）  评估时期：{when}  "
        f"总分：{assessment.total:.2f}/{assessment.max_total:g}  等级：{assessment.grade.zh}"
        + ("（暂定，尚有待评项）" if assessment.pending else "")
        + (f"  名次：{assessment.rank}/{assessment.peers}" if assessment.rank else "")
    )
    sheet.merge_range(1, 0, 1, 6, heading, styles["note"])
    sheet.set_row(1, 30)
    for column, header in enumerate(HEADERS):
        sheet.write(2, column, header, styles["head"])
    scores = {item.item_id: item for item in assessment.items}
    row = 3
    for top in framework.items:
        leaves = list(_leaves(top))
        start = row
        for leaf, path in leaves:
            _write_leaf(sheet, styles, row, leaf, path, scores[leaf.id], params.get(leaf.id), given)
            row += 1
        label = top.title.zh + ROLE.get(top.role, "")
        if row - start > 1:
            sheet.merge_range(start, 0, row - 1, 0, label, styles["cell"])
        else:
            sheet.write(start, 0, label, styles["cell"])
    sheet.write(row, 2, "合计", styles["head"])
    sheet.write(row, 3, assessment.max_total, styles["number"])
    sheet.write(row, 5, round(assessment.total, 2), styles["number"])
    notes = [f"依据：{framework.source}", f"说明：{framework.provenance.zh}"]
    notes += [note.zh for note in assessment.notes]
    notes.append(f"数据版本：{assessment.data_version or '—'}")
    sheet.merge_range(row + 1, 0, row + 1, 6, "\n".join(notes), styles["note"])
    sheet.set_row(row + 1, 15 * (len(notes) + 4))
    sheet.freeze_panes(3, 0)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(2)


def _leaves(top: FrameworkItem) -> list[tuple[FrameworkItem, tuple[str, ...]]]:
    """Each leaf under a level-1 item with the titles between them (二级 › 三级)."""
    if not top.items:
        return [(top, ())]
    found: list[tuple[FrameworkItem, tuple[str, ...]]] = []

    def walk(node: FrameworkItem, path: tuple[str, ...]) -> None:
        if not node.items:
            found.append((node, path))
        for child in node.items:
            walk(child, (*path, node.title.zh))

    for child in top.items:
        walk(child, ())
    return found


def _write_leaf(
    sheet: InLanguage,
    styles: dict[str, object],
    row: int,
    leaf: FrameworkItem,
    path: tuple[str, ...],
    score: ItemScore,
    params: RuleParams | None,
    given: tuple[Mapping[str, float | None], Mapping[str, float | None]],
) -> None:
    title = " › ".join((*path, leaf.title.zh))
    standard = leaf.standard.zh if leaf.standard else ""
    sheet.write(row, 1, title + ROLE.get(leaf.role, ""), styles["cell"])
    sheet.write(row, 2, standard, styles["cell"])
    sheet.write(row, 3, round(score.max_points, 2) if score.max_points else "—", styles["number"])
    method = method_of(leaf, params).zh + "\n" + score.reason.zh
    sheet.write(row, 4, method, styles["cell"])
    own, review = given
    shown = own[leaf.id] if own.get(leaf.id) is not None else score.points
    if own.get(leaf.id) is not None:
        sheet.write(row, 5, own[leaf.id], styles["number"])
    else:
        _write_points(sheet, styles, row, 5, score)
    reviewed = review.get(leaf.id)
    if reviewed is not None:
        differs = shown is None or abs(reviewed - shown) > 1e-9
        sheet.write(row, 6, reviewed, styles["differs" if differs else "number"])
    else:
        sheet.write_blank(row, 6, None, styles["cell"])
    lines = max(_lines(method, WIDTHS[4]), _lines(standard, WIDTHS[2]), _lines(title, WIDTHS[1]))
    sheet.set_row(row, max(28, 14 * lines + 4))


def _lines(text: str, width: int) -> int:
    """Wrapped lines of a cell: a Chinese character takes about two columns of width."""
    per_line = max(1, int(width * 0.6))
    return sum(1 + len(part) // per_line for part in text.split("\n"))


def _write_points(
    sheet: InLanguage, styles: dict[str, object], row: int, column: int, score: ItemScore
) -> None:
    if score.points is None:
        sheet.write(row, column, "待评", styles["pending"])
    elif score.max_points == 0:  # veto and must-meet items carry no points: met or not
        met = score.status == "met"
        sheet.write(row, column, "达标" if met else "未达标", styles["centre" if met else "failed"])
    else:
        style = styles["failed"] if score.status in ("not_met", "no_data") else styles["number"]
        sheet.write(row, column, round(score.points, 2), style)
