"""Findings: what a check tells the user, named by place, in Chinese and English (DATA.md)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from dudao.catalogue import Catalogue, Label, Severity, default_catalogue

Expected = tuple[str, str]  # (zh-Hans, en)


@dataclass(frozen=True)
class Finding:
    """One problem, at one place: file, sheet, row (header = 1), column, value."""

    severity: Severity
    code: str
    file: str
    sheet: str | None
    row: int | None
    column: str | None
    value: str | None
    expected_zh: str
    expected_en: str
    message_zh: str
    message_en: str

    def to_json(self) -> dict[str, object]:
        """The JSON Lines record of `dudao check --json`; `expected` is "zh / en"."""
        return {
            "severity": str(self.severity),
            "code": self.code,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "expected": f"{self.expected_zh} / {self.expected_en}",
            "message_zh": self.message_zh,
            "message_en": self.message_en,
        }

    @property
    def place(self) -> tuple[str, str, int]:
        return (self.file, self.sheet or "", self.row or 0)


def finding(
    code: str,
    *,
    file: str,
    sheet: str | None = None,
    row: int | None = None,
    column: str | None = None,
    value: str | None = None,
    expected: Label | Expected,
    severity: Severity | None = None,
    column_label: Label | None = None,
    catalogue: Catalogue | None = None,
) -> Finding:
    """A finding of a catalogued type, its messages filled from the catalogue's templates."""
    kind = (catalogue or default_catalogue()).findings[code]
    zh, en = (expected.zh_hans, expected.en) if isinstance(expected, Label) else expected
    column_zh = f"{column_label.zh_hans}（{column}）" if column_label and column else column
    message = kind.message
    return Finding(
        severity=severity or kind.severity,
        code=code,
        file=file,
        sheet=sheet,
        row=row,
        column=column,
        value=value,
        expected_zh=zh,
        expected_en=en,
        message_zh=_fill(message.zh_hans, _where_zh(file, sheet, row), column_zh, value, zh, True),
        message_en=_fill(message.en, _where_en(file, sheet, row), column, value, en, False),
    )


def _where_zh(file: str, sheet: str | None, row: int | None) -> list[str]:
    parts = [f"文件 {file}"]
    if sheet is not None:
        parts.append(f"工作表“{sheet}”")
    if row is not None:
        parts.append(f"第 {row} 行")
    return parts


def _where_en(file: str, sheet: str | None, row: int | None) -> list[str]:
    parts = [f"File {file}"]
    if sheet is not None:
        parts.append(f'sheet "{sheet}"')
    if row is not None:
        parts.append(f"row {row}")
    return parts


def _fill(
    template: str,
    where: list[str],
    column: str | None,
    value: str | None,
    expected: str,
    chinese: bool,
) -> str:
    """Fill a template; a column or value the template has no place for joins the place."""
    if column is not None and "{column}" not in template:
        where.append(f"{column}列" if chinese else f"column {column}")
    if value is not None and "{value}" not in template:
        where.append(f"“{value}”" if chinese else f'"{value}"')
    separator = "，" if chinese else ", "
    return template.format(
        where=separator.join(where), column=column or "—", value=value or "", expected=expected
    )


@dataclass
class FindingReport:
    """Every finding of one read, sorted by file, sheet and row; raised once, at the boundary."""

    findings: list[Finding] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.findings.sort(key=lambda found: found.place)

    def extend(self, findings: Iterable[Finding]) -> None:
        self.findings.extend(findings)
        self.findings.sort(key=lambda found: found.place)

    @property
    def errors(self) -> list[Finding]:
        return [found for found in self.findings if found.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [found for found in self.findings if found.severity is Severity.WARNING]

    @property
    def has_errors(self) -> bool:
        return any(found.severity is Severity.ERROR for found in self.findings)

    def raise_for_errors(self) -> None:
        """Raise DatasetRejected carrying this report when it holds any error."""
        if self.has_errors:
            raise DatasetRejected(self)


class DatasetRejected(Exception):
    """A dataset with errors reached a boundary that stores only clean data."""

    def __init__(self, report: FindingReport) -> None:
        self.report = report
        super().__init__(f"{len(report.errors)} errors, {len(report.warnings)} warnings")
