"""The self-evaluation report (自评报告): a district's own five parts in the institution's
voice, its framework total and grade, and every shortfall in 四 and 五."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dudao.catalogue import Language, default_catalogue
from dudao.report import ReportRequest, build_documents, compute_for
from dudao.report.assessment import AssessmentView, assess_unit
from dudao.report.document import Document, Heading, Note, Paragraph, Table
from dudao.report.generate import report_findings
from dudao.report.results import OrgUnits
from dudao.report.stored import stored_answers

DISTRICT = "440103"  # 荔湾区 of the demo city
HEADINGS = ("基本情况", "自评结果", "主要做法和成效", "存在问题", "整改措施")
NUMBERS = ("一、", "二、", "三、", "四、", "五、")


@pytest.fixture(scope="module")
def self_request() -> ReportRequest:
    return ReportRequest("self", DISTRICT, (2006, 2009), languages=("zh-Hans", "zh-Hant", "en"))


@pytest.fixture(scope="module")
def self_results(seed_tables: dict[str, object], self_request: ReportRequest) -> list[object]:
    return list(compute_for(seed_tables, self_request))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def self_documents(
    seed_tables: dict[str, object],
    self_request: ReportRequest,
    self_results: list[object],
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[Language, Document]:
    return build_documents(
        self_results,  # type: ignore[arg-type]
        OrgUnits.of(seed_tables),  # type: ignore[arg-type]
        self_request,
        passages_file=tmp_path_factory.mktemp("self") / "passages.yaml",
        data_version="test",
    )


def part(document: Document, number: str) -> str:
    """The text of one top-level part: its paragraphs and sub-headings."""
    start = next(
        i for i, b in enumerate(document.blocks) if isinstance(b, Heading) and b.number == number
    )
    texts = []
    for block in document.blocks[start + 1 :]:
        if isinstance(block, Heading) and block.level == 1:
            break
        if isinstance(block, Heading | Paragraph):
            texts.append(block.text)
    return "\n".join(texts)


def test_the_five_parts_in_order_in_the_institution_s_voice(
    self_documents: dict[Language, Document],
) -> None:
    document = self_documents["zh-Hans"]
    top = [(b.number, b.text) for b in document.blocks if isinstance(b, Heading) and b.level == 1]
    assert top == list(zip(NUMBERS, HEADINGS, strict=True))
    assert document.title == "荔湾区2006—2009年教育工作自评报告"
    text = "\n".join(p.text for p in document.paragraphs())
    assert "我区" in text and "我任职" not in text and "尊敬的" not in text
    hant = [b.text for b in self_documents["zh-Hant"].blocks if isinstance(b, Heading)]
    assert "基本情況" in hant and "自評結果" in hant


def test_the_framework_total_and_grade_are_stated_and_tabled(
    self_documents: dict[Language, Document],
    self_results: list[object],
    seed_tables: dict[str, object],
) -> None:
    orgs = OrgUnits.of(seed_tables)  # type: ignore[arg-type]
    years = list(range(2006, 2010))
    found = assess_unit("strong_education_district", self_results, orgs, DISTRICT, years, "test")  # type: ignore[arg-type]
    assert found is not None
    view = AssessmentView(found, "zh-Hans")
    result = part(self_documents["zh-Hans"], "二、")
    assert f"自评总分为{view.total}分（满分{view.max_total}分）" in result
    assert f"“{view.grade}”" in result
    for title in view.pending:
        assert title in result
    table = next(
        b for b in self_documents["zh-Hans"].blocks if isinstance(b, Table) and b.id == "assessment"
    )
    assert table.header == ("考核项目", "满分", "自评得分", "状态")
    assert len(table.rows) == len(view.table_rows())
    english = "\n".join(p.text for p in self_documents["en"].paragraphs())
    assert f"{view.total} of {view.max_total} points" in english


def test_every_shortfall_is_in_the_problems_and_the_remedies(
    self_documents: dict[Language, Document],
    self_request: ReportRequest,
    self_results: list[object],
    seed_tables: dict[str, object],
) -> None:
    catalogue = default_catalogue()
    orgs = OrgUnits.of(seed_tables)  # type: ignore[arg-type]
    findings = report_findings(self_results, orgs, self_request)  # type: ignore[arg-type]
    shortfalls = [f for f in findings if f.kind == "shortfall"]
    found = assess_unit(
        "strong_education_district",
        self_results,
        orgs,
        DISTRICT,
        self_request.years,
        "test",  # type: ignore[arg-type]
    )
    assert found is not None
    lost = AssessmentView(found, "zh-Hans").lost()
    assert shortfalls or lost, "the demo district has no shortfall to test with"
    document = self_documents["zh-Hans"]
    problems, remedies = part(document, "四、"), part(document, "五、")
    scope_words = {"own_level": "区本级", "consolidated": "全区"}
    for finding in shortfalls:
        label = catalogue.indicators[finding.indicator].label.zh_hans
        said = scope_words.get(finding.scope or "", "")
        for text in (problems, remedies):
            assert label in text and said in text, (finding, text)
            assert f"{finding.years[0]}年" in text
    for item in lost:
        title = item.title.zh.replace("“", "‘").replace("”", "’")
        assert f"考核项目“{title}”" in problems and f"考核项目“{title}”" in remedies
    practice = part(document, "三、")
    assert "但也要看到" not in practice  # shortfalls belong to 四, not to the achievements


@pytest.mark.parametrize("language", ["zh-Hans", "zh-Hant", "en"])
def test_no_year_less_value_and_no_empty_placeholder(
    self_documents: dict[Language, Document], language: Language
) -> None:
    document = self_documents[language]
    texts = [document.title] + [b.text for b in document.blocks if isinstance(b, Heading)]
    texts += [p.text for p in document.paragraphs()]
    for text in texts:
        assert "、年" not in text and "，年" not in text and not re.search(r"(?<!\d)年", text[:1])
        assert "None" not in text and "{{" not in text and "“”" not in text and "（）" not in text


def test_english_names_the_district_where_chinese_says_我区(
    self_documents: dict[Language, Document],
) -> None:
    """The shared area templates follow the unit: the district, never "we" or "the city"."""
    text = " ".join(
        block.text for block in self_documents["en"].blocks if isinstance(block, Paragraph)
    )
    assert "The district applies the Education Law" in text
    assert "the district's means to balance" in text
    assert not re.search(r"\b(We|we|our|Our)\b|\bthe city\b", text)


def test_the_self_report_writes_no_leader_s_passages_file(
    seed_tables: dict[str, object],
    self_request: ReportRequest,
    self_results: list[object],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """The self report has no passages of a leader, so it keeps no passages file."""
    passages = tmp_path_factory.mktemp("no_passages") / "self.passages.yaml"
    build_documents(
        self_results,  # type: ignore[arg-type]
        OrgUnits.of(seed_tables),  # type: ignore[arg-type]
        self_request,
        passages_file=passages,
        data_version="test",
    )
    assert not passages.exists()


def test_basic_facts_state_the_district_s_schools(
    self_documents: dict[Language, Document],
) -> None:
    overview = part(self_documents["zh-Hans"], "一、")
    assert re.search(
        r"\d{4}年，全区有各级各类学校\d+所（不含教学点）；按学段计，幼儿园\d+所", overview
    )
    assert "the district had" in part(self_documents["en"], "1. ")


def test_items_people_answered_in_the_store_are_answered_not_pending(
    seed_tables: dict[str, object],
    self_request: ReportRequest,
    self_results: list[object],
    tmp_path: Path,
) -> None:
    """Marks stored in dudao.store.assessments score their items: the district's own (自评),
    and the reviewer's (他评) where the district gave none."""
    from dudao import store

    store.setup(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    from django.db import connections

    from dudao.store.assessments import MarkInput, record_marks

    orgs = OrgUnits.of(seed_tables)  # type: ignore[arg-type]
    framework, period = "strong_education_district", (2006, 2009)
    before = assess_unit(framework, self_results, orgs, DISTRICT, list(range(2006, 2010)), "t")  # type: ignore[arg-type]
    assert before is not None
    evidence = [i for i in before.pending if before.item(i).rule == "evidence"]
    own, reviewed = evidence[0], evidence[1]
    record_marks(framework, DISTRICT, period, "self", {own: MarkInput(met=True)}, actor="荔湾区")
    record_marks(
        framework, DISTRICT, period, "review", {reviewed: MarkInput(met=False)}, actor="广州市"
    )
    answers = stored_answers([framework], period)
    connections["default"].close()
    documents = build_documents(
        self_results,  # type: ignore[arg-type]
        orgs,
        self_request,
        passages_file=tmp_path / "passages.yaml",
        data_version="test",
        answers=answers,
    )
    result = part(documents["zh-Hans"], "二、")
    titles = {i: before.item(i).title.zh for i in (own, reviewed)}
    pending = re.search(r"其中(“.*”)等(\d+)项需人工核实", result)
    assert pending is not None and int(pending.group(2)) == len(before.pending) - 2
    assert titles[own] not in pending.group(1) and titles[reviewed] not in pending.group(1)


ABOVE_100 = re.compile(r"(\d{3,}\.\d+)%")


@pytest.mark.parametrize("language", ["zh-Hans", "zh-Hant", "en"])
def test_rates_above_100_are_printed_and_explained_under_their_table(
    self_documents: dict[Language, Document], language: Language
) -> None:
    """The district's progression rates from totals and its gross enrolment ratio pass 100%:
    printed as computed, and a note under the enrolment table says why (REFERENCES.md)."""
    blocks = self_documents[language].blocks
    table = next(
        index
        for index, block in enumerate(blocks)
        if isinstance(block, Table) and block.id == "enrolment"
    )
    shown = " ".join(
        str(segment) if isinstance(segment, str) else segment.shown
        for row in blocks[table].rows  # type: ignore[union-attr]
        for cell in row
        for segment in cell
    )
    assert any(float(value) > 100 for value in ABOVE_100.findall(shown))
    notes = [block for block in blocks[table + 1 : table + 3] if isinstance(block, Note)]
    assert len(notes) == 2, blocks[table + 1 : table + 3]
    indicators = default_catalogue().indicators
    gross, entrants = notes
    assert indicators["ger_preschool"].label.text(language) in gross.text
    for indicator in ("progression_primary_to_junior", "progression_junior_to_senior"):
        assert indicators[indicator].label.text(language) in entrants.text
    assert all("100%" in note.text for note in notes)
    assert (
        "随迁子女"
        if language == "zh-Hans"
        else "隨遷子女"
        if language == "zh-Hant"
        else "migrant children"
    ) in entrants.text


def test_a_note_stands_only_under_a_rate_above_100(
    self_documents: dict[Language, Document],
) -> None:
    blocks = self_documents["en"].blocks
    for index, block in enumerate(blocks):
        if isinstance(block, Note):
            shown = next(b for b in reversed(blocks[:index]) if not isinstance(b, Note))
            text = shown.text if isinstance(shown, Paragraph) else repr(shown)
            assert any(float(value) > 100 for value in ABOVE_100.findall(text)), text


def test_traditional_tables_name_units_in_traditional_script(
    self_documents: dict[Language, Document],
) -> None:
    """Unit names come from the data in Simplified script: the zh-Hant tables convert them
    as the text around them is converted (员村街道 printed 員村街道)."""
    from dudao.report.narrative import to_traditional

    cells = [
        segment if isinstance(segment, str) else segment.shown
        for block in self_documents["zh-Hant"].blocks
        if isinstance(block, Table)
        for row in block.rows
        for cell in row
        for segment in cell
    ]
    unconverted = [text for text in cells if to_traditional().convert(text) != text]
    assert not unconverted


def test_a_table_of_units_heads_its_first_column_area(
    self_documents: dict[Language, Document],
) -> None:
    for language, head in (("zh-Hans", "地区"), ("zh-Hant", "地區"), ("en", "Area")):
        tables = {b.id: b for b in self_documents[language].blocks if isinstance(b, Table)}
        assert tables["coverage_by_district"].header[0] == head  # its rows are towns
        assert tables["enrolment"].header[0] != head  # its rows are indicators
