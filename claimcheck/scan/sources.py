"""Find the inputs of a scan and open them as decompressed byte streams.

Inputs are files, glob patterns, directories (walked recursively) or ``-`` for
stdin. Paths with a URL scheme (``s3://…``, ``file://…``) go through fsspec
when it is installed. Compression (gzip, bz2, xz, zstd) is recognised by its
magic bytes, so a misnamed file still opens; the extension only decides the
record format.
"""

from __future__ import annotations

import bz2
import glob
import gzip
import io
import lzma
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from claimcheck.errors import InputError
from claimcheck.scan.options import FORMATS

STDIN = "-"
STDIN_NAME = "<stdin>"

MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bz2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
)
COMPRESSION_EXTENSIONS: dict[str, str] = {
    ".gz": "gzip",
    ".gzip": "gzip",
    ".bz2": "bz2",
    ".xz": "xz",
    ".lzma": "xz",
    ".zst": "zstd",
    ".zstd": "zstd",
}
FORMAT_EXTENSIONS: dict[str, str] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".txt": "text",
    ".text": "text",
}


@dataclass(frozen=True, slots=True)
class Input:
    """One input stream.

    Attributes:
        path: Path or URL as opened; ``-`` for stdin.
        name: Name written into findings and errors (the path as given).
        format: ``jsonl``, ``csv``, ``tsv`` or ``text``.
        size: Size on disk in bytes (compressed size), if known.
        compression: ``gzip``/``bz2``/``xz``/``zstd`` from the extension, or None
            (the magic bytes decide when the stream is opened).
    """

    path: str
    name: str
    format: str
    size: int | None
    compression: str | None

    @property
    def is_stdin(self) -> bool:
        return self.path == STDIN

    @property
    def is_url(self) -> bool:
        return "://" in self.path


def split_extensions(path: str) -> tuple[str | None, str | None]:
    """Return ``(format, compression)`` guessed from a file name."""
    base = path.rstrip("/").rsplit("/", 1)[-1].lower()
    stem, ext = os.path.splitext(base)
    compression = COMPRESSION_EXTENSIONS.get(ext)
    if compression:
        stem, ext = os.path.splitext(stem)
    return FORMAT_EXTENSIONS.get(ext), compression


def expand_inputs(args: Sequence[str], fmt: str = "auto") -> list[Input]:
    """Turn command-line arguments into an ordered, de-duplicated input list.

    Arguments keep their order; a glob or directory expands to its files sorted
    by path. In a directory only files with a known extension are taken unless
    ``fmt`` names the format; hidden files are skipped.

    Raises:
        InputError: An argument matches nothing or cannot be read.
    """
    if fmt != "auto" and fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose from auto, {', '.join(FORMATS)}")
    seen: set[str] = set()
    inputs: list[Input] = []
    for arg in args:
        if arg == STDIN:
            if STDIN in seen:
                raise InputError("'-' (stdin) given more than once")
            seen.add(STDIN)
            inputs.append(Input(STDIN, STDIN_NAME, fmt if fmt != "auto" else "", None, None))
            continue
        for path, size in _expand_one(arg, explicit_format=fmt != "auto"):
            if path in seen:
                continue
            seen.add(path)
            guessed, compression = split_extensions(path)
            chosen = fmt if fmt != "auto" else (guessed or "")
            inputs.append(Input(path, path, chosen, size, compression))
    if not inputs:
        raise InputError("no input files")
    return inputs


def _expand_one(arg: str, *, explicit_format: bool) -> list[tuple[str, int | None]]:
    if "://" in arg:
        return _expand_url(arg, explicit_format=explicit_format)
    if os.path.isdir(arg):
        found = []
        for root, dirs, files in os.walk(arg):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for file in sorted(files):
                if file.startswith("."):
                    continue
                if not explicit_format and split_extensions(file)[0] is None:
                    continue
                path = os.path.join(root, file)
                found.append((path, os.path.getsize(path)))
        if not found:
            raise InputError(
                f"directory {arg!r} holds no input files (.jsonl, .csv, .tsv, .txt, optionally compressed)"
            )
        return sorted(found)
    if os.path.exists(arg):
        if not os.access(arg, os.R_OK):
            raise InputError(f"cannot read {arg!r}: permission denied")
        return [(arg, os.path.getsize(arg))]
    if glob.has_magic(arg):
        matches = sorted(p for p in glob.glob(arg, recursive=True) if os.path.isfile(p))
        if not matches:
            raise InputError(f"no file matches {arg!r}")
        return [(p, os.path.getsize(p)) for p in matches]
    raise InputError(f"no such file: {arg!r}")


def _expand_url(arg: str, *, explicit_format: bool) -> list[tuple[str, int | None]]:
    try:
        import fsspec
    except ImportError as exc:
        raise InputError(f"{arg!r} is a URL; reading URLs needs fsspec (pip install fsspec)") from exc
    try:
        fs, _, paths = fsspec.get_fs_token_paths(arg)
    except Exception as exc:  # fsspec raises many kinds for bad URLs
        raise InputError(f"cannot open {arg!r}: {exc}") from exc
    protocol = fs.protocol[0] if isinstance(fs.protocol, tuple) else fs.protocol
    found: list[tuple[str, int | None]] = []
    for path in paths:
        if fs.isdir(path):
            for sub in sorted(fs.find(path)):
                if explicit_format or split_extensions(sub)[0] is not None:
                    found.append((f"{protocol}://{sub}", fs.size(sub)))
        elif fs.exists(path):
            found.append((f"{protocol}://{path}", fs.size(path)))
    if not found:
        raise InputError(f"no file matches {arg!r}")
    return found


