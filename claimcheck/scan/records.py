"""Parse the raw bytes of a batch into posts (or rejections with a reason).

Formats: JSON Lines (fields by name or dotted path), CSV and TSV (columns by
header name), plain text (one post per line, or blank-line separated posts).
Blank lines are separators, not records.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from claimcheck.scan.batches import Batch
from claimcheck.scan.options import ScanOptions

csv.field_size_limit(sys.maxsize)

EXCERPT_CHARS = 120
_MISSING = object()
_SURROGATE = re.compile("[\udc80-\udcff]")


@dataclass(slots=True)
class Record:
    """One input record: a post, or a rejection.

    Attributes:
        line: 1-based line number where the record starts.
        offset: Decompressed byte offset where the record starts.
        post_id: Value of the id field (None if absent).
        text: Post text; None for a rejected record.
        time: Raw value of the time field (None if absent).
        code: Rejection code (``broken_json``, ``not_an_object``,
            ``missing_text``, ``bad_text``, ``undecodable``, ``too_long``,
            ``bad_row``); None for a post.
        reason: Human-readable rejection reason.
        excerpt: The start of a rejected record, for finding it by eye.
    """

    line: int
    offset: int
    post_id: Any = None
    text: str | None = None
    time: Any = None
    code: str | None = None
    reason: str | None = None
    excerpt: str | None = None


class FieldPath:
    """A field name or dotted path (``data.selftext``, ``replies.0.body``).

    A key that itself contains dots wins over the path reading.
    """

    __slots__ = ("parts", "spec")

    def __init__(self, spec: str) -> None:
        self.spec = spec
        self.parts = tuple(spec.split("."))

    def get(self, obj: dict[str, Any]) -> Any:
        """The value at this path, or the module's ``_MISSING`` sentinel."""
        value = obj.get(self.spec, _MISSING)
        if value is not _MISSING or len(self.parts) == 1:
            return value
        current: Any = obj
        for part in self.parts:
            if isinstance(current, dict):
                current = current.get(part, _MISSING)
            elif isinstance(current, list) and part.lstrip("-").isdigit():
                index = int(part)
                current = current[index] if -len(current) <= index < len(current) else _MISSING
            else:
                return _MISSING
            if current is _MISSING:
                return _MISSING
        return current


def _type_name(value: Any) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", dict: "an object", list: "a list"}.get(
        type(value), type(value).__name__
    )


def _excerpt(raw: bytes | str) -> str:
    if isinstance(raw, bytes):
        raw = raw[: EXCERPT_CHARS * 4].decode("utf-8", errors="replace")
    return raw[:EXCERPT_CHARS]


def _too_long(size: int, limit: int) -> str:
    return f"record of {size:,} bytes is longer than --max-record-bytes {limit:,}"


def _undecodable(exc: UnicodeDecodeError) -> str:
    return f"undecodable bytes: not UTF-8 ({exc.reason} at byte {exc.start})"


def header_problem(header: Sequence[str], options: ScanOptions) -> str | None:
    """Why a CSV/TSV header cannot serve the options (no text column), or None."""
    if any(name in header for name in options.text_fields):
        return None
    names = ", ".join(repr(name) for name in options.text_fields)
    columns = ", ".join(repr(name) for name in header[:20])
    return f"no column named {names} in the header (columns: {columns})"


