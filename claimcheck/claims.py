"""Component ``claimcheck_claims``: pair interventions with conditions and read what is claimed.

A claim needs, in one sentence, an intervention, a condition and a predicate cue
that links them. Mentions are paired within clauses first, so "LDN helps MS, and
ivermectin cures covid" gives two claims, not four. Results go to
``doc._.claimcheck_claims`` as :class:`claimcheck.results.Claim` objects.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from claimcheck.modifiers import choose_predicate, find_predicates, read_modifiers
from claimcheck.results import Claim, Mention
from claimcheck.rules import load_rules

CLAUSE_BREAK = re.compile(r";|\s[-–—]\s|,\s*(?:and|but|while|whereas|yet)\s|\s(?:but|whereas|while|although)\s")
PREDICATE_VERBS = {
    "cures": "cures", "treats": "treats", "improves": "improves", "prevents": "prevents", "no_effect": "has no effect on",
    "harms": "worsens", "causes": "causes", "is_safe": "is safe for", "is_approved": "is approved for",
}


def clause_bounds(lower: str) -> list[tuple[int, int]]:
    """Character ranges of the clauses of a sentence."""
    bounds, start = [], 0
    for m in CLAUSE_BREAK.finditer(lower):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(lower)))
    return bounds


def _clause_of(pos: int, bounds: list[tuple[int, int]]) -> int:
    for i, (s, e) in enumerate(bounds):
        if s <= pos < e:
            return i
    return len(bounds) - 1


def pair_mentions(mentions: list[Mention], bounds: list[tuple[int, int]], offset: int) -> list[tuple[Mention, Mention]]:
    """Intervention–condition pairs: same clause first, else the nearest partner in the sentence."""
    interventions = [m for m in mentions if m.kind == "intervention"]
    conditions = [m for m in mentions if m.kind == "condition"]
    pairs: list[tuple[Mention, Mention]] = []
    clause = {id(m): _clause_of(m.start - offset, bounds) for m in mentions}
    for i in interventions:
        same = [c for c in conditions if clause[id(c)] == clause[id(i)]]
        if same:
            pairs.extend((i, c) for c in same)
    paired = {id(m) for pair in pairs for m in pair}
    for m in interventions + conditions:
        if id(m) in paired:
            continue
        others = conditions if m.kind == "intervention" else interventions
        if not others:
            continue
        nearest = min(others, key=lambda o: abs(o.start - m.start))
        pairs.append((m, nearest) if m.kind == "intervention" else (nearest, m))
    seen: set[tuple[str, str]] = set()
    unique = []
    for i, c in sorted(pairs, key=lambda p: (min(p[0].start, p[1].start), p[0].start)):
        key = (i.id or i.name.lower(), c.id or c.name.lower())
        if key not in seen:
            seen.add(key)
            unique.append((i, c))
    return unique


def extract_claims(sent: Span, mentions: list[Mention]) -> list[Claim]:
    """Every claim in one sentence, given its mentions (document offsets)."""
    if not any(m.kind == "intervention" for m in mentions) or not any(m.kind == "condition" for m in mentions):
        return []
    rules = load_rules()
    text = sent.text
    lower = text.lower()
    hits = find_predicates(lower, rules)
    if not hits:
        return []
    offset = sent.start_char
    bounds = clause_bounds(lower)
    claims = []
    for intervention, condition in pair_mentions(mentions, bounds, offset):
        first = (intervention.start - offset, intervention.end - offset)
        second = (condition.start - offset, condition.end - offset)
        chosen = choose_predicate(hits, first, second)
        if chosen is None:
            continue
        predicate, between = chosen
        clause_start = bounds[_clause_of(min(first[0], second[0], predicate.start), bounds)][0]
        mods = read_modifiers(text, lower, predicate, clause_start, [m.start - offset for m in mentions], rules)
        confidence = (0.9 if between else 0.7) * min(intervention.score, condition.score)
        claims.append(
            Claim(
                sentence=text, start=sent.start_char, end=sent.end_char,
                intervention=intervention, condition=condition,
                predicate=predicate.predicate, predicate_text=predicate.text,
                negated=mods.negated, epistemic=mods.epistemic, certainty=mods.certainty,
                question=mods.question, anecdote=mods.anecdote, reported=mods.reported,
                exaggeration=mods.exaggeration, extraction_confidence=round(confidence, 3),
            )
        )
    return claims


class ClaimExtractor:
    """Turns the mentions of each sentence into claims."""

    def __init__(self, nlp: Language, name: str = "claimcheck_claims") -> None:
        self.name = name
        if not Doc.has_extension("claimcheck_claims"):
            Doc.set_extension("claimcheck_claims", default=[])

    def __call__(self, doc: Doc) -> Doc:
        mentions = list(doc._.claimcheck_mentions)
        if not mentions:
            doc._.claimcheck_claims = []
            return doc
        claims: list[Claim] = []
        for sent in doc.sents:
            inside = [m for m in mentions if sent.start_char <= m.start < sent.end_char]
            claims.extend(extract_claims(sent, inside))
        doc._.claimcheck_claims = claims
        return doc


@Language.factory("claimcheck_claims", assigns=["doc._.claimcheck_claims"], requires=["doc._.claimcheck_mentions"])
def make_claim_extractor(nlp: Language, name: str) -> ClaimExtractor:
    """Factory: ``nlp.add_pipe("claimcheck_claims")`` after ``claimcheck_mentions``."""
    return ClaimExtractor(nlp, name)
