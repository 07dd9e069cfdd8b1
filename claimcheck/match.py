"""Claim → the knowledge-base outcome that answers it.

A claim's predicate maps to an outcome relation (treats, prevents, causes) and
to what the claim says the answer is (yes or no). The condition hierarchy is
walked upwards when nothing more specific exists, and that is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimcheck.kb.load import KnowledgeBase
from claimcheck.kb.schema import Assessment, Outcome
from claimcheck.results import Claim

#: predicate → (relation asked, the claim's answer before negation, fallback relations)
PREDICATE_RELATIONS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "cures": ("treats", "yes", ("prevents",)),
    "treats": ("treats", "yes", ("prevents",)),
    "improves": ("treats", "yes", ("prevents",)),
    "no_effect": ("treats", "no", ("prevents",)),
    "prevents": ("prevents", "yes", ("treats",)),
    "causes": ("causes", "yes", ()),
    "harms": ("causes", "yes", ()),
    "is_safe": ("causes", "no", ()),
    "is_approved": ("treats", "yes", ()),
}


@dataclass(frozen=True, slots=True)
class Match:
    """The outcome a claim is judged against, and how it was reached."""

    assessment: Assessment
    outcome: Outcome
    relation: str
    claimed_answer: str  # yes | no : what the claim asserts, after negation
    matched_condition: str
    via_parent: bool
    via_fallback: bool


def claimed_answer(claim: Claim) -> str:
    """What the claim asserts about the relation: "yes" or "no"."""
    base = PREDICATE_RELATIONS[claim.predicate][1]
    if claim.negated:
        return "no" if base == "yes" else "yes"
    return base


def match_claim(claim: Claim, kb: KnowledgeBase) -> Match | None:
    """The assessment outcome for a claim, or None if the knowledge base has none."""
    if claim.intervention.id is None or claim.condition.id is None:
        return None
    relation, _, fallbacks = PREDICATE_RELATIONS[claim.predicate]
    answer = claimed_answer(claim)
    for rel, fallback in [(relation, False)] + [(r, True) for r in fallbacks]:
        found = kb.find_outcome(claim.intervention.id, claim.condition.id, rel)
        if found is not None:
            assessment, outcome, condition = found
            return Match(
                assessment=assessment, outcome=outcome, relation=rel, claimed_answer=answer,
                matched_condition=condition, via_parent=condition != claim.condition.id, via_fallback=fallback,
            )
    return None
