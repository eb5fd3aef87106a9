"""The Word file follows GB/T 9704-2012 as REPORTING.md sets it out."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from .conftest import DEMO_FILE_STEM


def _fonts(style: object) -> dict[str, str]:
    rpr = style.element.rPr  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    return {key.split("}")[1]: value for key, value in fonts.attrib.items()}


def test_page_settings_and_grid(demo_docx: Path) -> None:
    document = docx.Document(str(demo_docx))
    section = document.sections[0]
    measured = (
        section.page_width, section.page_height, section.top_margin,
        section.bottom_margin, section.left_margin, section.right_margin,
    )  # fmt: skip
    expected = (210, 297, 37, 35, 28, 26)  # mm; Word stores twentieths of a point
    assert all(abs(length.mm - mm) < 0.05 for length, mm in zip(measured, expected, strict=True))
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"
    assert grid.get(qn("w:linePitch")) == "579"  # 28.95 pt: 22 lines in 225 mm
    body = document.styles["DudaoBody"]
    assert body.paragraph_format.line_spacing == Pt(28.95)
    assert body.paragraph_format.first_line_indent == Pt(32)  # two characters of 三号
    spacing = body.element.rPr.find(qn("w:spacing"))
    assert spacing.get(qn("w:val")) == "-5"  # 28 characters a line


def test_faces_and_sizes_by_level(demo_docx: Path) -> None:
    document = docx.Document(str(demo_docx))
    expected = {
        "DudaoTitle": ("方正小标宋简体", Pt(22)),
        "DudaoBody": ("仿宋_GB2312", Pt(16)),
        "DudaoHeading1": ("黑体", Pt(16)),
        "DudaoHeading2": ("楷体_GB2312", Pt(16)),
        "DudaoFooter": ("宋体", Pt(14)),
    }
    for style_id, (face, size) in expected.items():
        style = document.styles[style_id]
        fonts = _fonts(style)
        assert fonts["eastAsia"] == face, style_id
        assert not any(key.endswith("Theme") for key in fonts), style_id
        assert style.font.size == size, style_id
    title = document.paragraphs[0]
    assert title.style.style_id == "DudaoTitle" and "述职报告" in title.text
    levels = {
        p.text[:2]: p.style.style_id for p in document.paragraphs if p.text[:2] in ("一、", "（一")
    }
    assert levels == {"一、": "DudaoHeading1", "（一": "DudaoHeading2"}


def test_odd_and_even_page_numbers(demo_docx: Path) -> None:
    document = docx.Document(str(demo_docx))
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, alignment in ((section.footer, "right"), (section.even_page_footer, "left")):
        paragraph = footer.paragraphs[0]
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        xml = paragraph._p.xml
        assert "PAGE" in xml and 'w:fldCharType="begin"' in xml
        assert paragraph.alignment is not None and paragraph.alignment.name.lower() == alignment


def test_a_table_caption_or_heading_stays_on_its_tables_page(demo_docx: Path) -> None:
    document = docx.Document(str(demo_docx))
    before_tables = [
        Paragraph(element, document)
        for element in document.element.body.iterchildren()
        if element.tag == qn("w:p")
        and element.getnext() is not None
        and element.getnext().tag == qn("w:tbl")
        and "".join(element.itertext()).strip()
    ]
    assert before_tables, "the demo report has captioned tables"
    for paragraph in before_tables:
        keeps = paragraph.paragraph_format.keep_with_next or (
            paragraph.style is not None and paragraph.style.paragraph_format.keep_with_next
        )
        assert keeps, paragraph.text


def test_english_is_ragged_right_and_marks_headings_by_weight(demo_output: Path) -> None:
    """Justified English spreads a Chinese name's characters apart (广 州 市): the English
    report is set ragged right; the Chinese keeps GB/T 9704's justified grid."""
    english = docx.Document(str(demo_output / f"{DEMO_FILE_STEM}.en.docx"))
    chinese = docx.Document(str(demo_output / f"{DEMO_FILE_STEM}.zh-Hans.docx"))
    assert english.styles["DudaoBody"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert chinese.styles["DudaoBody"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert english.styles["DudaoHeading1"].font.bold and english.styles["DudaoHeading2"].font.italic
    assert not chinese.styles["DudaoHeading1"].font.bold  # 黑体 marks it
    assert _fonts(english.styles["DudaoTitle"])["ascii"] == "Times New Roman"
    assert _fonts(chinese.styles["DudaoTitle"])["ascii"] == "方正小标宋简体"


def test_a_chinese_name_in_english_text_is_set_in_song(demo_output: Path) -> None:
    """宋体 sits with Times; 仿宋 stays the face of the Chinese report's text."""
    english = docx.Document(str(demo_output / f"{DEMO_FILE_STEM}.en.docx"))
    chinese = docx.Document(str(demo_output / f"{DEMO_FILE_STEM}.zh-Hans.docx"))
    for style_id in ("DudaoBody", "DudaoHeading2", "DudaoTable", "DudaoNote"):
        assert _fonts(english.styles[style_id])["eastAsia"] == "宋体", style_id
    assert _fonts(chinese.styles["DudaoBody"])["eastAsia"] == "仿宋_GB2312"


def test_tables_repeat_their_header_and_right_align_their_figures(demo_docx: Path) -> None:
    document = docx.Document(str(demo_docx))
    table = document.tables[0]
    header, first = table.rows[0], table.rows[1]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    figures = [cell.paragraphs[0] for cell in first.cells[1:]]
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.RIGHT for p in figures), [p.text for p in figures]
    assert header.cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    # a short table moves whole: every row but the last kept with the next
    assert all(
        row.cells[0].paragraphs[0].paragraph_format.keep_with_next for row in table.rows[:-1]
    )
