"""Finding inputs and opening them decompressed."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import sys

import pytest
import zstandard

from claimcheck.errors import InputError
from claimcheck.scan.sources import (
    expand_inputs,
    open_stream,
    resolve_formats,
    split_extensions,
)

DATA = b'{"text": "hello"}\n' * 1000

COMPRESSORS = {
    "gzip": gzip.compress,
    "bz2": bz2.compress,
    "xz": lzma.compress,
    "zstd": lambda b: zstandard.ZstdCompressor().compress(b),
}


@pytest.mark.parametrize("name", COMPRESSORS)
def test_sources_open_stream_by_magic_bytes_and_resume_offset(tmp_path, name):
    path = tmp_path / "posts.bin"
    path.write_bytes(COMPRESSORS[name](DATA))
    opened = open_stream(str(path))
    assert opened.compression == name
    assert opened.stream.read() == DATA
    opened.close()
    opened = open_stream(str(path), offset=1800)
    assert opened.stream.read() == DATA[1800:]
    assert opened.counter.count == path.stat().st_size
    opened.close()


def test_sources_zstd_multiple_frames(tmp_path):
    path = tmp_path / "posts.jsonl.zst"
    c = zstandard.ZstdCompressor()
    path.write_bytes(c.compress(DATA[:500]) + c.compress(DATA[500:]))
    opened = open_stream(str(path))
    assert opened.stream.read() == DATA
    opened.close()


def test_sources_plain_file_seeks(tmp_path):
    path = tmp_path / "posts.jsonl"
    path.write_bytes(DATA)
    opened = open_stream(str(path), offset=18)
    assert opened.seekable and opened.stream.read(18) == DATA[:18]
    opened.close()


def test_sources_stdin_with_compression(monkeypatch):
    fake_stdin = io.TextIOWrapper(io.BufferedReader(io.BytesIO(gzip.compress(DATA))))
    monkeypatch.setattr(sys, "stdin", fake_stdin)
    opened = open_stream("-")
    assert opened.compression == "gzip" and opened.stream.read() == DATA
    plain = io.TextIOWrapper(io.BufferedReader(io.BytesIO(DATA)))
    monkeypatch.setattr(sys, "stdin", plain)
    opened = open_stream("-", offset=20)  # --resume on stdin: the same data again, skipped up to the offset
    assert opened.compression is None and opened.stream.read() == DATA[20:]


@pytest.mark.parametrize(
    "name,expected",
    [
        ("a.jsonl", ("jsonl", None)),
        ("a.ndjson.zst", ("jsonl", "zstd")),
        ("A.CSV.GZ", ("csv", "gzip")),
        ("a.tsv.bz2", ("tsv", "bz2")),
        ("a.txt.xz", ("text", "xz")),
        ("a.dump", (None, None)),
    ],
)
def test_sources_split_extensions(name, expected):
    assert split_extensions(name) == expected


def test_sources_expand_inputs_order_dedup_and_errors(tmp_path):
    (tmp_path / "b.jsonl").write_bytes(DATA)
    (tmp_path / "a.csv").write_text("text\nx\n")
    (tmp_path / "c.unknown").write_bytes(b"plain text\n")
    items = expand_inputs([str(tmp_path / "b.jsonl"), str(tmp_path), str(tmp_path / "*.csv")])
    assert [i.name for i in items] == [str(tmp_path / "b.jsonl"), str(tmp_path / "a.csv")]
    assert [i.format for i in items] == ["jsonl", "csv"]
    assert items[0].size == len(DATA)
    [unknown] = resolve_formats(expand_inputs([str(tmp_path / "c.unknown")]))
    assert unknown.format == "text"
    [forced] = expand_inputs([str(tmp_path / "c.unknown")], fmt="jsonl")
    assert forced.format == "jsonl"
    [stdin] = expand_inputs(["-"])
    assert stdin.is_stdin and stdin.size is None
    with pytest.raises(InputError, match="no such file"):
        expand_inputs([str(tmp_path / "nope.jsonl")])
    with pytest.raises(InputError, match="no file matches"):
        expand_inputs([str(tmp_path / "*.nothing")])
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="holds no input files"):
        expand_inputs([str(empty)])
    with pytest.raises(InputError, match="more than once"):
        expand_inputs(["-", "-"])


def test_sources_file_urls_through_fsspec(tmp_path):
    pytest.importorskip("fsspec")
    (tmp_path / "x.jsonl").write_bytes(DATA)
    [item] = expand_inputs([f"file://{tmp_path}/x.jsonl"])
    assert item.is_url and item.size == len(DATA)
    opened = open_stream(item.path, offset=5)
    assert opened.stream.read() == DATA[5:]
    opened.close()
