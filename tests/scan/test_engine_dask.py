"""The Dask engine gives the same findings as the local one (LocalCluster, in-process)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.scan.conftest import make_jsonl

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler():
    cluster = distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    )
    yield cluster.scheduler_address
    cluster.close()


def concatenated(folder: Path, suffix: str) -> bytes:
    parts = sorted(
        p
        for p in folder.glob(f"part-*{suffix}")
        if not p.name.endswith(".errors.jsonl") or suffix == ".errors.jsonl"
    )
    return b"".join(p.read_bytes() for p in parts)


def test_engine_dask_equals_local(run, fake, tmp_path, scheduler):
    import gzip

    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.jsonl").write_bytes(make_jsonl(300, seed=1))  # split into byte ranges
    (inputs / "b.jsonl.gz").write_bytes(gzip.compress(make_jsonl(100, seed=2)))  # one partition
    common = ["--text-field", "title", "--text-field", "body", "--time-field", "created", "--checker", fake]
    local = tmp_path / "local.jsonl"
    result = run(inputs, "-o", local, "-j", "1", "--report-json", tmp_path / "local.json", *common)
    assert result.exit_code == 0, result.output

    out = tmp_path / "parts"
    result = run(
        inputs,
        "--engine",
        "dask",
        "--scheduler",
        scheduler,
        "-o",
        out,
        "--partition-bytes",
        "9000",
        "--report-json",
        tmp_path / "dask.json",
        "--report",
        tmp_path / "dask.html",
        *common,
    )
    assert result.exit_code == 0, result.output
    findings = sorted(out.glob("part-*.jsonl"))
    assert len([p for p in findings if not p.name.endswith(".errors.jsonl")]) > 3
    assert concatenated(out, ".jsonl") == local.read_bytes()
    assert concatenated(out, ".errors.jsonl") == Path(f"{local}.errors.jsonl").read_bytes()
    a = json.loads((tmp_path / "local.json").read_text())
    b = json.loads((tmp_path / "dask.json").read_text())
    for key in ("counts", "verdicts", "top_claims", "not_in_kb", "timeline", "rejected"):
        assert a[key] == b[key], key
    assert (tmp_path / "dask.html").read_text().startswith("<!DOCTYPE html>")

    # --resume keeps finished parts: remove one part's summary and rerun
    summaries = sorted(out.glob("part-*.summary.json"))
    summaries[1].unlink()
    result = run(
        inputs,
        "--engine",
        "dask",
        "--scheduler",
        scheduler,
        "-o",
        out,
        "--partition-bytes",
        "9000",
        "--resume",
        "--report-json",
        tmp_path / "resumed.json",
        *common,
    )
    assert result.exit_code == 0, result.output
    assert concatenated(out, ".jsonl") == local.read_bytes()
    assert json.loads((tmp_path / "resumed.json").read_text())["counts"] == a["counts"]


def test_engine_dask_usage_errors(run, fake, tmp_path, scheduler):
    dump = tmp_path / "a.jsonl"
    dump.write_bytes(make_jsonl(10, bad=False))
    assert (
        run(dump, "--engine", "dask", "--scheduler", scheduler, "--checker", fake).exit_code == 2
    )  # no --out
    assert (
        run(
            "-",
            "--engine",
            "dask",
            "--scheduler",
            scheduler,
            "-o",
            tmp_path / "o",
            "--checker",
            fake,
            input=b"",
        ).exit_code
        == 2
    )


def test_engine_dask_fresh_scan_drops_stale_parts_and_reports_failures(run, fake, tmp_path, scheduler):
    dump = tmp_path / "a.jsonl"
    dump.write_bytes(make_jsonl(200, bad=False))
    out = tmp_path / "parts"
    many = run(
        dump,
        "--engine",
        "dask",
        "--scheduler",
        scheduler,
        "-o",
        out,
        "--partition-bytes",
        "5000",
        "--text-field",
        "body",
        "--checker",
        fake,
    )
    assert many.exit_code == 0, many.output
    assert len(list(out.glob("part-*.summary.json"))) > 3
    one = run(
        dump,
        "--engine",
        "dask",
        "--scheduler",
        scheduler,
        "-o",
        out,
        "--text-field",
        "body",
        "--checker",
        fake,
    )
    assert one.exit_code == 0
    assert [p.name for p in sorted(out.glob("part-*.summary.json"))] == ["part-00000.summary.json"]
    broken = run(
        dump,
        "--engine",
        "dask",
        "--scheduler",
        scheduler,
        "-o",
        out,
        "--text-field",
        "body",
        "--checker",
        "tests.scan.scan_fakes:BrokenChecker",
    )
    assert broken.exit_code == 2 and "knowledge base not found" in broken.stderr
