"""End-to-end tests of ``claimcheck scan`` with the fake checker."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
from pathlib import Path

import pytest
import zstandard

from tests.scan.conftest import make_jsonl, make_posts, read_jsonl
from tests.scan.scan_fakes import FakeChecker


def expected_findings(posts: list[dict]) -> list[str]:
    checker = FakeChecker()
    found = []
    for post in posts:
        text = "\n\n".join(x for x in (post.get("title"), post["body"]) if x)
        if checker.check(text).claims:
            found.append(post["id"])
    return found


@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_workers_forked_or_spawned_find_the_same_as_one_process(run, fake, dump, tmp_path, monkeypatch, start):
    """Forked workers share the checker the main process built; spawned ones (where there is no fork) build their own."""
    import gc

    from claimcheck.scan import engine_local

    if start not in engine_local.multiprocessing.get_all_start_methods():
        pytest.skip(f"no {start} start method here")
    monkeypatch.setattr(engine_local.multiprocessing, "get_all_start_methods", lambda: [start])
    base, other = tmp_path / "base.jsonl", tmp_path / "other.jsonl"
    assert run(dump, "--text-field", "body", "-o", base, "--checker", fake, "-j", "1").exit_code == 0
    result = run(dump, "--text-field", "body", "-o", other, "--checker", fake, "-j", "2")
    assert result.exit_code == 0, result.output
    assert other.read_bytes() == base.read_bytes()
    assert engine_local._processor is None  # the main process let go of the checker it built for the workers
    assert gc.get_freeze_count() == 0


def test_command_scan_accounts_for_every_record(run, fake, dump, tmp_path):
    out = tmp_path / "found.jsonl"
    result = run(
        dump, "--text-field", "title", "--text-field", "body", "--out", out, "--checker", fake, "-j", "1"
    )
    assert result.exit_code == 0, result.output
    findings = read_jsonl(out)
    errors = read_jsonl(Path(f"{out}.errors.jsonl"))
    assert [f["id"] for f in findings] == expected_findings(make_posts())
    assert sorted(e["code"] for e in errors) == [
        "bad_text",
        "broken_json",
        "missing_text",
        "not_an_object",
        "undecodable",
    ]
    posts_read = 400 + 5
    without = posts_read - len(findings) - len(errors)
    assert (
        f"{posts_read:,} posts read = {len(findings)} with claims + {without} without claims + 5 rejected"
        in result.stderr
    )
    first = findings[0]
    assert first["file"] == str(dump)
    assert first["source"] == f"{dump}:{first['line']}"
    assert first["kb_version"] == "fake-1"
    assert first["claims"][0]["verdict"]["label"]
    lines = dump.read_bytes().splitlines(keepends=True)
    for item in findings + errors:  # line and offset point at the record
        assert sum(map(len, lines[: item["line"] - 1])) == item["offset"]
        if "id" in item and item["id"] and item.get("code") is None:
            assert json.loads(lines[item["line"] - 1])["id"] == item["id"]


@pytest.mark.parametrize(
    "args",
    [
        ("-j", "2"),
        ("-j", "1", "--no-prefilter"),
        ("-j", "2", "--batch-bytes", "1500"),
        ("-j", "1", "--batch-bytes", "700"),
    ],
    ids=["jobs2", "no-prefilter", "jobs2-small-batches", "tiny-batches"],
)
def test_command_findings_identical_whatever_jobs_and_prefilter(run, fake, dump, tmp_path, args):
    base = tmp_path / "base.jsonl"
    assert (
        run(
            dump,
            "--text-field",
            "body",
            "-o",
            base,
            "--checker",
            fake,
            "-j",
            "1",
            "--report-json",
            tmp_path / "base.json",
        ).exit_code
        == 0
    )
    other = tmp_path / "other.jsonl"
    result = run(
        dump,
        "--text-field",
        "body",
        "-o",
        other,
        "--checker",
        fake,
        "--report-json",
        tmp_path / "other.json",
        *args,
    )
    assert result.exit_code == 0, result.output
    assert other.read_bytes() == base.read_bytes()
    assert Path(f"{other}.errors.jsonl").read_bytes() == Path(f"{base}.errors.jsonl").read_bytes()
    report_a = json.loads((tmp_path / "base.json").read_text())
    report_b = json.loads((tmp_path / "other.json").read_text())
    for key in ("counts", "verdicts", "top_claims", "not_in_kb", "rejected"):
        assert report_a[key] == report_b[key]


def test_command_all_writes_every_post(run, fake, dump, tmp_path):
    out = tmp_path / "all.jsonl"
    result = run(dump, "--text-field", "body", "-o", out, "--checker", fake, "-j", "1", "--all")
    assert result.exit_code == 0
    rows = read_jsonl(out)
    assert len(rows) == 400
    assert {r["kb_version"] for r in rows} == {"fake-1"}
    out2 = tmp_path / "all2.jsonl"
    assert (
        run(
            dump, "--text-field", "body", "-o", out2, "--checker", fake, "-j", "1", "--all", "--no-prefilter"
        ).exit_code
        == 0
    )
    assert out2.read_bytes() == out.read_bytes()


@pytest.mark.parametrize(
    "suffix,compress",
    [
        (".jsonl.gz", gzip.compress),
        (".jsonl.bz2", bz2.compress),
        (".jsonl.xz", lzma.compress),
        (".jsonl.zst", lambda b: zstandard.ZstdCompressor().compress(b)),
        (".dat", gzip.compress),  # no telling extension: magic bytes, then sniffed as JSON Lines
    ],
    ids=["gzip", "bz2", "xz", "zstd", "magic-only"],
)
def test_command_reads_compressed_inputs(run, fake, dump, tmp_path, suffix, compress):
    plain = tmp_path / "plain.jsonl"
    assert run(dump, "--text-field", "body", "-o", plain, "--checker", fake, "-j", "1").exit_code == 0
    packed = tmp_path / f"posts{suffix}"
    packed.write_bytes(compress(dump.read_bytes()))
    out = tmp_path / "packed.jsonl"
    assert run(packed, "--text-field", "body", "-o", out, "--checker", fake, "-j", "1").exit_code == 0
    assert out.read_bytes() == plain.read_bytes().replace(str(dump).encode(), str(packed).encode())


def test_command_reads_stdin_with_nested_field(run, fake, tmp_path):
    posts = [
        {"data": {"id": i, "selftext": t}}
        for i, t in enumerate(["LDN cured my multiple sclerosis", "hello", "ivermectin treats covid"])
    ]
    data = gzip.compress("".join(json.dumps(p) + "\n" for p in posts).encode())
    result = run(
        "-",
        "--text-field",
        "data.selftext",
        "--id-field",
        "data.id",
        "--checker",
        fake,
        "-j",
        "1",
        input=data,
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["id"], r["file"], r["line"]) for r in rows] == [(0, "<stdin>", 1), (2, "<stdin>", 3)]


def test_command_many_files_globs_and_directories(run, fake, tmp_path):
    folder = tmp_path / "dump"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.jsonl").write_bytes(make_jsonl(50, seed=1, bad=False))
    (folder / "sub" / "b.jsonl.gz").write_bytes(gzip.compress(make_jsonl(50, seed=2, bad=False)))
    (folder / "notes.md").write_text("not an input")
    (folder / ".hidden.jsonl").write_text("{}\n")
    out = tmp_path / "dir.jsonl"
    result = run(folder, "--text-field", "body", "-o", out, "--checker", fake, "-j", "1")
    assert result.exit_code == 0, result.output
    files = {r["file"] for r in read_jsonl(out)}
    assert files == {str(folder / "a.jsonl"), str(folder / "sub" / "b.jsonl.gz")}
    out2 = tmp_path / "glob.jsonl"
    result = run(
        str(folder / "**" / "*.jsonl*"), "--text-field", "body", "-o", out2, "--checker", fake, "-j", "1"
    )
    assert result.exit_code == 0, result.output
    assert out2.read_bytes() == out.read_bytes()


def test_command_csv_tsv_and_text_formats(run, fake, tmp_path):
    csv_path = tmp_path / "posts.csv"
    csv_path.write_text(
        'id,message,when\n1,"LDN cured my multiple sclerosis, really",2021-03-01\n'
        '2,"a post\nover two lines: ivermectin treats covid\nreally",2021-03-02T10:00:00Z\n'
        "3,plain post,1614556800\n4,too,many,fields\n",
        encoding="utf-8",
    )
    out = tmp_path / "csv.jsonl"
    result = run(
        csv_path, "--text-field", "message", "--time-field", "when", "-o", out, "--checker", fake, "-j", "1"
    )
    assert result.exit_code == 0, result.output
    assert [(r["id"], r["line"]) for r in read_jsonl(out)] == [("1", 2), ("2", 3)]
    errors = read_jsonl(Path(f"{out}.errors.jsonl"))
    assert [(e["line"], e["code"]) for e in errors] == [(7, "bad_row")]

    tsv_path = tmp_path / "posts.tsv"
    tsv_path.write_text("id\ttext\nx\tivermectin treats covid\ny\tnothing here\n")
    out = tmp_path / "tsv.jsonl"
    assert run(tsv_path, "-o", out, "--checker", fake, "-j", "1").exit_code == 0
    assert [r["id"] for r in read_jsonl(out)] == ["x"]

    txt = tmp_path / "posts.txt"
    txt.write_text(
        "first post about nothing\n\nLDN cured my multiple sclerosis\nsecond line of it\n\n\nivermectin treats covid\n"
    )
    out = tmp_path / "txt.jsonl"
    assert run(txt, "-o", out, "--checker", fake, "-j", "1").exit_code == 0
    assert [r["line"] for r in read_jsonl(out)] == [3, 7]
    out = tmp_path / "para.jsonl"
    assert run(txt, "--paragraphs", "-o", out, "--checker", fake, "-j", "1").exit_code == 0
    rows = read_jsonl(out)
    assert [(r["line"], r["text_length"]) for r in rows] == [
        (3, len("LDN cured my multiple sclerosis\nsecond line of it")),
        (7, 23),
    ]


def test_command_csv_without_the_text_column_is_unreadable(run, fake, tmp_path):
    path = tmp_path / "posts.csv"
    path.write_text("id,body\n1,hello\n")
    result = run(path, "--text-field", "message", "-o", tmp_path / "o.jsonl", "--checker", fake, "-j", "1")
    assert result.exit_code == 2
    assert "no column named 'message'" in result.stderr
    assert "0 rejected" in result.stderr


def test_command_over_long_record_is_rejected_not_fatal(run, fake, tmp_path):
    path = tmp_path / "long.jsonl"
    huge = json.dumps({"id": "huge", "body": "ivermectin treats covid " * 20_000}).encode()
    path.write_bytes(
        b'{"id": "a", "body": "LDN cured my multiple sclerosis"}\n'
        + huge
        + b'\n{"id": "b", "body": "ivermectin treats covid"}\n'
    )
    out = tmp_path / "o.jsonl"
    for batch in ("4096", "2MiB"):
        result = run(
            path,
            "-o",
            out,
            "--text-field",
            "body",
            "--checker",
            fake,
            "-j",
            "1",
            "--max-record-bytes",
            "64KiB",
            "--batch-bytes",
            batch,
        )
        assert result.exit_code == 0, result.output
        assert [(r["id"], r["line"]) for r in read_jsonl(out)] == [("a", 1), ("b", 3)]
        [error] = read_jsonl(Path(f"{out}.errors.jsonl"))
        assert (error["line"], error["code"]) == (2, "too_long")
        assert str(len(huge)) in error["reason"].replace(",", "")


def test_command_checker_error_on_one_post_is_a_rejection(run, fake, tmp_path):
    path = tmp_path / "boom.jsonl"
    path.write_text(
        '{"id": 1, "body": "ivermectin treats covid"}\n{"id": 2, "body": "BOOM ivermectin covid"}\n'
    )
    out = tmp_path / "o.jsonl"
    result = run(path, "--text-field", "body", "-o", out, "--checker", fake, "-j", "1")
    assert result.exit_code == 0
    [error] = read_jsonl(Path(f"{out}.errors.jsonl"))
    assert error["code"] == "checker_error" and "boom" in error["reason"]


def test_command_exit_codes(run, fake, dump, tmp_path):
    out = tmp_path / "o.jsonl"
    strict = run(dump, "--text-field", "body", "-o", out, "--checker", fake, "-j", "1", "--strict")
    assert strict.exit_code == 2
    assert "5 rejected" in strict.stderr and "--strict" in strict.stderr
    assert run(tmp_path / "missing.jsonl", "--checker", fake).exit_code == 2
    assert run(str(tmp_path / "*.nothing"), "--checker", fake).exit_code == 2
    assert run(dump, "--checker", "no_such_module:Thing").exit_code == 2
    assert run(dump, "--scheduler", "tcp://x:1", "--checker", fake).exit_code == 2
    broken = run(
        dump,
        "--text-field",
        "body",
        "-o",
        tmp_path / "b.jsonl",
        "--checker",
        "tests.scan.scan_fakes:BrokenChecker",
        "-j",
        "1",
    )
    assert broken.exit_code == 2 and "knowledge base not found" in broken.stderr


def test_command_broken_checker_in_workers_fails_cleanly(run, dump, tmp_path):
    result = run(
        dump,
        "--text-field",
        "body",
        "-o",
        tmp_path / "b.jsonl",
        "--checker",
        "tests.scan.scan_fakes:BrokenChecker",
        "-j",
        "2",
    )
    assert result.exit_code == 2
    assert "knowledge base not found" in result.stderr


def test_command_truncated_gzip_is_reported_and_the_rest_kept(run, fake, tmp_path):
    data = gzip.compress(make_jsonl(300, seed=3, bad=False))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    good = tmp_path / "good.jsonl"
    good.write_bytes(make_jsonl(20, seed=4, bad=False))
    out = tmp_path / "o.jsonl"
    result = run(path, good, "--text-field", "body", "-o", out, "--checker", fake, "-j", "1")
    assert result.exit_code == 2
    assert "1 input(s) unreadable" in result.stderr
    errors = read_jsonl(Path(f"{out}.errors.jsonl"))
    assert errors[-1]["code"] == "unreadable" and errors[-1]["file"] == str(path)
    assert str(good) in {r["file"] for r in read_jsonl(out)}  # the next input was still scanned


def test_command_reports_json_and_html(run, fake, dump, tmp_path):
    html = tmp_path / "r.html"
    js = tmp_path / "r.json"
    result = run(
        dump,
        "--text-field",
        "title",
        "--text-field",
        "body",
        "--time-field",
        "created",
        "-o",
        tmp_path / "o.jsonl",
        "--checker",
        fake,
        "-j",
        "1",
        "--report",
        html,
        "--report-json",
        js,
    )
    assert result.exit_code == 0
    report = json.loads(js.read_text())
    assert report["counts"]["posts_read"] == 405
    assert sum(report["verdicts"].values()) == report["counts"]["claims"]
    assert report["top_claims"][0]["examples"]
    assert {e["intervention"]["name"] for e in report["not_in_kb"]} == {"turmeric"}
    assert report["timeline"]["granularity"] == "month"
    assert sum(sum(b["claims"].values()) for b in report["timeline"]["buckets"]) == report["counts"]["claims"]
    page = html.read_text()
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page
    assert "<script" not in page and "<link" not in page and "src=" not in page


def test_command_refuses_to_overwrite_an_unfinished_scan(run, fake, dump, tmp_path):
    out = tmp_path / "o.jsonl"
    assert run(dump, "--text-field", "body", "-o", out, "--checker", fake, "-j", "1").exit_code == 0
    cp = Path(f"{out}.checkpoint.json")
    state = json.loads(cp.read_text())
    state["complete"] = False
    cp.write_text(json.dumps(state))
    refused = run(dump, "--text-field", "body", "-o", out, "--checker", fake, "-j", "1")
    assert refused.exit_code == 2 and "--resume" in refused.stderr
    assert (
        run(dump, "--text-field", "body", "-o", out, "--checker", fake, "-j", "1", "--restart").exit_code == 0
    )
    again = run(dump, "--text-field", "body", "-o", out, "--checker", fake, "-j", "1", "--resume")
    assert again.exit_code == 0 and "complete" in again.stderr
    other = run(dump, "--text-field", "title", "-o", out, "--checker", fake, "-j", "1", "--resume")
    assert other.exit_code == 2 and "other inputs or options" in other.stderr


def test_command_help_and_adding_to_a_group():
    import click
    from click.testing import CliRunner

    from claimcheck.scan.command import scan

    group = click.Group("claimcheck")
    group.add_command(scan)
    result = CliRunner().invoke(group, ["scan", "--help"])
    assert result.exit_code == 0
    for option in (
        "--text-field",
        "--jobs",
        "--resume",
        "--engine",
        "--report",
        "--no-prefilter",
        "--strict",
    ):
        assert option in result.output
    assert "claimcheck scan posts.jsonl.zst" in result.output


def test_command_never_reads_its_own_outputs(run, fake, tmp_path):
    folder = tmp_path / "dump"
    folder.mkdir()
    (folder / "a.jsonl").write_bytes(make_jsonl(30, bad=False))
    out = folder / "found.jsonl"
    assert run(folder, "--text-field", "body", "-o", out, "--checker", fake, "-j", "1").exit_code == 0
    first = out.read_bytes()
    again = run(folder, "--text-field", "body", "-o", out, "--checker", fake, "-j", "1")
    assert again.exit_code == 0 and "0 rejected" in again.stderr
    assert out.read_bytes() == first
