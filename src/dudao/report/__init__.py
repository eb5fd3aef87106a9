"""Reports written from approved data: the duty report (述职报告) and the self-evaluation
report (自评报告), in Word, HTML and PDF, in zh-Hans, zh-Hant and English."""

from dudao.report.generate import (
    FORMATS,
    ReportError,
    ReportRequest,
    build_documents,
    compute_for,
    write_documents,
    write_report,
)

__all__ = [
    "FORMATS",
    "ReportError",
    "ReportRequest",
    "build_documents",
    "compute_for",
    "write_documents",
    "write_report",
]
