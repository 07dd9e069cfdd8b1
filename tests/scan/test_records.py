"""Parsing batches into posts and rejections."""

from __future__ import annotations

import pytest

from claimcheck.scan.batches import Batch
from claimcheck.scan.options import ScanOptions
from claimcheck.scan.records import FieldPath, RecordParser, header_problem


def parse(data: bytes, fmt: str = "jsonl", header=None, paragraphs=False, **options):
    parser = RecordParser(ScanOptions(**options))
    batch = Batch(
        0, "x", fmt, 1, 0, data, 1 + data.count(b"\n"), len(data), header=header, paragraphs=paragraphs
    )
    return list(parser.parse(batch))


@pytest.mark.parametrize(
    "line,code",
    [
        (b"{broken", "broken_json"),
        (b'{"text": "a"', "broken_json"),
        (b"[1, 2]", "not_an_object"),
        (b'"just a string"', "not_an_object"),
        (b'{"id": 1}', "missing_text"),
        (b'{"text": null}', "missing_text"),
        (b'{"text": 12}', "bad_text"),
        (b'{"text": ["a"]}', "bad_text"),
        (b'{"text": "caf\xe9"}', "undecodable"),
        (b"\xff\xfe{}", "undecodable"),
        (b'{"text": "' + b"x" * 200 + b'"}', "too_long"),
    ],
    ids=[
        "broken",
        "unterminated",
        "list",
        "string",
        "missing",
        "null",
        "number",
        "list-text",
        "latin1",
        "bom16",
        "too-long",
    ],
)
def test_records_jsonl_rejections_have_a_code_and_location(line, code):
    [ok, bad] = parse(b'{"text": "fine"}\n' + line + b"\n", max_record_bytes=100)
    assert ok.text == "fine" and ok.code is None
    assert (bad.code, bad.line, bad.offset) == (code, 2, 17)
    assert bad.text is None and bad.reason and bad.excerpt is not None


def test_records_field_paths_and_joined_text_fields():
    data = (
        b'{"data": {"title": "T", "selftext": "B", "id": 7, "tags": [{"x": "deep"}]}, "a.b": "dotted key"}\n'
    )
    [record] = parse(data, text_fields=("data.title", "data.selftext"), id_field="data.id")
    assert record.text == "T\n\nB" and record.post_id == 7
    [record] = parse(data, text_fields=("data.tags.0.x",))
    assert record.text == "deep"
    [record] = parse(data, text_fields=("a.b",))
    assert record.text == "dotted key"
    [record] = parse(b'{"title": "only title", "body": ""}\n', text_fields=("title", "body"))
    assert record.text == "only title"
    [record] = parse(b'{"a": [1]}\n', text_fields=("a.5",))
    assert record.code == "missing_text"
    assert FieldPath("a.-1").get({"a": [1, 2]}) == 2


def test_records_blank_lines_are_not_records():
    records = parse(b'\n  \n{"text": "a"}\r\n\n{"text": "b"}')
    assert [(r.text, r.line) for r in records] == [("a", 3), ("b", 5)]


def test_records_text_lines_and_paragraphs():
    data = b"one\r\n\ntwo\nthree\n\n\n\xffbad\n"
    assert [(r.text, r.line, r.code) for r in parse(data, "text")] == [
        ("one", 1, None),
        ("two", 3, None),
        ("three", 4, None),
        (None, 7, "undecodable"),
    ]
    assert [(r.text, r.line, r.offset) for r in parse(data, "text", paragraphs=True)] == [
        ("one", 1, 0),
        ("two\nthree", 3, 6),
        (None, 7, 18),
    ]


def test_records_csv_rows_quotes_and_bad_rows():
    data = b'1,"hello, ""you""",x\n\n2,"multi\nline",y\n3,short\n'
    records = parse(data, "csv", header=("id", "text", "when"), time_field="when")
    assert [(r.post_id, r.text, r.time, r.line, r.code) for r in records] == [
        ("1", 'hello, "you"', "x", 1, None),
        ("2", "multi\nline", "y", 3, None),
        (None, None, None, 5, "bad_row"),
    ]
    assert records[1].offset == data.index(b"2,")


def test_records_tsv_rows():
    records = parse(b"a\tLDN helps\nb\tsecond\r\n", "tsv", header=("id", "text"))
    assert [(r.post_id, r.text) for r in records] == [("a", "LDN helps"), ("b", "second")]


def test_records_header_problem_names_the_columns():
    assert header_problem(("id", "text"), ScanOptions()) is None
    problem = header_problem(("id", "body"), ScanOptions(text_fields=("message",)))
    assert "'message'" in problem and "'body'" in problem


def test_records_oversize_batch_is_one_rejection():
    parser = RecordParser(ScanOptions(max_record_bytes=10))
    batch = Batch(0, "x", "jsonl", 5, 100, b"", 9, 5000, oversize=4900)
    [record] = parser.parse(batch)
    assert (record.code, record.line, record.offset) == ("too_long", 5, 100)
    assert "4,900" in record.reason
