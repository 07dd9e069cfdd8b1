"""A killed scan restarted with --resume loses no post and writes none twice."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.scan.conftest import REPO, make_jsonl

SLOW = "tests.scan.scan_fakes:SlowChecker"


def test_resume_after_kill_gives_the_uninterrupted_output(run, tmp_path):
    dump = tmp_path / "posts.jsonl.gz"
    dump.write_bytes(gzip.compress(make_jsonl(3000, seed=11)))
    common = [
        "--text-field",
        "body",
        "--time-field",
        "created",
        "--checker",
        SLOW,
        "--batch-bytes",
        "8k",
        "--no-prefilter",
    ]

    reference = tmp_path / "reference.jsonl"
    result = run(dump, "-o", reference, "-j", "1", "--report-json", tmp_path / "reference.json", *common)
    assert result.exit_code == 0

    out = tmp_path / "killed.jsonl"
    checkpoint = Path(f"{out}.checkpoint.json")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
        "SCAN_TEST_SLOW": "0.002",  # a few seconds for the whole dump: killed long before it ends, even on a busy machine
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "claimcheck.scan",
            str(dump),
            "-o",
            str(out),
            "-j",
            "2",
            "--no-progress",
            *common,
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise AssertionError(f"the scan ended before it was killed: {process.stderr.read().decode()[-2000:]}")
            if checkpoint.exists():
                try:
                    state = json.loads(checkpoint.read_text())
                except ValueError:
                    state = {}
                if state.get("offset", 0) > 20_000 and not state.get("complete"):
                    break
            time.sleep(0.02)
        else:
            raise AssertionError("no checkpoint appeared")
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert not json.loads(checkpoint.read_text())["complete"]
    with open(out, "ab") as handle:  # a batch written after the last checkpoint
        handle.write(b'{"id": "written after the checkpoint"}\n')

    resumed = run(dump, "-o", out, "-j", "1", "--resume", "--report-json", tmp_path / "resumed.json", *common)
    assert resumed.exit_code == 0, resumed.output
    assert "resuming" in resumed.stderr
    assert out.read_bytes() == reference.read_bytes()
    assert Path(f"{out}.errors.jsonl").read_bytes() == Path(f"{reference}.errors.jsonl").read_bytes()
    a = json.loads((tmp_path / "reference.json").read_text())
    b = json.loads((tmp_path / "resumed.json").read_text())
    for key in ("counts", "verdicts", "top_claims", "not_in_kb", "timeline", "rejected"):
        assert a[key] == b[key], key
