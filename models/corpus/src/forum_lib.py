"""Helpers for writing the forum/social-media part of the claim corpus (forum.jsonl).

Each batch script (forum_batch01.py ... forum_batch08.py) lists its posts as
``S(text, C(...), ...)``; forum_build.py assembles them and forum_check.py validates.
Offsets are never written by hand: :func:`locate` finds the surface string in the text
(whole-word, case-sensitive) and asserts ``text[start:end] == surface``. When a surface
string occurs more than once, the batch must say which occurrence it means (``i_occ`` /
``c_occ``, 0-based); an unmarked ambiguous surface is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PREDICATES = (
    "cures", "treats", "improves", "prevents", "no_effect",
    "harms", "causes", "is_safe", "is_approved",
)
CERTAINTIES = ("hedged", "neutral", "absolute")
H = "hedged"
A = "absolute"
BATCH_SIZE = 100


@dataclass(frozen=True)
class C:
    """One intervention–condition claim in a post."""

    intervention: str
    condition: str
    predicate: str
    negated: bool = False
    certainty: str = "neutral"
    question: bool = False
    anecdote: bool = False
    reported: bool = False
    i_occ: int | None = None
    c_occ: int | None = None


@dataclass(frozen=True)
class S:
    """One post: its text and the claims it makes (none for a negative)."""

    text: str
    claims: tuple[C, ...] = field(default=())

    def __init__(self, text: str, *claims: C) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "claims", tuple(claims))


def locate(text: str, surface: str, occ: int | None) -> list[int]:
    """Return [start, end] of the chosen whole-word occurrence of ``surface``."""
    pattern = r"(?<!\w)" + re.escape(surface) + r"(?!\w)"
    starts = [m.start() for m in re.finditer(pattern, text)]
    if not starts:
        raise ValueError(f"surface {surface!r} not found in {text!r}")
    if occ is None:
        if len(starts) > 1:
            raise ValueError(f"surface {surface!r} occurs {len(starts)}x in {text!r}; give an occurrence")
        occ = 0
    start = starts[occ]
    end = start + len(surface)
    assert text[start:end] == surface
    return [start, end]


def to_record(item: S, number: int) -> dict:
    """Turn a post into one JSON-Lines record with computed offsets."""
    claims = []
    for c in item.claims:
        if c.predicate not in PREDICATES:
            raise ValueError(f"bad predicate {c.predicate!r} in {item.text!r}")
        if c.certainty not in CERTAINTIES:
            raise ValueError(f"bad certainty {c.certainty!r} in {item.text!r}")
        claims.append({
            "intervention": c.intervention,
            "intervention_span": locate(item.text, c.intervention, c.i_occ),
            "condition": c.condition,
            "condition_span": locate(item.text, c.condition, c.c_occ),
            "predicate": c.predicate,
            "polarity": "negative" if c.negated else "positive",
            "certainty": c.certainty,
            "question": c.question,
            "anecdote": c.anecdote,
            "reported": c.reported,
        })
    pairs = [(tuple(c["intervention_span"]), tuple(c["condition_span"])) for c in claims]
    if len(pairs) != len(set(pairs)):
        raise ValueError(f"duplicate intervention–condition pair in {item.text!r}")
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
