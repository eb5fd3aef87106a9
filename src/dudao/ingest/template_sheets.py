"""Sheets and columns dudao adds to a workbook for people, declared once so the reader skips them.

A template (`dudao template`) carries an instructions sheet, a hidden sheet of code lists for
its drop-downs, and name columns beside codes so that people see which school a row is. None of
them is data: the reader recognises them by these names, in any script, and passes over them
without a finding. An annotated copy of a checked workbook adds its findings sheet.
"""

from __future__ import annotations

from functools import cache

from dudao.catalogue import Label
from dudao.ingest.text import fold


def _label(zh_hans: str, zh_hant: str, en: str) -> Label:
    return Label.model_validate({"zh-Hans": zh_hans, "zh-Hant": zh_hant, "en": en})


INSTRUCTIONS_SHEET = _label("说明", "說明", "Instructions")
CODE_LISTS_SHEET = _label("代码表", "代碼表", "Code lists")
# An annotated copy (`dudao check --annotate`) lists its findings here; re-checked, it is skipped.
FINDINGS_SHEET = _label("检查结果 Findings", "檢查結果 Findings", "检查结果 Findings")

# Reference columns: a register's name shown beside the code a row is keyed by.
SCHOOL_NAME_COLUMN = _label(
    "学校名称（仅供参考，不导入）",
    "學校名稱（僅供參考，不導入）",
    "School name (for reference, not imported)",
)
ORG_NAME_COLUMN = _label(
    "区划名称（仅供参考，不导入）",
    "區劃名稱（僅供參考，不導入）",
    "Division name (for reference, not imported)",
)


def _names(*labels: Label) -> frozenset[str]:
    return frozenset(
        fold(text) for label in labels for text in (label.zh_hans, label.zh_hant, label.en)
    )


@cache
def _sheet_names() -> frozenset[str]:
    return _names(INSTRUCTIONS_SHEET, CODE_LISTS_SHEET, FINDINGS_SHEET)


@cache
def _column_names() -> frozenset[str]:
    return _names(SCHOOL_NAME_COLUMN, ORG_NAME_COLUMN)


def is_template_sheet(name: str) -> bool:
    """A template's instructions or code-list sheet, in any of its languages."""
    return fold(name) in _sheet_names()


def is_reference_column(header: str) -> bool:
    """A template's name column, shown for reference beside a code and never read."""
    return fold(header) in _column_names()
