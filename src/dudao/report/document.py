"""A written report as plain blocks that every writer (docx, HTML, PDF) lays out its own way.

Text is a list of segments: plain text, or a figure reference (`FigureMark`) that the
writers print as its value and that HTML links to the traceability appendix.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dudao.catalogue import Language


@dataclass(frozen=True)
class FigureMark:
    """A figure printed in the text: its value as shown and its row in the appendix."""

    number: int
    shown: str


Segment = str | FigureMark


def segments_text(segments: tuple[Segment, ...]) -> str:
    """The text as printed: each figure by its value."""
    return "".join(s if isinstance(s, str) else s.shown for s in segments)


@dataclass(frozen=True)
class Heading:
    level: int  # 1: 一、 2: (一) 3: 1. 4: (1)
    number: str  # "一、", "（一）"
    text: str


@dataclass(frozen=True)
class Paragraph:
    segments: tuple[Segment, ...]

    @property
    def text(self) -> str:
        return segments_text(self.segments)


@dataclass(frozen=True)
class Table:
    id: str
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[tuple[Segment, ...], ...], ...]  # rows of cells of segments


@dataclass(frozen=True)
class Chart:
    id: str
    caption: str
    png: bytes
    svg: str


@dataclass(frozen=True)
class TraceRow:
    """One figure of the text: where it comes from (indicator, formula, operands, data)."""

    number: int
    shown: str
    indicator: str
    label: str
    unit: str
    when: str
    formula: str
    numerator: str
    denominator: str
    data_version: str


@dataclass(frozen=True)
class Note:
    """A note under the table or paragraph before it (注： / Note:), in smaller type."""

    text: str


Block = Heading | Paragraph | Table | Chart | Note


def figure_numbers(block: Block) -> list[int]:
    """The appendix rows of the figures a paragraph or table prints."""
    if isinstance(block, Paragraph):
        segments: tuple[Segment, ...] = block.segments
    elif isinstance(block, Table):
        segments = tuple(segment for row in block.rows for cell in row for segment in cell)
    else:
        return []
    return [segment.number for segment in segments if isinstance(segment, FigureMark)]


@dataclass
class Document:
    language: Language
    title: str
    subtitle: str
    blocks: list[Block] = field(default_factory=list)
    trace: list[TraceRow] = field(default_factory=list)
    trace_heading: str = ""
    trace_columns: tuple[str, ...] = ()

    def paragraphs(self) -> list[Paragraph]:
        return [block for block in self.blocks if isinstance(block, Paragraph)]