class RecordParser:
    """Turns batches into :class:`Record` objects according to the options."""

    def __init__(self, options: ScanOptions) -> None:
        self.options = options
        self.text_paths = tuple(FieldPath(f) for f in options.text_fields)
        self.id_path = FieldPath(options.id_field) if options.id_field else None
        self.time_path = FieldPath(options.time_field) if options.time_field else None
        self.limit = options.max_record_bytes
        self._column_cache: dict[tuple[str, ...], tuple[list[int], int | None, int | None]] = {}

    def parse(self, batch: Batch) -> Iterator[Record]:
        """Yield the records of a batch in input order."""
        if batch.oversize:
            yield Record(
                batch.first_line, batch.offset, code="too_long", reason=_too_long(batch.oversize, self.limit)
            )
            return
        if batch.format == "jsonl":
            yield from self._jsonl(batch)
        elif batch.format == "csv":
            yield from self._csv(batch)
        elif batch.format == "tsv":
            yield from self._tsv(batch)
        elif batch.paragraphs:
            yield from self._paragraphs(batch)
        else:
            yield from self._lines(batch)

    # -- JSON Lines ----------------------------------------------------------------

    def _jsonl(self, batch: Batch) -> Iterator[Record]:
        line = batch.first_line
        offset = batch.offset
        limit = self.limit
        loads = orjson.loads
        for raw in batch.data.split(b"\n"):
            size = len(raw) + 1
            if raw and not raw.isspace():
                if len(raw) > limit:
                    yield Record(
                        line,
                        offset,
                        code="too_long",
                        reason=_too_long(len(raw), limit),
                        excerpt=_excerpt(raw),
                    )
                else:
                    try:
                        obj = loads(raw)
                    except orjson.JSONDecodeError as exc:
                        yield self._json_error(line, offset, raw, exc)
                    else:
                        if isinstance(obj, dict):
                            yield self._from_mapping(line, offset, obj, raw)
                        else:
                            yield Record(
                                line,
                                offset,
                                code="not_an_object",
                                reason=f"not a JSON object ({_type_name(obj)})",
                                excerpt=_excerpt(raw),
                            )
            line += 1
            offset += size

    @staticmethod
    def _json_error(line: int, offset: int, raw: bytes, exc: Exception) -> Record:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as decode_error:
            return Record(
                line, offset, code="undecodable", reason=_undecodable(decode_error), excerpt=_excerpt(raw)
            )
        return Record(line, offset, code="broken_json", reason=f"broken JSON: {exc}", excerpt=_excerpt(raw))

    def _from_mapping(self, line: int, offset: int, obj: dict[str, Any], raw: bytes | str) -> Record:
        post_id = None
        if self.id_path is not None:
            post_id = self.id_path.get(obj)
            if post_id is _MISSING:
                post_id = None
        time = None
        if self.time_path is not None:
            time = self.time_path.get(obj)
            if time is _MISSING:
                time = None
        parts: list[str] = []
        found = False
        for path in self.text_paths:
            value = path.get(obj)
            if value is _MISSING or value is None:
                continue
            found = True
            if not isinstance(value, str):
                return Record(
                    line,
                    offset,
                    post_id,
                    code="bad_text",
                    reason=f"text field {path.spec!r} is {_type_name(value)}, not a string",
                    excerpt=_excerpt(raw),
                )
            if value:
                parts.append(value)
        if not found:
            names = ", ".join(repr(p.spec) for p in self.text_paths)
            plural = "s" if len(self.text_paths) > 1 else ""
            return Record(
                line,
                offset,
                post_id,
                code="missing_text",
                reason=f"missing text field{plural} {names}",
                excerpt=_excerpt(raw),
            )
        text = parts[0] if len(parts) == 1 else "\n\n".join(parts)
        return Record(line, offset, post_id, text, time)

    # -- CSV / TSV -----------------------------------------------------------------

    def _columns(self, header: tuple[str, ...]) -> tuple[list[int], int | None, int | None]:
        cached = self._column_cache.get(header)
        if cached is None:
            index = {name: i for i, name in enumerate(header)}
            text_cols = [index[p.spec] for p in self.text_paths if p.spec in index]
            id_col = index.get(self.id_path.spec) if self.id_path else None
            time_col = index.get(self.time_path.spec) if self.time_path else None
            cached = self._column_cache[header] = (text_cols, id_col, time_col)
        return cached

    def _row(self, line: int, offset: int, row: Sequence[str], header: tuple[str, ...], raw: str) -> Record:
        if len(raw) * 4 > self.limit:
            size = len(raw.encode("utf-8", errors="surrogateescape"))
            if size > self.limit:
                return Record(
                    line, offset, code="too_long", reason=_too_long(size, self.limit), excerpt=_excerpt(raw)
                )
        if _SURROGATE.search(raw):
            try:
                raw.encode("utf-8", errors="surrogateescape").decode("utf-8")
            except UnicodeDecodeError as exc:
                return Record(
                    line, offset, code="undecodable", reason=_undecodable(exc), excerpt=_excerpt(raw)
                )
        if len(row) != len(header):
            return Record(
                line,
                offset,
                code="bad_row",
                reason=f"row has {len(row)} fields, the header has {len(header)}",
                excerpt=_excerpt(raw),
            )
        text_cols, id_col, time_col = self._columns(header)
        if not text_cols:
            problem = header_problem(header, self.options) or "no text column"
            return Record(line, offset, code="missing_text", reason=problem, excerpt=_excerpt(raw))
        post_id = row[id_col] if id_col is not None else None
        time = row[time_col] if time_col is not None else None
        parts = [row[i] for i in text_cols if row[i]]
        text = parts[0] if len(parts) == 1 else "\n\n".join(parts)
        return Record(line, offset, post_id, text, time)

    def _csv(self, batch: Batch) -> Iterator[Record]:
        header = batch.header or ()
        text = batch.data.decode("utf-8", errors="surrogateescape")
        physical = [part + "\n" for part in text.split("\n")]
        if text.endswith("\n"):
            physical.pop()
        lines = _LineIndex(batch.data)
        reader = csv.reader(iter(physical))
        consumed = 0
        while True:
            start = consumed
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                consumed = max(reader.line_num, start + 1)
                raw = "".join(physical[start:consumed])
                yield Record(
                    batch.first_line + start,
                    lines.offset(batch.offset, start),
                    code="bad_row",
                    reason=f"broken CSV: {exc}",
                    excerpt=_excerpt(raw),
                )
                continue
            consumed = reader.line_num
            if consumed - start == 1 and not physical[start].strip():
                continue  # blank line
            raw = "".join(physical[start:consumed])
            yield self._row(batch.first_line + start, lines.offset(batch.offset, start), row, header, raw)

    def _tsv(self, batch: Batch) -> Iterator[Record]:
        header = batch.header or ()
        line = batch.first_line
        offset = batch.offset
        for raw in batch.data.split(b"\n"):
            size = len(raw) + 1
            if raw and not raw.isspace():
                text = raw.decode("utf-8", errors="surrogateescape").rstrip("\r")
                yield self._row(line, offset, text.split("\t"), header, text)
            line += 1
            offset += size

    # -- plain text ------------------------------------------------------------------

    def _text_record(self, line: int, offset: int, raw: bytes) -> Record:
        if len(raw) > self.limit:
            return Record(
                line, offset, code="too_long", reason=_too_long(len(raw), self.limit), excerpt=_excerpt(raw)
            )
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            return Record(line, offset, code="undecodable", reason=_undecodable(exc), excerpt=_excerpt(raw))
        return Record(line, offset, None, text.replace("\r\n", "\n").rstrip("\r"))

    def _lines(self, batch: Batch) -> Iterator[Record]:
        line = batch.first_line
        offset = batch.offset
        for raw in batch.data.split(b"\n"):
            if raw and not raw.isspace():
                yield self._text_record(line, offset, raw.rstrip(b"\r"))
            line += 1
            offset += len(raw) + 1

    def _paragraphs(self, batch: Batch) -> Iterator[Record]:
        line = batch.first_line
        offset = batch.offset
        start_line = start_offset = 0
        chunk: list[bytes] = []
        for raw in batch.data.split(b"\n"):
            if raw and not raw.isspace():
                if not chunk:
                    start_line, start_offset = line, offset
                chunk.append(raw.rstrip(b"\r"))
            elif chunk:
                yield self._text_record(start_line, start_offset, b"\n".join(chunk))
                chunk = []
            line += 1
            offset += len(raw) + 1
        if chunk:
            yield self._text_record(start_line, start_offset, b"\n".join(chunk))


class _LineIndex:
    """Byte offsets of the lines of a batch, built on first use."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._starts: list[int] | None = None

    def offset(self, base: int, line_index: int) -> int:
        if line_index == 0:
            return base
        if self._starts is None:
            self._starts = [m.end() for m in re.finditer(rb"\n", self._data)]
        return base + self._starts[min(line_index, len(self._starts)) - 1]
