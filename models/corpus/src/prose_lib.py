"""Helpers for writing the prose part of the claim corpus (news, blog, draft, marketing, headline).

Each batch script (prose_batch01.py ... prose_batch08.py) lists its sentences as
``S(register, text, C(...), ...)``. Offsets are never written by hand: :func:`locate`
finds the surface string in the text (whole word, case-sensitive) and asserts
``text[start:end] == surface``. When a surface string occurs more than once in a
sentence, the claim must say which occurrence it means (``i_occ`` / ``c_occ``,
0-based); an unmarked ambiguous surface is an error.

Labels are explained in models/ANNOTATION_GUIDELINE.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PREDICATES = (
    "cures", "treats", "improves", "prevents", "no_effect",
    "harms", "causes", "is_safe", "is_approved",
)
REGISTERS = ("news", "blog", "draft", "marketing", "headline")
CERTAINTIES = ("hedged", "neutral", "absolute")
H = "hedged"
A = "absolute"
BATCH_SIZE = 100
N_SENTENCES = 750


@dataclass(frozen=True)
class C:
    """One intervention–condition claim in a sentence."""

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
    """One sentence: its register, its text and the claims it makes (none for a negative)."""

    register: str
    text: str
    claims: tuple[C, ...] = field(default=())

    def __init__(self, register: str, text: str, *claims: C) -> None:
        object.__setattr__(self, "register", register)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "claims", tuple(claims))


def locate(text: str, surface: str, occ: int | None) -> list[int]:
    """Return [start, end] of the chosen whole-word occurrence of ``surface`` in ``text``."""
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
    """Turn one sentence into a JSON-Lines record with computed offsets."""
    if item.register not in REGISTERS:
        raise ValueError(f"bad register {item.register!r} in {item.text!r}")
    if item.text != item.text.strip() or not item.text:
        raise ValueError(f"empty text or surrounding whitespace: {item.text!r}")
    claims = []
    for c in item.claims:
        if c.predicate not in PREDICATES:
            raise ValueError(f"bad predicate {c.predicate!r} in {item.text!r}")
        if c.certainty not in CERTAINTIES:
            raise ValueError(f"bad certainty {c.certainty!r} in {item.text!r}")
        i_span = locate(item.text, c.intervention, c.i_occ)
        c_span = locate(item.text, c.condition, c.c_occ)
        if max(i_span[0], c_span[0]) < min(i_span[1], c_span[1]):
            raise ValueError(f"overlapping spans {c.intervention!r}/{c.condition!r} in {item.text!r}")
        claims.append({
            "intervention": c.intervention,
            "intervention_span": i_span,
            "condition": c.condition,
            "condition_span": c_span,
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
    return {"id": f"prose-{number:04d}", "register": item.register, "text": item.text, "claims": claims}


def build_batch(batch_no: int, items: list[S]) -> list[dict]:
    """Number a batch's sentences prose-((batch_no-1)*100+1) ... and build the records."""
    first = (batch_no - 1) * BATCH_SIZE + 1
    expected = min(BATCH_SIZE, N_SENTENCES - first + 1)
    if len(items) != expected:
        raise ValueError(f"prose batch {batch_no} has {len(items)} sentences, expected {expected}")
    return [to_record(item, first + i) for i, item in enumerate(items)]


def summary(batch_no: int, items: list[S]) -> None:
    """Build one batch (raising on any error) and print a one-line summary."""
    records = build_batch(batch_no, items)
    claims = [c for r in records for c in r["claims"]]
    n_neg = sum(1 for r in records if not r["claims"])
    print(f"prose batch {batch_no:02d}: {len(records)} sentences, {n_neg} without claims, {len(claims)} claims")
