"""Features of one intervention–condition pair in a sentence, as a sparse dict.

The same function serves training and inference, so the two can never drift.
The pair's mentions are masked (INTERV, COND, OTHER) so the models learn how
claims are phrased, not which drugs are popular. Rule readings can be added as
features ("rules as features"), which is how the models combine with the rules.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from itertools import pairwise

from claimcheck.claims import PairReading

_WORD = re.compile(r"[a-z0-9']+|[?!]")
_SPACE = re.compile(r"\s+")


def mask(reading: PairReading) -> str:
    """The lower-cased clauses of the pair, with the pair and other mentions replaced by placeholders."""
    lo, hi = reading.window
    spans = [(reading.intervention, " INTERV "), (reading.condition, " COND ")]
    spans += [(o, " OTHER ") for o in reading.others if not _overlaps(o, reading.intervention) and not _overlaps(o, reading.condition)]
    out, pos = [], lo
    for (start, end), token in sorted(spans, key=lambda s: s[0][0]):
        if start < pos or end > hi:
            continue
        out.append(reading.lower[pos:start])
        out.append(token)
        pos = end
    out.append(reading.lower[pos:hi])
    return _SPACE.sub(" ", "".join(out)).strip()


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@lru_cache(maxsize=1 << 16)
def _word_char_ngrams(word: str, low: int = 3, high: int = 4) -> tuple[str, ...]:
    if word.isupper():  # placeholders
        return (f"c: {word} ",)
    padded = f" {word} "
    return tuple(f"c:{padded[i:i + n]}" for n in range(low, high + 1) for i in range(max(1, len(padded) - n + 1)))


def pair_features(reading: PairReading, *, with_rules: bool) -> dict[str, float]:
    """Sparse features of one pair: masked word and character n-grams, between-text, layout, rules."""
    masked = mask(reading)
    words = [w if w not in ("interv", "cond", "other") else w.upper() for w in _WORD.findall(masked.lower())]
    keys = [f"w:{w}" for w in words]
    keys += [f"w:{a} {b}" for a, b in pairwise(words)]
    keys += [f"w:{a} {b} {c}" for a, b, c in zip(words, words[1:], words[2:])]
    for word in masked.split():
        keys.extend(_word_char_ngrams(word))
    feats: Counter[str] = Counter(keys)
    a, b = sorted([reading.intervention, reading.condition])
    between = reading.lower[a[1] : b[0]]
    between_words = _WORD.findall(between)
    for w in between_words:
        feats[f"b:{w}"] += 1
    gap = len(between_words)
    feats[f"gap:{min(gap, 8) if gap < 8 else '8+' if gap < 15 else '15+'}"] = 1
    feats["order:IC" if reading.intervention[0] < reading.condition[0] else "order:CI"] = 1
    stripped = reading.sentence.strip()
    if stripped.endswith("?"):
        feats["end:?"] = 1
    letters = "".join(filter(str.isalpha, reading.sentence))
    if letters and sum(map(str.isupper, letters)) / len(letters) > 0.6:
        feats["shape:caps"] = 1
    if reading.others:
        feats["others"] = 1
    if with_rules:
        mods = reading.modifiers
        feats[f"r:pred:{reading.predicate.predicate if reading.predicate else 'none'}"] = 1
        feats[f"r:between:{reading.between}"] = 1
        feats[f"r:neg:{mods.negated}"] = 1
        feats[f"r:epi:{mods.epistemic}"] = 1
        feats[f"r:cert:{mods.certainty}"] = 1
        feats[f"r:q:{mods.question}"] = 1
        feats[f"r:anec:{mods.anecdote}"] = 1
        feats[f"r:rep:{mods.reported}"] = 1
    return {k: 1.0 if v == 1 else 1.0 + math.log(v) for k, v in feats.items()}
