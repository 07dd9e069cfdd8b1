"""End to end with the real :class:`claimcheck.checker.Checker` (slower: it loads spaCy)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from tests.scan.conftest import FILLER, read_jsonl

pytest.importorskip("claimcheck.checker")

REAL_CLAIMS = [
    "LDN cured my MS",
    "Ivermectin cures covid!",
    "Vitamin D helps with multiple sclerosis.",
    "My doctor says masks prevent covid.",
    "Does ivermectin work for covid?",
    "Hydroxychloroquine does not treat COVID-19.",
    "Low dose naltrexone improved my fibromyalgia a lot",
]
NEAR = ["I take vitamin D every morning.", "Covid was rough this winter.", "MS is hard to live with."]


@pytest.fixture(scope="module")
def real_dump(tmp_path_factory) -> Path:
    rng = random.Random(5)
    lines = []
    for i in range(240):
        parts = [
            " ".join(rng.choices(FILLER, k=rng.randint(4, 14))).capitalize() + "."
            for _ in range(rng.randint(0, 3))
        ]
        roll = rng.random()
        if roll < 0.3:
            parts.insert(rng.randint(0, len(parts)), rng.choice(REAL_CLAIMS))
        elif roll < 0.5:
            parts.insert(rng.randint(0, len(parts)), rng.choice(NEAR))
        lines.append(json.dumps({"id": i, "body": " ".join(parts), "t": f"2022-0{1 + i % 9}-15"}))
    lines.insert(100, "{not json")
    path = tmp_path_factory.mktemp("real") / "posts.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.slow
def test_real_checker_findings_identical_across_jobs_and_prefilter(run, real_dump, tmp_path):
    common = ["--text-field", "body", "--time-field", "t", "--batch-bytes", "4k"]
    base = tmp_path / "j1.jsonl"
    result = run(real_dump, "-o", base, "-j", "1", "--report", tmp_path / "r.html", *common)
    assert result.exit_code == 0, result.output
    rows = read_jsonl(base)
    assert rows, "the real checker found no claim in the sample"
    labels = {c["verdict"]["label"] for r in rows for c in r["claims"]}
    assert len(labels) >= 2
    assert "240 posts read" not in result.stderr and "241 posts read" in result.stderr
    for extra in (["-j", "2"], ["-j", "1", "--no-prefilter"]):
        other = tmp_path / f"other{len(extra)}{extra[-1]}.jsonl"
        assert run(real_dump, "-o", other, *extra, *common).exit_code == 0
        assert other.read_bytes() == base.read_bytes(), extra
    every = tmp_path / "all.jsonl"
    every_np = tmp_path / "all-np.jsonl"
    assert run(real_dump, "-o", every, "-j", "1", "--all", *common).exit_code == 0
    assert run(real_dump, "-o", every_np, "-j", "1", "--all", "--no-prefilter", *common).exit_code == 0
    assert every.read_bytes() == every_np.read_bytes()
    assert len(read_jsonl(every)) == 240
