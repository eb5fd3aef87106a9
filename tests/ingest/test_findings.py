"""Findings (DATA.md "Findings"): one shape, both languages, sorted by place."""

from __future__ import annotations

import pytest

from dudao.catalogue import Severity, default_catalogue
from dudao.ingest import DatasetRejected, FindingReport, finding

JSON_KEYS = [
    "severity",
    "code",
    "file",
    "sheet",
    "row",
    "column",
    "value",
    "expected",
    "message_zh",
    "message_en",
]


def test_a_finding_is_built_from_the_catalogue_template() -> None:
    found = finding(
        "wrong_type",
        file="r.xlsx",
        sheet="学校名录",
        row=7,
        column="enrolment",
        value="12.5",
        expected=("非负整数", "a non-negative integer"),
    )
    assert found.severity is Severity.ERROR
    assert (
        found.message_zh
        == "文件 r.xlsx，工作表“学校名录”，第 7 行，enrolment列：“12.5”不是非负整数。"
    )
    assert (
        found.message_en
        == 'File r.xlsx, sheet "学校名录", row 7, column enrolment: "12.5" is not a non-negative integer.'
    )
    record = found.to_json()
    assert list(record) == JSON_KEYS
    assert record["expected"] == "非负整数 / a non-negative integer"
    assert record["severity"] == "error" and record["sheet"] == "学校名录"


def test_parts_a_template_lacks_are_named_in_the_place() -> None:
    found = finding(
        "encoding",
        file="a.csv",
        row=3,
        column="name",
        value="荔\ufffd",
        expected=("UTF-8", "UTF-8"),
    )
    assert "name" in found.message_en and "荔\ufffd" in found.message_zh


def test_a_label_expectation_and_a_severity_override() -> None:
    label = default_catalogue().tables["schools"].field("school_code").expected
    assert label is not None
    found = finding("unknown_code", file="a.csv", severity=Severity.WARNING, expected=label)
    assert (found.severity, found.expected_zh, found.expected_en) == (
        Severity.WARNING,
        "10位数字",
        "10 digits",
    )


def test_every_finding_code_used_by_ingest_is_in_the_catalogue() -> None:
    codes = {
        "unreadable_file",
        "unsafe_file",
        "encoding",
        "mojibake",
        "unknown_table",
        "unknown_column",
        "duplicate_column",
        "missing_column",
        "missing_required",
        "wrong_type",
        "unknown_code",
        "out_of_range",
        "duplicate_key",
        "dangling_reference",
        "rule_failed",
    }
    assert codes <= set(default_catalogue().findings)
    with pytest.raises(KeyError):
        finding("no_such_code", file="a.csv", expected=("", ""))


def test_report_sorts_by_place_and_raises_once() -> None:
    late = finding("wrong_type", file="b.csv", row=2, expected=("x", "x"))
    early = finding("unknown_column", file="a.csv", row=9, expected=("x", "x"))
    table = finding("unknown_table", file="a.csv", expected=("x", "x"))
    report = FindingReport([late, early])
    report.extend([table])
    assert report.findings == [table, early, late]
    assert report.has_errors and report.errors == [late] and report.warnings == [table, early]
    with pytest.raises(DatasetRejected) as rejected:
        report.raise_for_errors()
    assert rejected.value.report is report
    FindingReport([early]).raise_for_errors()