class CountingReader(io.RawIOBase):
    """Counts the bytes read from an underlying stream (progress in raw bytes).

    Args:
        raw: The underlying binary stream.
        prefix: Bytes already read from ``raw`` (magic-byte sniffing on a pipe)
            that must come first.
    """

    def __init__(self, raw: Any, prefix: bytes = b"") -> None:
        self._raw = raw
        self._prefix = prefix
        self.count = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return not self._prefix and self._raw is not sys.stdin.buffer and self._raw.seekable()

    def seek(self, pos: int, whence: int = 0) -> int:
        if not self.seekable():
            raise io.UnsupportedOperation("seek")
        return self._raw.seek(pos, whence)

    def tell(self) -> int:
        return self._raw.tell() if self.seekable() else self.count

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._prefix:
            n = min(len(view), len(self._prefix))
            view[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            self.count += n
            return n
        data = self._raw.read(len(view))
        n = len(data)
        view[:n] = data
        self.count += n
        return n

    def close(self) -> None:
        if self._raw is not sys.stdin.buffer:
            self._raw.close()
        super().close()


def open_raw(path: str) -> Any:
    """Open a path, URL or stdin for binary reading (no decompression)."""
    if path == STDIN:
        return sys.stdin.buffer
    if "://" in path:
        import fsspec

        return fsspec.open(path, "rb").open()
    return open(path, "rb", buffering=0)


def detect_compression(head: bytes) -> str | None:
    """Name the compression whose magic bytes start ``head``, if any."""
    for magic, name in MAGIC:
        if head.startswith(magic):
            return name
    return None


def _read_head(raw: Any, n: int = 6) -> bytes:
    head = b""
    while len(head) < n:
        chunk = raw.read(n - len(head))
        if not chunk:
            break
        head += chunk
    return head


@dataclass(slots=True)
class OpenStream:
    """A decompressed stream plus a counter of the raw bytes consumed."""

    stream: BinaryIO
    counter: CountingReader
    compression: str | None
    seekable: bool

    def close(self) -> None:
        try:
            self.stream.close()
        finally:
            self.counter.close()


def open_stream(path: str, offset: int = 0) -> OpenStream:
    """Open ``path`` decompressed, positioned at decompressed byte ``offset``.

    Uncompressed files seek; compressed streams and stdin are read and
    discarded up to ``offset`` (used by --resume).

    Raises:
        OSError: The file cannot be opened or read.
    """
    raw = open_raw(path)
    try:
        seekable = path != STDIN and raw.seekable()
        if seekable:
            head = raw.read(6)
            raw.seek(0)
            counter = CountingReader(raw)
        else:
            head = _read_head(raw)
            counter = CountingReader(raw, prefix=head)
        compression = detect_compression(head)
        if compression is None and seekable and offset:
            raw.seek(offset)
            counter.count = offset
            return OpenStream(io.BufferedReader(counter, 1 << 20), counter, None, True)
        buffered = io.BufferedReader(counter, 1 << 20)
        opened = OpenStream(
            _decompressor(buffered, compression), counter, compression, compression is None and seekable
        )
    except BaseException:
        if raw is not sys.stdin.buffer:
            raw.close()
        raise
    try:
        _discard(opened.stream, offset)
    except BaseException:
        opened.close()
        raise
    return opened


def sniff_format(path: str) -> str:
    """``jsonl`` if the (decompressed) input starts with ``{`` or ``[``, else ``text``.

    Raises:
        OSError: The input cannot be read.
    """
    opened = open_stream(path)
    try:
        head = opened.stream.read(4096)
    finally:
        opened.close()
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    return "jsonl" if head[:1] in (b"{", b"[") else "text"


def resolve_formats(inputs: list[Input]) -> list[Input]:
    """Sniff the format of every input (except stdin) whose extension did not tell it.

    Raises:
        InputError: An input cannot be read.
    """
    resolved = []
    for item in inputs:
        if not item.format and not item.is_stdin:
            try:
                item = Input(item.path, item.name, sniff_format(item.path), item.size, item.compression)
            except OSError as exc:
                raise InputError(f"cannot read {item.name!r}: {exc}") from exc
        resolved.append(item)
    return resolved


def _decompressor(buffered: Any, compression: str | None) -> Any:
    if compression is None:
        return buffered
    if compression == "gzip":
        return gzip.GzipFile(fileobj=buffered, mode="rb")
    if compression == "bz2":
        return bz2.BZ2File(buffered, mode="rb")
    if compression == "xz":
        return lzma.LZMAFile(buffered, mode="rb")
    import zstandard

    return io.BufferedReader(
        zstandard.ZstdDecompressor().stream_reader(buffered, read_across_frames=True), 1 << 20
    )


def _discard(stream: Any, n: int) -> None:
    while n > 0:
        chunk = stream.read(min(n, 1 << 22))
        if not chunk:
            raise OSError(f"input ended {n} bytes before the checkpoint offset; was it changed?")
        n -= len(chunk)


def total_size(inputs: Iterable[Input]) -> int | None:
    """Sum of the input sizes, or None if any is unknown (stdin)."""
    total = 0
    for item in inputs:
        if item.size is None:
            return None
        total += item.size
    return total
