"""Checkpoint files and output truncation."""

from __future__ import annotations

import pytest

from claimcheck.errors import InputError
from claimcheck.scan import checkpoint
from claimcheck.scan.options import ScanOptions
from claimcheck.scan.sources import Input


def test_checkpoint_round_trip_and_atomic_replace(tmp_path):
    path = str(tmp_path / "out.jsonl.checkpoint.json")
    assert checkpoint.load(path) is None
    saved = checkpoint.Checkpoint(
        fingerprint="abc", input_index=2, offset=99, line=7, header=["id", "text"], format="csv"
    )
    checkpoint.save(path, saved)
    assert checkpoint.load(path) == saved
    assert not (tmp_path / "out.jsonl.checkpoint.json.tmp").exists()


def test_checkpoint_rejects_other_files(tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text('{"something": "else"}')
    with pytest.raises(InputError, match="not a claimcheck scan checkpoint"):
        checkpoint.load(str(bad))
    bad.write_text("not json")
    with pytest.raises(InputError, match="cannot read checkpoint"):
        checkpoint.load(str(bad))


def test_checkpoint_truncate_to(tmp_path):
    out = tmp_path / "o.jsonl"
    out.write_bytes(b"kept\npartial")
    checkpoint.truncate_to(str(out), 5)
    assert out.read_bytes() == b"kept\n"
    with pytest.raises(InputError, match="checkpoint expects"):
        checkpoint.truncate_to(str(out), 50)
    with pytest.raises(InputError, match="missing"):
        checkpoint.truncate_to(str(tmp_path / "gone.jsonl"), 3)
    checkpoint.truncate_to(str(tmp_path / "empty.jsonl"), 0)
    assert (tmp_path / "empty.jsonl").read_bytes() == b""


def test_checkpoint_fingerprint_ignores_speed_settings():
    inputs = [Input("a.jsonl", "a.jsonl", "jsonl", 10, None)]
    base = checkpoint.fingerprint(inputs, ScanOptions(text_fields=("body",)))
    assert base == checkpoint.fingerprint(
        inputs, ScanOptions(text_fields=("body",), prefilter=False, batch_bytes=7)
    )
    assert base != checkpoint.fingerprint(inputs, ScanOptions(text_fields=("title",)))
    assert base != checkpoint.fingerprint(
        [Input("a.jsonl", "a.jsonl", "jsonl", 11, None)], ScanOptions(text_fields=("body",))
    )
