"""Helpers for writing the prose part of the claim corpus (news, blog, draft, marketing, headline).

Each batch script (prose_batch01.py ... prose_batch08.py) lists its sentences as
``S(register, text, C(...), ...)``. Offsets are computed, never written by hand, and
labels checked (see corpus_lib.py; models/ANNOTATION_GUIDELINE.md explains them).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from corpus_lib import A, BATCH_SIZE, C, H, claim_records  # noqa: F401 - A, C, H are re-exported for the batch scripts

REGISTERS = ("news", "blog", "draft", "marketing", "headline")
N_SENTENCES = 900
#: Batches of other sizes than BATCH_SIZE (batch 8 closed the first 750 sentences; batches 9 to 11 added 50 each).
BATCH_SIZES = {8: 50, 9: 50, 10: 50, 11: 50}


@dataclass(frozen=True)
class S:
    """One sentence: its register, its text and the claims it makes (none for a negative)."""

    register: str
    text: str
    claims: tuple[C, ...] = field(default=())

    def __init__(self, register: str, text: str, *claims: C) -> None:
        object.__setattr__(self, "register", register)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "claims", tuple(claims))


def to_record(item: S, number: int) -> dict:
    """Turn one sentence into a JSON-Lines record with computed offsets."""
    if item.register not in REGISTERS:
        raise ValueError(f"bad register {item.register!r} in {item.text!r}")
    if item.text != item.text.strip() or not item.text:
        raise ValueError(f"empty text or surrounding whitespace: {item.text!r}")
    claims = claim_records(item.text, item.claims, no_overlap=True)
    return {"id": f"prose-{number:04d}", "register": item.register, "text": item.text, "claims": claims}


def batch_size(batch_no: int) -> int:
    """How many sentences batch ``batch_no`` holds."""
    return BATCH_SIZES.get(batch_no, BATCH_SIZE)


def build_batch(batch_no: int, items: list[S]) -> list[dict]:
    """Number a batch's sentences on from the previous batches (prose-0001 ...) and build the records."""
    first = sum(batch_size(n) for n in range(1, batch_no)) + 1
    expected = batch_size(batch_no)
    if len(items) != expected:
        raise ValueError(f"prose batch {batch_no} has {len(items)} sentences, expected {expected}")
    return [to_record(item, first + i) for i, item in enumerate(items)]


def summary(batch_no: int, items: list[S]) -> None:
    """Build one batch (raising on any error) and print a one-line summary."""
    records = build_batch(batch_no, items)
    claims = [c for r in records for c in r["claims"]]
    n_neg = sum(1 for r in records if not r["claims"])
    print(f"prose batch {batch_no:02d}: {len(records)} sentences, {n_neg} without claims, {len(claims)} claims")
