"""Helpers for writing the forum/social-media part of the claim corpus (forum.jsonl).

Each batch script (forum_batch01.py ... forum_batch08.py) lists its posts as
``S(text, C(...), ...)``; forum_build.py assembles them and forum_check.py validates.
Offsets are computed, never written by hand (see corpus_lib.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from corpus_lib import A, BATCH_SIZE, C, H, claim_records  # noqa: F401 - A, C, H are re-exported for the batch scripts


@dataclass(frozen=True)
class S:
    """One post: its text and the claims it makes (none for a negative)."""

    text: str
    claims: tuple[C, ...] = field(default=())

    def __init__(self, text: str, *claims: C) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "claims", tuple(claims))


def to_record(item: S, number: int) -> dict:
    """Turn a post into one JSON-Lines record with computed offsets."""
    claims = claim_records(item.text, item.claims)
    return {"id": f"forum-{number:04d}", "register": "forum", "text": item.text, "claims": claims}


def build_batch(batch_no: int, items: list[S]) -> list[dict]:
    """Number a batch's posts forum-((batch_no-1)*100+1) ... and build the records."""
    if len(items) != BATCH_SIZE:
        raise ValueError(f"batch {batch_no} has {len(items)} posts, expected {BATCH_SIZE}")
    first = (batch_no - 1) * BATCH_SIZE + 1
    return [to_record(item, first + i) for i, item in enumerate(items)]


def preview_batch(batch_no: int, items: list[S]) -> list[dict]:
    """Build one batch in memory (all offsets asserted) and print a one-line summary.

    Running a batch script on its own checks it; forum_build.py writes the corpus.
    """
    records = build_batch(batch_no, items)
    n_claims = sum(len(r["claims"]) for r in records)
    n_neg = sum(1 for r in records if not r["claims"])
    print(f"batch {batch_no:02d} ({records[0]['id']}..{records[-1]['id']}): "
          f"{len(records)} posts, {n_neg} without claims, {n_claims} claims")
    return records
