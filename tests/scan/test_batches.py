"""Cutting streams into batches at record boundaries."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.scan.batches import (
    BatchReader,
    CsvSplitter,
    ParagraphSplitter,
    Splitter,
)


def batches(
    data: bytes, fmt: str = "jsonl", *, size: int = 64, limit: int = 1 << 20, paragraphs: bool = False, **kw
):
    reader = BatchReader(
        io.BytesIO(data),
        input_index=0,
        name="x",
        fmt=fmt,
        batch_bytes=size,
        max_record_bytes=limit,
        paragraphs=paragraphs,
        **kw,
    )
    reader.prepare()
    return reader, list(reader)


def check_contiguous(data: bytes, got, start_offset: int = 0) -> None:
    offset, line = start_offset, got[0].first_line if got else 1
    for batch in got:
        assert batch.offset == offset and batch.first_line == line
        size = batch.oversize or len(batch.data)
        if not batch.oversize:
            assert data[batch.offset : batch.offset + size] == batch.data
        offset, line = batch.end_offset, batch.end_line
        assert line == 1 + data[:offset].count(b"\n")
    assert offset == len(data)


@settings(max_examples=60, deadline=None)
@given(
    lines=st.lists(st.binary(max_size=40).map(lambda b: b.replace(b"\n", b"")), max_size=30),
    size=st.integers(1, 200),
    trailing=st.booleans(),
)
def test_batches_lines_cover_the_stream_at_line_ends(lines, size, trailing):
    data = b"\n".join(lines) + (b"\n" if trailing and lines else b"")
    _, got = batches(data, size=size, limit=10_000)
    check_contiguous(data, got, start_offset=3 if data.startswith(b"\xef\xbb\xbf") else 0)  # a BOM is skipped
    for batch in got[:-1]:
        assert batch.data.endswith(b"\n")


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.tuples(st.text(alphabet='ab,"\n\r', max_size=12), st.text(alphabet="xy \n", max_size=8)),
        max_size=25,
    ),
    size=st.integers(1, 120),
)
def test_batches_csv_never_cut_inside_quotes(rows, size):
    import csv

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)  # "\r\n" line ends: fields holding "\r" get quoted
    writer.writerow(["a", "b"])
    for row in rows:
        writer.writerow(row)
    data = buffer.getvalue().encode()
    reader, got = batches(data, "csv", size=size, limit=10_000)
    assert reader.header == ("a", "b")
    check_contiguous(data, got, start_offset=len(b"a,b\r\n"))
    parsed = []
    for batch in got:
        text = batch.data.decode()
        parsed.extend(csv.reader(line + "\n" for line in text.split("\n")[:-1]))
    assert parsed == [list(r) for r in rows]


def test_batches_paragraphs_cut_at_blank_lines():
    data = b"one\ntwo\n\n  \nthree\n\nfour\nfive\n"
    for size in range(1, 40):
        _, got = batches(data, "text", size=size, paragraphs=True)
        check_contiguous(data, got)
        for batch in got[:-1]:
            assert batch.data.endswith((b"\n\n", b"\n  \n")), (size, batch.data)


@pytest.mark.parametrize(
    "fmt,paragraphs,record",
    [
        ("jsonl", False, b'{"x": "' + b"y" * 5000 + b'"}\n'),
        ("text", True, (b"word " * 200 + b"\n") * 10 + b"\n"),
        ("csv", False, b'"' + b"a\n" * 20_000 + b'",b\n'),
    ],
    ids=["lines", "paragraphs", "csv-quoted-newlines"],
)
def test_batches_skip_over_long_records_without_holding_them(fmt, paragraphs, record):
    head = b"a,b\n" if fmt == "csv" else b""
    before, after = (b"1,2\n", b"3,4\n") if fmt == "csv" else (b"first\n\n", b"last\n")
    data = head + before + record + after
    _, got = batches(data, fmt, size=64, limit=1000, paragraphs=paragraphs, read_size=100)
    check_contiguous(data, got, start_offset=len(head))
    [skipped] = [b for b in got if b.oversize]
    assert skipped.oversize == len(record)
    assert skipped.offset == len(head + before)
    assert b"".join(b.data for b in got if not b.oversize) == before + after


def test_batches_stop_offset_owns_records_that_start_before_it():
    data = b"".join(b"record %03d\n" % i for i in range(50))
    for stop in (1, 11, 12, 13, 100, 549, 550):
        _, first = batches(data, size=32, stop_offset=stop)
        owned = b"".join(b.data for b in first)
        assert len(owned) >= min(stop, len(data)) and owned.endswith(b"\n")
        assert len(owned) - len(owned.rsplit(b"\n", 2)[-2]) - 1 < stop  # last record starts before stop


def test_batches_bom_and_sniffing():
    reader, got = batches(b'\xef\xbb\xbf{"a": 1}\n', "")
    assert reader.format == "jsonl"
    assert got[0].offset == 3 and got[0].data == b'{"a": 1}\n'
    reader, _ = batches(b"just text\n", "")
    assert reader.format == "text"


def test_batches_splitters_skip_across_reads():
    assert Splitter().skip(b"abc", None) == (-1, None)
    assert Splitter().skip(b"abc\ndef", None) == (4, None)
    end, state = ParagraphSplitter().skip(b"text\n  ", None)
    assert end == -1
    assert ParagraphSplitter().skip(b"\nmore", state)[0] == 1
    end, state = CsvSplitter().skip(b'"a\n', None)
    assert end == -1 and state == 1
    assert CsvSplitter().skip(b'b"\nnext\n', state)[0] == 3


def test_batches_keep_their_size_when_one_read_brings_much_more():
    lines = [b'{"id": %d, "body": "%s"}\n' % (i, b"x" * (i % 50)) for i in range(2000)]
    data = b"".join(lines)
    _, got = batches(data, size=2000, read_size=1 << 20)  # a decompressor hands over a whole megabyte at once
    check_contiguous(data, got)
    assert len(got) > 20
    assert all(len(b.data) <= 2000 for b in got)
