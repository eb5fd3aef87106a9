"""Write a report: compute what its model draws on, find strengths and shortfalls, write
the narrative in each language, and hand the documents to the writers."""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyarrow as pa

from dudao.assess import Answers, UnitAssessment
from dudao.catalogue import Catalogue, Language, default_catalogue
from dudao.catalogue.reports import ReportKind, ReportModel, default_report_models
from dudao.compute import IndicatorResult, compute_indicators
from dudao.report.assessment import (
    AssessmentView,
    assess_unit,
    framework_indicators,
    model_frameworks,
)
from dudao.report.document import Document
from dudao.report.figures import Marks
from dudao.report.findings import Finding, FindingContext, assessment_findings, find
from dudao.report.narrative import Setting, Writer, environment, to_traditional
from dudao.report.passages import ensure_passages, pick
from dudao.report.provenance import Provenance
from dudao.report.results import OrgUnits, ResultIndex

TRACE = {
    "zh-Hans": ("附：数字来源", ("序号", "数字", "指标", "单位", "时间", "计算公式", "分子", "分母", "数据版本")),
    "zh-Hant": ("附：數字來源", ("序號", "數字", "指標", "單位", "時間", "計算公式", "分子", "分母", "數據版本")),
    "en": ("Appendix: where each figure comes from", ("No.", "Figure", "Indicator", "Unit", "When", "Formula", "Numerator", "Denominator", "Data version")),
}  # fmt: skip


class ReportError(ValueError):
    """A report that cannot be written as asked; the message is in Chinese and English."""


@dataclass(frozen=True)
class ReportRequest:
    kind: ReportKind
    unit: str
    period: tuple[int, int]  # the years the report covers
    campaign: tuple[int, int] | None = None  # the years period figures sum over; default: period
    as_of: date | None = None  # cut-off of case-based figures; default: 31 December
    languages: tuple[Language, ...] = ("zh-Hans",)

    @property
    def years(self) -> list[int]:
        return list(range(self.period[0], self.period[1] + 1))

    def file_name(self, language: Language, extension: str) -> str:
        first, last = self.period
        return f"{self.kind}_{self.unit}_{first}-{last}.{language}.{extension}"

    def passages_name(self) -> str:
        first, last = self.period
        return f"{self.kind}_{self.unit}_{first}-{last}.passages.yaml"


def report_model(kind: ReportKind) -> ReportModel:
    return default_report_models()[kind]


def model_indicators(model: ReportModel) -> list[str]:
    """Every indicator the model's sections and findings rules draw on."""
    ids = [figure.indicator for section in model.walk() for figure in section.figures]
    ids += [indicator for indicator, _ in model.findings.indicators()]
    for framework in model_frameworks(model):
        ids += framework_indicators(framework)
    catalogue = default_catalogue()
    for indicator in list(ids):  # what a legal test compared is its evidence
        test = catalogue.indicators[indicator].test
        ids += list(test.indicators) if test else []
    return list(dict.fromkeys(ids))


def compute_for(
    tables: Mapping[str, pa.Table], request: ReportRequest, catalogue: Catalogue | None = None
) -> list[IndicatorResult]:
    """The indicators the report draws on, period figures over the campaign's years."""
    return compute_indicators(
        tables,
        catalogue=catalogue,
        indicator_ids=model_indicators(report_model(request.kind)),
        period=request.campaign or request.period,
        as_of=request.as_of,
    )


def check_request(request: ReportRequest, orgs: OrgUnits, model: ReportModel) -> None:
    if request.unit not in orgs.levels:
        raise ReportError(f"未知单位 {request.unit}; unknown org unit {request.unit}")
    level = orgs.levels[request.unit]
    if level not in model.levels:
        raise ReportError(
            f"{model.label.zh_hans}只适用于{'、'.join(model.levels)}级单位，{request.unit} 为 {level}; "
            f"a {model.label.en.lower()} is for units of level {', '.join(model.levels)}, "
            f"{request.unit} is {level}"
        )


def report_findings(
    results: Sequence[IndicatorResult], orgs: OrgUnits, request: ReportRequest
) -> list[Finding]:
    model = report_model(request.kind)
    context = FindingContext(
        default_catalogue(), ResultIndex(results), orgs, request.unit, request.years
    )
    return find(model.findings, context)


