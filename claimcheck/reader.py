"""Input → documents: files or stdin, decoding, size limits, clear errors.

Bytes are decoded as UTF-8 (a BOM is honoured); with ``--encoding`` another
codec is used. Binary input (NUL bytes or mostly control characters) and
undecodable text are refused with a message that says what to do, never with a
traceback.
"""

from __future__ import annotations

import codecs
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from claimcheck.errors import InputError

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
MESSAGES = {
    "empty": "{source}: input is empty: nothing to check",
    "binary": "{source}: looks like binary data (NUL or control bytes at offset {offset}), not text",
    "decode": "{source}: not valid {encoding} at byte {offset}; pass --encoding (e.g. latin-1) if the text uses another encoding",
    "too_big": "{source}: input is {size} bytes, over the {limit}-byte limit; split it or use 'claimcheck scan'",
    "missing": "{source}: no such file",
    "unreadable": "{source}: cannot be read: {reason}",
    "encoding": "unknown encoding {encoding!r}",
}


@dataclass(frozen=True, slots=True)
class Document:
    """One text to check, with where it came from."""

    source: str
    text: str
    line: int | None = None


def _looks_binary(data: bytes) -> int | None:
    """Offset of the first sign of binary data, or None."""
    sample = data[:8192]
    nul = sample.find(b"\x00")
    if nul >= 0:
        return nul
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    if sample and controls / len(sample) > 0.1:
        return next(i for i, b in enumerate(sample) if b < 32 and b not in (9, 10, 12, 13, 27))
    return None


def decode(data: bytes, source: str, encoding: str = "utf-8") -> str:
    """Decode bytes to text, or raise :class:`InputError` saying why not."""
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(MESSAGES["encoding"].format(encoding=encoding)) from None
    offset = _looks_binary(data)
    if offset is not None:
        raise InputError(MESSAGES["binary"].format(source=source, offset=offset))
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8") and data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(MESSAGES["decode"].format(source=source, encoding=encoding, offset=exc.start)) from None


def _read_stream(stream: BinaryIO, source: str, limit: int) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(MESSAGES["too_big"].format(source=source, size=f"over {limit}", limit=limit))
    return data


def read_documents(paths: tuple[str, ...], *, encoding: str = "utf-8", limit: int = MAX_DOCUMENT_BYTES) -> Iterator[Document]:
    """One document per file (``-`` or nothing means stdin)."""
    for name in paths or ("-",):
        if name == "-":
            data = _read_stream(sys.stdin.buffer, "<stdin>", limit)
            source = "<stdin>"
        else:
            path = Path(name)
            source = name
            if not path.exists():
                raise InputError(MESSAGES["missing"].format(source=name))
            try:
                with path.open("rb") as handle:
                    data = _read_stream(handle, name, limit)
            except OSError as exc:
                raise InputError(MESSAGES["unreadable"].format(source=name, reason=exc.strerror or exc)) from None
        if not data.strip():
            raise InputError(MESSAGES["empty"].format(source=source))
        yield Document(source=source, text=decode(data, source, encoding))


def read_lines(stream: BinaryIO, *, encoding: str = "utf-8", limit: int = MAX_DOCUMENT_BYTES) -> Iterator[Document | InputError]:
    """Each line of a stream as a document, as it arrives; a bad line yields an error instead."""
    number = 0
    while True:
        raw = stream.readline(limit + 1)
        if not raw:
            return
        number += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of the over-long line
                raw = stream.readline(limit + 1)
            yield InputError(MESSAGES["too_big"].format(source=f"<stdin>:{number}", size=f"over {limit}", limit=limit))
            continue
        try:
            text = decode(raw.rstrip(b"\r\n"), f"<stdin>:{number}", encoding)
        except InputError as exc:
            yield exc
            continue
        yield Document(source="<stdin>", text=text, line=number)
