"""Cut a decompressed byte stream into raw batches that end on record boundaries.

The main process only looks for boundaries (a newline; a blank line for
paragraph text; a newline outside quotes for CSV) and counts lines, so it stays
cheap; the workers parse. A record longer than ``max_record_bytes`` is never
held in memory: it is skipped and handed on as an *oversize* batch, which the
worker turns into one rejection.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

READ_SIZE = 1 << 20
BOM = b"\xef\xbb\xbf"
HEADER_LIMIT = 1 << 20


@dataclass(slots=True)
class Batch:
    """Raw bytes holding whole records of one input.

    Attributes:
        input_index: Index of the input in the scan's input list.
        name: Input name written into findings and errors.
        format: ``jsonl``, ``csv``, ``tsv`` or ``text``.
        first_line: 1-based line number of ``data[0]``.
        offset: Decompressed byte offset of ``data[0]``.
        data: Whole records, each ending with its terminator (the last one of
            an input may not).
        end_line: Line number just after the batch.
        end_offset: Offset just after the batch (the resume point).
        raw_position: Raw (compressed) bytes read from the input so far.
        header: CSV/TSV column names.
        paragraphs: Plain text with blank-line separated posts.
        oversize: If non-zero, ``data`` is empty and the batch stands for one
            record of this many bytes, skipped as too long.
        failure: If set, the input could not be read past ``offset``.
        seq: Position of the batch in the scan, set by the engine.
    """

    input_index: int
    name: str
    format: str
    first_line: int
    offset: int
    data: bytes
    end_line: int
    end_offset: int
    raw_position: int = 0
    header: tuple[str, ...] | None = None
    paragraphs: bool = False
    oversize: int = 0
    failure: str | None = None
    seq: int = 0


class Splitter:
    """Record boundaries of line-based formats (JSON Lines, text, TSV)."""

    def last_cut(self, buf: bytes) -> int:
        """Index just past the last complete record in ``buf`` (0 if none)."""
        return buf.rfind(b"\n") + 1

    def skip(self, buf: bytes, state: Any) -> tuple[int, Any]:
        """Look for the end of a record that is being skipped.

        Args:
            buf: The next bytes of the record.
            state: Carried between calls; None for the first bytes of the record.

        Returns:
            ``(index just past the record's end, or -1; the new state)``.
        """
        return (buf.find(b"\n") + 1) or -1, state


class ParagraphSplitter(Splitter):
    """Posts separated by one or more blank (whitespace-only) lines."""

    BLANK_LINE = re.compile(rb"\n[ \t\r\f\v]*\n")

    def last_cut(self, buf: bytes) -> int:
        end = buf.rfind(b"\n")
        while end >= 0:
            start = buf.rfind(b"\n", 0, end)
            if start < 0:
                return 0  # a blank first line only ends the paragraph before this buffer
            if not buf[start + 1 : end].strip():
                return end + 1
            end = start
        return 0

    def skip(self, buf: bytes, state: Any) -> tuple[int, Any]:
        tail = state or b""  # a trailing "\n" plus a blank-so-far line from the previous call
        data = tail + buf
        match = self.BLANK_LINE.search(data)
        if match:
            return match.end() - len(tail), None
        last = data.rfind(b"\n")
        if last >= 0 and not data[last + 1 :].strip():
            return -1, data[last:]
        return -1, None


class CsvSplitter(Splitter):
    """RFC 4180 CSV: a newline ends a record only outside double quotes.

    Escaped quotes are doubled, so a newline ends a record exactly when the
    number of quotes before it (since a record boundary) is even.
    """

    def last_cut(self, buf: bytes) -> int:
        total = buf.count(b'"')
        quotes_after = 0
        end = len(buf)
        while True:
            pos = buf.rfind(b"\n", 0, end)
            if pos < 0:
                return 0
            quotes_after += buf.count(b'"', pos, end)
            if (total - quotes_after) % 2 == 0:
                return pos + 1
            end = pos

    def skip(self, buf: bytes, state: Any) -> tuple[int, Any]:
        parity = state or 0
        start = 0
        while True:
            pos = buf.find(b"\n", start)
            if pos < 0:
                return -1, (parity + buf.count(b'"', start)) % 2
            parity = (parity + buf.count(b'"', start, pos)) % 2
            if parity == 0:
                return pos + 1, None
            start = pos + 1


def splitter_for(fmt: str, paragraphs: bool) -> Splitter:
    """The boundary finder for a record format."""
    if fmt == "csv":
        return CsvSplitter()
    if fmt == "text" and paragraphs:
        return ParagraphSplitter()
    return Splitter()


def splittable_by_bytes(fmt: str, paragraphs: bool) -> bool:
    """Whether a plain file of this format may be split at any newline."""
    return fmt in ("jsonl", "tsv") or (fmt == "text" and not paragraphs)


def parse_header(raw: bytes, fmt: str) -> tuple[str, ...]:
    """Column names from a CSV/TSV header record.

    Raises:
        ValueError: The header is empty or not UTF-8.
    """
    try:
        text = raw.removeprefix(BOM).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"header is not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    if not text.strip():
        raise ValueError("no header line")
    if fmt == "tsv":
        row = text.rstrip("\r\n").split("\t")
    else:
        row = next(csv.reader(io.StringIO(text, newline="")), [])
    return tuple(col.strip() for col in row)


class BatchReader:
    """Reads one decompressed stream and yields its batches in order.

    Args:
        stream: Decompressed binary stream, positioned at ``offset``.
        input_index: Index of the input (copied into each batch).
        name: Input name (copied into each batch).
        fmt: Record format; ``""`` means sniff JSON Lines or text.
        batch_bytes: Approximate batch size.
        max_record_bytes: Longer records are skipped as oversize batches.
        paragraphs: Plain text posts are separated by blank lines.
        offset: Decompressed offset of the stream position.
        line: Line number at the stream position.
        stop_offset: Records starting at or after this offset belong to the
            next byte-range partition and are not read.
        header: CSV/TSV header when not starting at the beginning of the file.
        counter: Object whose ``count`` is the raw bytes read so far.
        read_size: Bytes asked of the stream per read.
    """

    def __init__(
        self,
        stream: Any,
        *,
        input_index: int,
        name: str,
        fmt: str,
        batch_bytes: int,
        max_record_bytes: int,
        paragraphs: bool = False,
        offset: int = 0,
        line: int = 1,
        stop_offset: int | None = None,
        header: tuple[str, ...] | None = None,
        counter: Any = None,
        read_size: int = READ_SIZE,
    ) -> None:
        self.stream = stream
        self.read_size = read_size
        self.input_index = input_index
        self.name = name
        self.format = fmt
        self.paragraphs = paragraphs
        self.batch_bytes = max(batch_bytes, 1)
        self.max_record_bytes = max_record_bytes
        self.offset = offset
        self.line = line
        self.stop_offset = stop_offset
        self.header = header
        self.counter = counter
        self.buf = b""
        self.eof = False
        self.failure: str | None = None
        self.splitter = splitter_for(fmt, paragraphs)

    # -- reading -----------------------------------------------------------------

    def _fill(self) -> bool:
        """Append one read to the buffer; False at the end of the stream."""
        if self.eof:
            return False
        try:
            chunk = self.stream.read(self.read_size)
        except (OSError, EOFError, ValueError) as exc:  # corrupt or truncated compressed data
            self.failure = f"unreadable input: {type(exc).__name__}: {exc}"
            chunk = b""
        if not chunk:
            self.eof = True
            return False
        self.buf += chunk
        return True

    def _take(self, n: int) -> bytes:
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def prepare(self) -> None:
        """At the start of a file: drop a BOM, sniff the format, read the header.

        Raises:
            ValueError: A CSV/TSV header is missing or unreadable.
        """
        if self.offset == 0:
            while len(self.buf) < 4096 and self._fill():
                pass
            if self.buf.startswith(BOM):
                self._take(len(BOM))
                self.offset = len(BOM)
            if not self.format:
                head = self.buf.lstrip()
                self.format = "jsonl" if head[:1] in (b"{", b"[") else "text"
                self.splitter = splitter_for(self.format, self.paragraphs)
        if self.format in ("csv", "tsv") and self.header is None:
            end, _ = self.splitter.skip(self.buf, None)
            while end < 0 and len(self.buf) <= HEADER_LIMIT and self._fill():
                end, _ = self.splitter.skip(self.buf, None)
            if not self.buf.strip() and self.eof:
                return  # an empty file: no header, no records
            if end < 0:
                if len(self.buf) > HEADER_LIMIT:
                    raise ValueError("header line longer than 1 MiB")
                end = len(self.buf)
            raw = self._take(end)
            self.header = parse_header(raw, self.format)
            self.offset += len(raw)
            self.line += raw.count(b"\n")

    def _batch(
        self, data: bytes, *, oversize: int = 0, lines: int | None = None, failure: str | None = None
    ) -> Batch:
        size = oversize or len(data)
        if lines is None:
            lines = data.count(b"\n")
        batch = Batch(
            input_index=self.input_index,
            name=self.name,
            format=self.format,
            first_line=self.line,
            offset=self.offset,
            data=data,
            end_line=self.line + lines,
            end_offset=self.offset + size,
            raw_position=self.counter.count if self.counter is not None else 0,
            header=self.header,
            paragraphs=self.paragraphs,
            oversize=oversize,
            failure=failure,
        )
        self.offset += size
        self.line += lines
        return batch

    def __iter__(self) -> Iterator[Batch]:
        while True:
            if self.stop_offset is not None and self.offset >= self.stop_offset:
                return
            while len(self.buf) < self.batch_bytes and self._fill():
                pass
            if not self.buf:
                break
            cut = 0
            if len(self.buf) > self.batch_bytes:  # a read may bring far more than one batch (compressed inputs)
                cut = self.splitter.last_cut(self.buf[: self.batch_bytes])
            if cut == 0:
                cut = len(self.buf) if self.eof else self.splitter.last_cut(self.buf)
            last = False
            if self.stop_offset is not None:
                room = self.stop_offset - self.offset
                if room < len(self.buf) or self.eof:
                    end = self.buf.find(b"\n", max(room - 1, 0))
                    if end >= 0:
                        cut, last = end + 1, True
                    elif self.eof:
                        cut, last = len(self.buf), True
                    # else: the record holding the stop continues past the buffer;
                    # every complete record before it still starts before the stop
            if cut == 0:
                if len(self.buf) > self.max_record_bytes:
                    yield self._skip_record()
                else:
                    self._fill()
                continue
            yield self._batch(self._take(cut))
            if last:
                return
        if self.failure:
            yield self._batch(b"", failure=self.failure)

    def _skip_record(self) -> Batch:
        """Consume the over-long record at the start of the buffer."""
        size = 0
        lines = 0
        state = None
        while True:
            end, state = self.splitter.skip(self.buf, state)
            if end >= 0:
                size += end
                lines += self.buf.count(b"\n", 0, end)
                self.buf = self.buf[end:]
                break
            size += len(self.buf)
            lines += self.buf.count(b"\n")
            self.buf = b""
            if not self._fill():
                break
        return self._batch(b"", oversize=size, lines=lines)