def build_documents(
    results: Sequence[IndicatorResult],
    orgs: OrgUnits,
    request: ReportRequest,
    *,
    passages_file: Path,
    data_version: Provenance | str,
    answers: Mapping[str, Answers] | None = None,
) -> dict[Language, Document]:
    """One Document per language, the leader's passages merged in (drafts written on first use).
    `answers`: framework id -> what people answered (dudao.report.stored: the store's marks)."""
    catalogue = default_catalogue()
    model = report_model(request.kind)
    check_request(request, orgs, model)
    index = ResultIndex(results)
    findings = find(
        model.findings, FindingContext(catalogue, index, orgs, request.unit, request.years)
    )
    assessed: dict[str, UnitAssessment] = {}
    whole = data_version if isinstance(data_version, str) else data_version.label
    for section in model.walk():
        if section.assessment is None or section.area is None:
            continue
        found = assess_unit(
            section.assessment, results, orgs, request.unit, request.years, whole,
            (answers or {}).get(section.assessment),
        )  # fmt: skip
        if found is not None:
            assessed[section.assessment] = found
            lost = AssessmentView(found, "zh-Hans").lost()
            findings += assessment_findings(lost, section.area, tuple(request.years))
    base = {"unit": orgs.name(request.unit), "years": ""}
    drafts: dict[str, dict[str, str]] = {}
    for section in model.walk():
        if section.passage:
            for language in ("zh-Hans", "en"):
                base["years"] = _span(request.period, language)
                template = environment(language).get_template(f"passage_{section.passage}.j2")
                drafts.setdefault(section.passage, {})[language] = template.render(base)
    # A model without the leader's passages (the self report) writes no passages file.
    passages = ensure_passages(passages_file, drafts) if drafts else {}
    documents: dict[Language, Document] = {}
    for language in request.languages:
        setting = Setting(
            catalogue=catalogue,
            model=model,
            index=index,
            orgs=orgs,
            unit=request.unit,
            years=request.years,
            period=request.campaign or request.period,
            cut_off=None,
            language=language,
            findings=findings,
            passages={
                key: pick(passages, key, language, to_traditional().convert) for key in passages
            },
            assessments={key: AssessmentView(value, language) for key, value in assessed.items()},
        )
        marks = Marks(language, data_version, catalogue, orgs)
        document = Writer(setting, marks).write()
        heading, columns = TRACE[language]
        document.trace, document.trace_heading, document.trace_columns = (
            marks.rows,
            heading,
            columns,
        )
        documents[language] = document
    return documents


def _span(period: tuple[int, int], language: str) -> str:
    from dudao.report.numbers import span_text

    return span_text(period[0], period[1], "en" if language == "en" else "zh-Hans")


FORMATS = ("docx", "html", "pdf")


def write_documents(
    documents: Mapping[Language, Document],
    request: ReportRequest,
    out: Path,
    formats: Sequence[str] = ("docx", "html"),
) -> list[Path]:
    """Each document in each format: `out/<kind>_<unit>_<A>-<B>.<lang>.<ext>`."""
    from dudao.report.writers.docx import write_docx
    from dudao.report.writers.html import write_html
    from dudao.report.writers.pdf import write_pdf

    unknown = [name for name in formats if name not in FORMATS]
    if unknown:
        raise ReportError(
            f"未知格式 unknown format: {', '.join(unknown)}; 可选 known: {', '.join(FORMATS)}"
        )
    written: list[Path] = []
    for language, document in documents.items():
        with tempfile.TemporaryDirectory(prefix="dudao-report-") as work:
            # the PDF is made from a docx: the one asked for, else one in a scratch folder
            folder = out if "docx" in formats else Path(work)
            docx = folder / request.file_name(language, "docx")
            if "docx" in formats or "pdf" in formats:
                write_docx(document, docx)
                if "docx" in formats:
                    written.append(docx)
            if "html" in formats:
                written.append(write_html(document, out / request.file_name(language, "html")))
            if "pdf" in formats:
                written.append(write_pdf(docx, out / request.file_name(language, "pdf")))
    return written


def write_report(
    tables: Mapping[str, pa.Table],
    request: ReportRequest,
    out: Path,
    *,
    formats: Sequence[str] = ("docx", "html"),
    data_version: Provenance | str,
    passages_file: Path | None = None,
    answers: Mapping[str, Answers] | None = None,
) -> list[Path]:
    """Compute, write the narrative and every requested file; the leader's passages live in
    `passages_file` (default: beside the report in `out`)."""
    results = compute_for(tables, request)
    documents = build_documents(
        results,
        OrgUnits.of(tables),
        request,
        passages_file=passages_file or out / request.passages_name(),
        data_version=data_version,
        answers=answers,
    )
    return write_documents(documents, request, out, formats)
