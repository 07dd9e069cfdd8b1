"""The annotated corpus in ``models/corpus/*.jsonl``: loading, the fixed split, training examples.

A sentence is in the test split when ``int(sha1(id), 16) % 5 == 0``: fixed by
id, so no model or rule is tuned on it by accident of ordering.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from claimcheck.claims import PairReading, claim_mentions, clause_bounds, read_pair, rivals
from claimcheck.modifiers import find_predicates

ATTRIBUTES = ("predicate", "polarity", "certainty", "question", "anecdote", "reported")


@dataclass(frozen=True)
class Sentence:
    """One annotated sentence."""

    id: str
    register: str
    text: str
    claims: tuple[dict[str, Any], ...]

    @property
    def test(self) -> bool:
        """Whether this sentence belongs to the fixed test split."""
        return is_test(self.id)


def is_test(sentence_id: str) -> bool:
    """The fixed split: one sentence in five, chosen by a hash of its id."""
    return int(hashlib.sha1(sentence_id.encode()).hexdigest(), 16) % 5 == 0


def load_corpus(folder: Path) -> list[Sentence]:
    """Every annotated sentence, in file and line order."""
    out = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_bytes().splitlines():
            if line.strip():
                row = orjson.loads(line)
                out.append(Sentence(row["id"], row.get("register", ""), row["text"], tuple(row["claims"])))
    return out


def corpus_hash(folder: Path) -> str:
    """SHA-256 of the corpus files, recorded in the model card."""
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.jsonl")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class PairExample:
    """A candidate pair with its gold labels (``gold`` is None for a pair that is not a claim)."""

    sentence: Sentence
    reading: PairReading
    gold: dict[str, Any] | None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def candidate_spans(sentence: Sentence, nlp: Any) -> dict[str, list[tuple[int, int]]]:
    """Gold spans plus the mention finder's spans (those not overlapping a gold span of their kind).

    As in the pipeline, a condition that only sets the scene ("safe for children with autism", "during
    pregnancy") is left out when its sentence names another condition, and so are a condition name used as a
    modifier ("my MS nurse") and an intervention inside a description of the one before it ("amygdalin, a compound
    found in apricot kernels,"): the checker never pairs them (:func:`claimcheck.claims.claim_mentions`).
    """
    spans: dict[str, list[tuple[int, int]]] = {"intervention": [], "condition": []}
    for claim in sentence.claims:
        for kind, found in spans.items():
            span = tuple(claim[f"{kind}_span"])
            if span not in found:
                found.append(span)  # type: ignore[arg-type]
    gold = {k: list(v) for k, v in spans.items()}
    doc = nlp(sentence.text)
    mentions = []
    for sent in doc.sents:
        inside = [m for m in doc._.claimcheck_mentions if sent.start_char <= m.start < sent.end_char]
        lower = sentence.text[sent.start_char : sent.end_char].lower()
        mentions.extend(claim_mentions(inside, lower, sent.start_char))
    for mention in mentions:
        span = (mention.start, mention.end)
        if not any(_overlaps(span, g) for g in gold["intervention"] + gold["condition"]):
            spans[mention.kind].append(span)
    return spans


def pair_examples(sentence: Sentence, nlp: Any) -> Iterator[PairExample]:
    """Every intervention × condition candidate pair of a sentence, labelled from the gold claims."""
    spans = candidate_spans(sentence, nlp)
    lower = sentence.text.lower()
    hits = find_predicates(lower)
    bounds = clause_bounds(lower)
    everything = spans["intervention"] + spans["condition"]
    for i in spans["intervention"]:
        for c in spans["condition"]:
            if _overlaps(i, c):
                continue
            gold = next(
                (cl for cl in sentence.claims if _overlaps(tuple(cl["intervention_span"]), i) and _overlaps(tuple(cl["condition_span"]), c)),
                None,
            )
            others = [s for s in everything if s != i and s != c]
            interventions = [s for s in spans["intervention"] if s != i]
            yield PairExample(sentence, read_pair(sentence.text, lower, hits, bounds, i, c, others, interventions), gold)


def rival_flags(examples: list[PairExample]) -> list[bool]:
    """:func:`claimcheck.claims.rivals` for each example, read sentence by sentence (the lists of interventions
    are made of every candidate intervention span of the sentence)."""
    flags = [False] * len(examples)
    by_sentence: dict[str, list[int]] = {}
    for k, example in enumerate(examples):
        by_sentence.setdefault(example.sentence.id, []).append(k)
    for ks in by_sentence.values():
        readings = [examples[k].reading for k in ks]
        for k, flag in zip(ks, rivals(readings, [r.intervention for r in readings]), strict=True):
            flags[k] = flag
    return flags
