"""The report as a Word file laid out to GB/T 9704-2012 (REPORTING.md).

A4; margins 37/35/28/26 mm; 22 lines of 28 characters (line pitch 28.95 pt exact, a
line grid, character spacing −5 twentieths); title 小标宋 二号 centred; body 仿宋 三号
with a two-character first-line indent; 一、 headings 黑体, (一) headings 楷体; page
numbers 宋体 四号 "— 1 —", odd pages right and even pages left. The official font names
are written into the file (w:eastAsia), never theme fonts; python-docx's built-in styles
carry theme fonts, colour and borders, so the report defines its own.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document as new_document
from docx.document import Document as WordDocument
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph as WordParagraph

from dudao.catalogue import Language
from dudao.report.document import (
    Chart,
    Document,
    Heading,
    Note,
    Paragraph,
    Table,
    segments_text,
)
from dudao.report.fonts import (
    BODY,
    CJK_IN_LATIN,
    HEADING_1,
    HEADING_2,
    LATIN,
    PAGE_NUMBER,
    TITLE,
    Face,
)
from dudao.report.writers.typeset import (
    TABLE_POINTS,
    figure_column,
    table_widths,
    unbroken,
    whole_names,
)

LINE_PITCH = Pt(28.95)  # 225 mm / 22 lines
BODY_SIZE, TITLE_SIZE, PAGE_SIZE, TABLE_SIZE = Pt(16), Pt(22), Pt(14), Pt(TABLE_POINTS)
STYLES = {  # style id -> (face, size, first-line indent in characters, alignment)
    "DudaoTitle": (TITLE, TITLE_SIZE, 0, WD_ALIGN_PARAGRAPH.CENTER),
    "DudaoBody": (BODY, BODY_SIZE, 2, WD_ALIGN_PARAGRAPH.JUSTIFY),
    "DudaoHeading1": (HEADING_1, BODY_SIZE, 2, WD_ALIGN_PARAGRAPH.LEFT),
    "DudaoHeading2": (HEADING_2, BODY_SIZE, 2, WD_ALIGN_PARAGRAPH.LEFT),
    "DudaoHeading3": (BODY, BODY_SIZE, 2, WD_ALIGN_PARAGRAPH.LEFT),
    "DudaoCaption": (HEADING_1, Pt(12), 0, WD_ALIGN_PARAGRAPH.CENTER),
    "DudaoTable": (BODY, TABLE_SIZE, 0, WD_ALIGN_PARAGRAPH.CENTER),
    "DudaoNote": (BODY, Pt(12), 0, WD_ALIGN_PARAGRAPH.JUSTIFY),
    "DudaoPicture": (BODY, BODY_SIZE, 0, WD_ALIGN_PARAGRAPH.CENTER),
    "DudaoFooter": (PAGE_NUMBER, PAGE_SIZE, 0, WD_ALIGN_PARAGRAPH.RIGHT),
}
HEADING_STYLE = {1: "DudaoHeading1", 2: "DudaoHeading2", 3: "DudaoHeading3", 4: "DudaoHeading3"}
# English has no 黑体 or 楷体 to tell a heading from the text: weight and slant do it.
ENGLISH_EMPHASIS = {  # style id -> (bold, italic)
    "DudaoTitle": (True, False),
    "DudaoHeading1": (True, False),
    "DudaoHeading2": (False, True),
}


def write_docx(document: Document, path: Path) -> Path:
    word = new_document()
    _page(word)
    _styles(word, document.language)
    _footers(word)
    _paragraph(word, whole_names(document.title, document.language), "DudaoTitle")
    _paragraph(word, "", "DudaoBody")  # GB/T 9704: one blank line between title and text
    for block, following in zip(document.blocks, [*document.blocks[1:], None], strict=True):
        if isinstance(block, Heading):
            _paragraph(word, block.number + block.text, HEADING_STYLE[block.level])
        elif isinstance(block, Paragraph):
            _paragraph(word, whole_names(block.text, document.language), "DudaoBody")
        elif isinstance(block, Table):
            rows = [[segments_text(cell) for cell in row] for row in block.rows]
            _table(word, block.caption, block.header, rows, spaced=not isinstance(following, Note))
        elif isinstance(block, Chart):
            _chart(word, block)
        elif isinstance(block, Note):
            _paragraph(word, whole_names(block.text, document.language), "DudaoNote")
            if not isinstance(following, Note):
                _paragraph(word, "", "DudaoTable")
    if document.trace:
        _appendix(word, document)
    path.parent.mkdir(parents=True, exist_ok=True)
    word.save(str(path))
    return path


# mm, the 156 mm type area: a three-digit number and "Denominator" on one line
TRACE_WIDTHS = (10, 17, 27, 15, 13, 38, 18, 18)
TRACE_WIDTHS_VERSIONS = (10, 15, 22, 12, 12, 31, 16, 16, 22)  # with each figure's versions


def _appendix(word: WordDocument, document: Document) -> None:
    """Every figure of the text; the data version once above the table when all share it."""
    word.add_page_break()
    _paragraph(word, document.trace_heading, "DudaoHeading1")
    versions = list(dict.fromkeys(row.data_version for row in document.trace))
    shared = len(versions) == 1
    if shared:
        _paragraph(word, f"{document.trace_columns[-1]}：{versions[0]}", "DudaoBody")
    columns = document.trace_columns[:-1] if shared else document.trace_columns
    rows = [
        [str(r.number), r.shown, f"{r.label}\n{r.indicator}", r.unit, r.when, r.formula]
        + [r.numerator, r.denominator]
        + ([] if shared else [r.data_version])
        for r in document.trace
    ]
    widths = TRACE_WIDTHS if shared else TRACE_WIDTHS_VERSIONS
    _table(word, "", columns, rows, size=Pt(7.5), widths=widths)


def _page(word: WordDocument) -> None:
    section = word.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(28)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(LINE_PITCH.twips)))
    word.settings.odd_and_even_pages_header_footer = True


def _fonts(element: object, face: Face, latin: Face = LATIN) -> None:
    """Official names on every script slot; theme fonts removed so they cannot win."""
    rpr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:ascii"), latin.official)
    fonts.set(qn("w:hAnsi"), latin.official)
    fonts.set(qn("w:eastAsia"), face.official)
    fonts.set(qn("w:hint"), "eastAsia")


def _styles(word: WordDocument, language: Language) -> None:
    defaults = word.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        run_defaults = defaults.find(qn("w:rPrDefault"))
        rpr = run_defaults.find(qn("w:rPr")) if run_defaults is not None else None
        fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
        if fonts is not None:
            for key in list(fonts.attrib):
                fonts.attrib.pop(key)
            fonts.set(qn("w:ascii"), LATIN.official)
            fonts.set(qn("w:hAnsi"), LATIN.official)
            fonts.set(qn("w:eastAsia"), BODY.official)
    for style_id, (face, size, indent, alignment) in STYLES.items():
        style = word.styles.add_style(style_id, WD_STYLE_TYPE.PARAGRAPH)
        assert isinstance(style, ParagraphStyle)
        style.font.size = size
        style.font.bold = False
        # a Chinese title prints its digits in 小标宋 too; an English one is set in the text face
        _fonts(
            style.element,
            CJK_IN_LATIN if language == "en" and face in (BODY, HEADING_2) else face,
            TITLE if face is TITLE and language != "en" else LATIN,
        )
        layout = style.paragraph_format
        layout.alignment = alignment
        if language == "en":
            _english(style, style_id)
        layout.space_before = layout.space_after = Pt(0)
        layout.keep_with_next = style_id.startswith("DudaoHeading")  # never last on a page
        if style_id in ("DudaoTable", "DudaoPicture", "DudaoCaption", "DudaoNote"):
            layout.line_spacing_rule = WD_LINE_SPACING.SINGLE  # exact spacing clips pictures
        else:
            layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            layout.line_spacing = LINE_PITCH
        if indent:
            layout.first_line_indent = Pt(size.pt * indent)
        if style_id == "DudaoBody":
            spacing = OxmlElement("w:spacing")  # −5 twentieths: 28 characters on a line
            spacing.set(qn("w:val"), "-5")
            style.element.get_or_add_rPr().append(spacing)
        if style_id == "DudaoNote":  # whole, in its own line height, under its table
            layout.keep_together = True
            _off_grid(style.element.get_or_add_pPr())


def _off_grid(properties: object) -> None:
    """The paragraph keeps its own line height, off the page's 28.95 pt grid."""
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    properties.insert_element_before(snap, *PPR_AFTER_SNAP)  # type: ignore[attr-defined]


