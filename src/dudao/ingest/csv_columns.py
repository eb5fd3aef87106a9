"""A CSV file read by Arrow's streaming C++ reader: every cell as text, a block at a time.

The csv module stays the reference: whatever Arrow would read differently, or cannot read
(ragged rows, an unclosed quote, an empty file, a leading BOM left after decoding, a cell
longer than the csv module's field limit, a header wider than the limit, a decoding or
reading failure), raises NotColumnar, and the sheet is read again by the csv module, so
that findings never depend on which reader read the file.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from typing import IO

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from dudao.ingest.limits import ReadLimits
from dudao.ingest.sheets import header_width
from dudao.ingest.text_blocks import Block, TextBlocks
from dudao.ingest.vectors import byte_lengths

BLOCK_BYTES = 4 * 1024 * 1024  # Arrow parses this much text at a time: memory stays bounded
_READ_BYTES = 1024 * 1024
_LINE_ENDS = ("\n", "\r")


class NotColumnar(Exception):
    """Arrow would not read this file as the csv module does: read it with the csv module."""


class ArrowCsv(TextBlocks):
    """The file's rows as text columns; the stream is decoded with `encoding`, strictly."""

    def __init__(self, binary: IO[bytes], encoding: str, limits: ReadLimits) -> None:
        self._binary, self._encoding, self._limits = binary, encoding, limits

    def blocks(self) -> Iterator[Block]:
        stream = _Utf8Stream(self._binary, self._encoding)
        _check_head(stream.head(), self._limits.max_columns)
        # Arrow names the columns f0, f1, ...: each named here is text, never inferred.
        names = [f"f{index}" for index in range(self._limits.max_columns)]
        converting = pcsv.ConvertOptions(
            column_types=dict.fromkeys(names, pa.string()),
            null_values=[],
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        )
        try:
            reader = pcsv.open_csv(
                stream, read_options=_READ, parse_options=_PARSE, convert_options=converting
            )
            if len(reader.schema) > self._limits.max_columns:
                raise NotColumnar  # the csv module says the header is too wide
            yield from self._cut(_checked(reader, stream))
        except pa.ArrowInvalid as error:
            raise NotColumnar from error

    def _cut(self, batches: Iterator[pa.RecordBatch]) -> Iterator[Block]:
        """Each block cut to the header's width, as the csv path's `within_header` cuts rows."""
        width: int | None = None
        limit = csv.field_size_limit()
        for batch in batches:
            if batch.num_rows == 0:
                continue
            for column in batch.columns:  # bytes bound characters: most columns end here
                if len(column) and byte_lengths(column).max() >= limit:
                    longest = pc.max(pc.utf8_length(column)).as_py()
                    if longest is not None and longest >= limit:
                        raise NotColumnar  # the csv module refuses such a cell
            if width is None:
                header = [column[0].as_py() for column in batch.columns]
                width = header_width(header, self._limits.max_columns)
            yield Block(list(batch.columns[:width]), batch.num_rows)


def _checked(reader: pcsv.CSVStreamingReader, stream: _Utf8Stream) -> Iterator[pa.RecordBatch]:
    """The record batches; a failure of the stream, seen as its end by Arrow, is NotColumnar."""
    for batch in reader:
        if stream.failure is not None:
            raise NotColumnar from stream.failure
        yield batch
    if stream.failure is not None:
        raise NotColumnar from stream.failure


_READ = pcsv.ReadOptions(autogenerate_column_names=True, use_threads=False, block_size=BLOCK_BYTES)
_PARSE = pcsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False)


def _check_head(head: str, max_columns: int) -> None:
    """Refuse before Arrow sees it: a leading BOM (Arrow would drop it, the csv module keeps
    it) and a header line with more commas than the column limit (Arrow would build them)."""
    if head.startswith("\ufeff"):
        raise NotColumnar
    first = head
    for end in _LINE_ENDS:
        first = first.split(end, 1)[0]
    if first.count(",") >= max_columns:
        raise NotColumnar


class _Utf8Stream(io.RawIOBase):
    """The file decoded strictly and given to Arrow as UTF-8.

    A failure (a byte the encoding refuses, an unsafe archive member) is kept and said as the
    end of the file: an exception raised inside Arrow's read would abort the interpreter.
    """

    def __init__(self, binary: IO[bytes], encoding: str) -> None:
        super().__init__()
        self._binary = binary
        self._decoder = codecs.getincrementaldecoder(encoding)("strict")
        self._buffer = b""
        self._ended = False
        self.failure: BaseException | None = None

    def readable(self) -> bool:
        return True

    def head(self) -> str:
        """The first decoded text, for checks before Arrow reads."""
        self._fill(1)
        return self._buffer.decode("utf-8")

    def read(self, size: int = -1) -> bytes:
        self._fill(size)
        if size < 0:
            size = len(self._buffer)
        out, self._buffer = self._buffer[:size], self._buffer[size:]
        return out

    def _fill(self, size: int) -> None:
        while not self._ended and (size < 0 or len(self._buffer) < size):
            try:
                raw = self._binary.read(_READ_BYTES)
                text = self._decoder.decode(raw, final=not raw)
            except Exception as error:  # said after Arrow returns, never inside it
                self.failure, self._ended = error, True
                return
            self._buffer += text.encode("utf-8")
            self._ended = not raw
