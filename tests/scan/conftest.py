"""Fixtures for the scan tests: a fake checker and small synthetic dumps."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.scan.command import scan

FAKE = "tests.scan.scan_fakes:FakeChecker"
REPO = Path(__file__).resolve().parents[2]

FILLER = [
    "the",
    "a",
    "i",
    "my",
    "we",
    "thread",
    "reply",
    "today",
    "doctor",
    "said",
    "friend",
    "read",
    "about",
    "this",
    "that",
    "works",
    "week",
    "pain",
    "sleep",
    "morning",
    "tried",
    "again",
    "better",
    "worse",
    "forum",
    "post",
    "question",
    "anyone",
    "else",
    "feel",
    "tired",
]
CLAIMS = [
    "LDN cured my multiple sclerosis",
    "ivermectin treats covid",
    "vitamin D helps with multiple sclerosis",
    "turmeric cures covid",
]
NEAR_MISSES = [  # pass the fake pre-filter, but hold no claim
    "I read about LDN. My multiple sclerosis is stable",
    "ldnx and covid",
    "covid is bad",
    "I take vitamin D",
]


def sentence(rng: random.Random) -> str:
    words = rng.choices(FILLER, k=rng.randint(3, 18))
    return " ".join(words).capitalize() + "."


def post_text(rng: random.Random, i: int) -> str:
    parts = [sentence(rng) for _ in range(rng.randint(0, 4))]
    roll = rng.random()
    if roll < 0.15:
        parts.insert(rng.randint(0, len(parts)), rng.choice(CLAIMS) + ".")
    elif roll < 0.25:
        parts.insert(rng.randint(0, len(parts)), rng.choice(NEAR_MISSES) + ".")
    if i % 97 == 0:
        parts.append("Ünïcödé ✓ works 😀.")
    return " ".join(parts)


def make_posts(n: int = 400, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    posts = []
    for i in range(n):
        post = {"id": f"p{i}", "body": post_text(rng, i), "created": 1_600_000_000 + i * 86_400 * 3}
        if i % 5 == 0:
            post["title"] = rng.choice(CLAIMS + NEAR_MISSES + ["Hello"])
        posts.append(post)
    return posts


BAD_LINES = [
    b"{broken json\n",
    b"[1, 2, 3]\n",
    b'{"id": "no-body"}\n',
    b'{"id": "bad-bytes", "body": "caf\xe9"}\n',
    b'{"id": "number", "body": 42}\n',
]


def make_jsonl(n: int = 400, seed: int = 7, bad: bool = True) -> bytes:
    """A JSON Lines dump with a few bad records spread through it."""
    lines = [json.dumps(p, ensure_ascii=False).encode() + b"\n" for p in make_posts(n, seed)]
    if bad:
        for k, line in enumerate(BAD_LINES):
            lines.insert((k + 1) * len(lines) // (len(BAD_LINES) + 1), line)
        lines.insert(len(lines) // 3, b"\n")  # blank lines are separators, not records
    return b"".join(lines)


@pytest.fixture
def fake() -> str:
    return FAKE


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    path = tmp_path / "posts.jsonl"
    path.write_bytes(make_jsonl())
    return path


@pytest.fixture
def run():
    """Invoke ``claimcheck scan`` in-process; returns the click Result."""

    def invoke(*args: object, input: bytes | None = None):
        runner = CliRunner()
        return runner.invoke(scan, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_bytes().splitlines() if line.strip()]
