"""What the forum and prose halves of the claim corpus share: the claim type, labels and offsets.

Offsets are never written by hand: :func:`locate` finds the surface string in the text
(whole word, case-sensitive) and asserts ``text[start:end] == surface``. When a surface
string occurs more than once, the claim must say which occurrence it means (``i_occ`` /
``c_occ``, 0-based); an unmarked ambiguous surface is an error. Labels are explained in
models/ANNOTATION_GUIDELINE.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

PREDICATES = (
    "cures", "treats", "improves", "prevents", "no_effect",
    "harms", "causes", "is_safe", "is_approved",
)
CERTAINTIES = ("hedged", "neutral", "absolute")
H = "hedged"
A = "absolute"
BATCH_SIZE = 100
RECORD_KEYS = {"id", "register", "text", "claims"}
CLAIM_KEYS = {"intervention", "intervention_span", "condition", "condition_span", "predicate",
              "polarity", "certainty", "question", "anecdote", "reported"}


@dataclass(frozen=True)
class C:
    """One intervention–condition claim in a post or sentence."""

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


def claim_records(text: str, claims: Iterable[C], *, no_overlap: bool = False) -> list[dict]:
    """The JSON-Lines form of a text's claims, with computed offsets and checked labels.

    ``no_overlap``: also refuse a claim whose intervention and condition spans overlap.
    """
    out = []
    for c in claims:
        if c.predicate not in PREDICATES:
            raise ValueError(f"bad predicate {c.predicate!r} in {text!r}")
        if c.certainty not in CERTAINTIES:
            raise ValueError(f"bad certainty {c.certainty!r} in {text!r}")
        i_span = locate(text, c.intervention, c.i_occ)
        c_span = locate(text, c.condition, c.c_occ)
        if no_overlap and max(i_span[0], c_span[0]) < min(i_span[1], c_span[1]):
            raise ValueError(f"overlapping spans {c.intervention!r}/{c.condition!r} in {text!r}")
        out.append({
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
    pairs = [(tuple(c["intervention_span"]), tuple(c["condition_span"])) for c in out]
    if len(pairs) != len(set(pairs)):
        raise ValueError(f"duplicate intervention–condition pair in {text!r}")
    return out


def words(s: str) -> set[str]:
    """The lower-cased words of a text (for the near-copy check against evaluation material)."""
    return set(re.findall(r"[a-z0-9]+", s.lower()))


def check_span(text: str, span: object, surface: object, where: str, errors: list[str]) -> None:
    """Append to ``errors`` what is wrong with one written span: type, range, surface, word boundaries."""
    if not isinstance(surface, str) or not surface:
        errors.append(f"{where}: surface {surface!r} is not a non-empty string")
        return
    if not (isinstance(span, list) and len(span) == 2 and all(type(x) is int for x in span)):
        errors.append(f"{where}: span {span!r} is not [int, int]")
        return
    s, e = span
    if not (0 <= s < e <= len(text)):
        errors.append(f"{where}: span {span} out of range")
        return
    if text[s:e] != surface:
        errors.append(f"{where}: text[{s}:{e}]={text[s:e]!r} != {surface!r}")
    if (s > 0 and text[s - 1].isalnum()) or (e < len(text) and text[e].isalnum()):
        errors.append(f"{where}: span {span} cuts a word")