PPR_AFTER_SNAP = (  # w:pPr's children after w:snapToGrid, in schema order
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
    "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
    "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def _english(style: ParagraphStyle, style_id: str) -> None:
    """English text is set ragged right, as WCAG 1.4.8 and GOV.UK ask of government text:
    justifying an English line widens every gap between the CJK characters of a Chinese
    name in it (广 州 市) in Word and LibreOffice alike, since CJK text justifies by them."""
    if style.paragraph_format.alignment is WD_ALIGN_PARAGRAPH.JUSTIFY:
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    style.font.bold, style.font.italic = ENGLISH_EMPHASIS.get(style_id, (False, False))


def _paragraph(word: WordDocument, text: str, style: str) -> WordParagraph:
    paragraph = word.add_paragraph()
    paragraph._p.style = style  # the style id itself: python-docx's lookup by name is slow
    if text:
        paragraph.add_run(unbroken(text))
    return paragraph


def _table(
    word: WordDocument,
    caption: str,
    header: tuple[str, ...],
    rows: list[list[str]],
    size: Pt = TABLE_SIZE,
    widths: tuple[float, ...] | None = None,
    spaced: bool = True,
) -> None:
    """A table of the 156 mm type area; `spaced`: a blank line after it, else (a note
    follows) its last row is kept with that note."""
    if caption:  # kept on the table's page: a caption never ends a page alone
        _paragraph(word, caption, "DudaoCaption").paragraph_format.keep_with_next = True
    table = word.add_table(rows=1 + len(rows), cols=len(header))
    table.style = word.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    if widths is None:  # each figure column as wide as its cells need, the labels the rest
        widths = table_widths(header, rows)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
    aligned = [_alignment(column) for column in zip(*rows, strict=True)] if rows else []
    whole = len(rows) <= KEPT_WHOLE  # a short table moves to the next page whole
    for index, (row, values) in enumerate(zip(table.rows, [list(header), *rows], strict=True)):
        _row_properties(row, heading=index == 0)
        last = index == len(rows)
        kept = index == 0 or (whole and not last) or (last and not spaced)
        for column, (cell, width, value) in enumerate(zip(row.cells, widths, values, strict=True)):
            cell.width = Mm(width)  # Word reads the cell's width, LibreOffice the column's
            alignment = WD_ALIGN_PARAGRAPH.CENTER if index == 0 else aligned[column]
            _cell(cell, value, size, alignment, bold=index == 0, kept=kept)
    if spaced:
        _paragraph(word, "", "DudaoTable")


KEPT_WHOLE = 15  # rows: a table this short never splits across pages


def _alignment(column: tuple[str, ...]) -> WD_ALIGN_PARAGRAPH:
    """Figures right-aligned so that their digits line up; a column of words centred."""
    return WD_ALIGN_PARAGRAPH.RIGHT if figure_column(column) else WD_ALIGN_PARAGRAPH.CENTER


def _row_properties(row: object, heading: bool) -> None:
    """No row split across pages; the header row repeated atop each page of a long table."""
    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    for tag in ("w:cantSplit", "w:tblHeader") if heading else ("w:cantSplit",):
        element = OxmlElement(tag)
        properties.append(element)


def _cell(
    cell: object,
    value: str,
    size: Pt,
    alignment: WD_ALIGN_PARAGRAPH,
    bold: bool = False,
    kept: bool = False,
) -> None:
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    paragraph._p.style = "DudaoTable"  # the style id itself: python-docx's lookup is slow
    _off_grid(paragraph._p.get_or_add_pPr())
    paragraph.alignment = alignment
    if kept:  # Word and LibreOffice keep a row with the next one (and a table with its note)
        paragraph.paragraph_format.keep_with_next = True
    run = paragraph.add_run(unbroken(value))
    run.font.size = size
    run.font.bold = bold


def _chart(word: WordDocument, chart: Chart) -> None:
    picture = _paragraph(word, "", "DudaoPicture")
    picture.paragraph_format.keep_with_next = True  # the caption below stays with its chart
    picture.add_run().add_picture(io.BytesIO(chart.png), width=Mm(150))
    _paragraph(word, chart.caption, "DudaoCaption")


def _footers(word: WordDocument) -> None:
    section = word.sections[0]
    for footer, alignment in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = word.styles["DudaoFooter"]
        paragraph.alignment = alignment
        layout = paragraph.paragraph_format
        if alignment is WD_ALIGN_PARAGRAPH.RIGHT:
            layout.right_indent = PAGE_SIZE  # one character in from the edge
        else:
            layout.left_indent = PAGE_SIZE
        paragraph.add_run("— ")
        _page_field(paragraph)
        paragraph.add_run(" —")


def _page_field(paragraph: WordParagraph) -> None:
    """A PAGE field: begin, instruction, separate, a placeholder digit, end."""
    for kind, text in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        run = paragraph.add_run()
        if kind is not None:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
        elif text == " PAGE ":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            run.text = text or ""
