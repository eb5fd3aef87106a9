"""The seed city's duty report, as `dudao demo` writes it: 2006-2009, period figures over
the seed's campaign years and cases at its cut-off, every language, docx and HTML, and
the PDF of the Simplified text (when LibreOffice is there)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pyarrow as pa

from dudao.catalogue import Language
from dudao.compute import IndicatorResult
from dudao.demo import SEED_CITY_CODE
from dudao.demo.seed import seed_cut_off, seed_period
from dudao.report.document import Document
from dudao.report.generate import ReportRequest, build_documents, write_documents
from dudao.report.provenance import Provenance
from dudao.report.results import OrgUnits
from dudao.report.writers.pdf import office

SEED_REPORT_YEARS = (2006, 2009)


def seed_request() -> ReportRequest:
    return ReportRequest(
        "duty",
        SEED_CITY_CODE,
        SEED_REPORT_YEARS,
        campaign=seed_period(),
        as_of=seed_cut_off(),
        languages=("zh-Hans", "zh-Hant", "en"),
    )


def write_seed_report(
    results: Sequence[IndicatorResult],
    tables: Mapping[str, pa.Table],
    out: Path,
    data_version: Provenance | str,
) -> list[Path]:
    """`results` must be computed over the seed's period and cut-off (as `dudao demo` does)."""
    request = seed_request()
    documents = build_documents(
        results,
        OrgUnits.of(tables),
        request,
        passages_file=out / request.passages_name(),
        data_version=data_version,
    )
    written = write_documents(documents, request, out, ("docx", "html"))
    if office() is not None:
        simplified: dict[Language, Document] = {"zh-Hans": documents["zh-Hans"]}
        written += write_documents(simplified, request, out, ("pdf",))
    return written
