"""Claim + matched outcome → verdict label, confidence and reasons.

The label compares what the claim asserts (and how strongly) with the evidence's
answer and its certainty. Questions get the evidence's answer but are never
flagged: they assert nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimcheck.match import PREDICATE_RELATIONS, SERIOUS_HARMS, Match, names_its_relation, names_prevention
from claimcheck.results import Claim, Label

CERTAINTY_CONFIDENCE = {"high": 0.95, "moderate": 0.85, "low": 0.72, "very_low": 0.6}
DEFAULT_FAIL_ON = frozenset({Label.CONTRADICTED, Label.MISLEADING})
EFFECTS = frozenset({"cures", "treats", "improves", "prevents"})
_DENIED_COMPARISON = re.compile(r"(?:no|not|never|isn'?t|aren'?t|wasn'?t|weren'?t|hardly|barely)\s")


@dataclass(frozen=True, slots=True)
class Judgement:
    """A label with its confidence and the reasons behind it."""

    label: Label
    confidence: float
    reasons: tuple[str, ...]


def _overclaims(claim: Claim, match: Match) -> bool:
    cure_claim = claim.predicate == "cures" and not claim.negated
    return (cure_claim and not match.outcome.cures) or _absolute(claim)


def _other_question(claim: Claim, match: Match) -> bool:
    """A claim to cure or treat judged on prevention evidence (see ``names_its_relation``)."""
    asked = PREDICATE_RELATIONS[claim.predicate][0]
    return match.via_fallback and asked == "treats" and match.relation == "prevents" and names_its_relation(claim)


def _prevention_on_treatment(claim: Claim, match: Match) -> bool:
    """A claim to prevent judged on treatment evidence (see ``names_prevention``): the evidence answers another question."""
    asked = PREDICATE_RELATIONS[claim.predicate][0]
    return match.via_fallback and asked == "prevents" and match.relation == "treats" and names_prevention(claim)


def overstated(claim: Claim, match: Match | None) -> tuple[str, ...]:
    """The claim's words that say more than the evidence: a bare "cures" is such a word, unless the outcome records a
    cure ("penicillin cures syphilis")."""
    if match is None or claim.predicate != "cures" or not match.outcome.cures:
        return claim.exaggeration
    return tuple(e for e in claim.exaggeration if e != claim.predicate_text)


def _absolute(claim: Claim) -> bool:
    """Absolute wording the verdict can name ("miracle", "100%"); a reading of certainty without words is not enough."""
    return claim.certainty == "absolute" and bool(claim.exaggeration)


def judge(claim: Claim, match: Match | None, assessed: tuple[str, ...] = ()) -> Judgement:
    """Decide the label for one claim.

    ``assessed``: when there is no match, the relations the knowledge base does assess for the claim's pair.
    """
    if match is None:
        missing = [m.text for m in (claim.intervention, claim.condition) if m.id is None]
        if missing:
            why = f"not in the knowledge base: {', '.join(repr(m) for m in missing)}"
        elif claim.predicate == "is_safe" and claim.condition.id == SERIOUS_HARMS:
            why = "the knowledge base has no assessment of this intervention's serious harms, which a claim that it is safe needs"
        elif assessed:
            asked = PREDICATE_RELATIONS[claim.predicate][0]
            why = (
                f"the knowledge base assesses this pair only for {' and '.join(repr(r) for r in assessed)}, "
                f"not for {asked!r}, which this claim ('{claim.predicate}') needs"
            )
        else:
            why = "the knowledge base has no assessment of this intervention for this condition"
        return Judgement(Label.NOT_IN_KB, round(0.9 * claim.extraction_confidence, 3), (why,))

    outcome = match.outcome
    evidence, certainty = outcome.answer, outcome.certainty
    reasons = [f"evidence answer for '{match.relation}': {evidence} (certainty {certainty.replace('_', ' ')})"]
    if certainty == "very_low" and evidence in ("yes", "no"):
        evidence = "insufficient"
        reasons.append("very-low-certainty evidence is too thin to lean either way")
    if claim.predicate == "is_approved":
        return _judge_approval(claim, match, reasons)
    if match.via_minor_harms and match.matched_condition != SERIOUS_HARMS:
        reasons.append("the claim allows for minor side effects, and the knowledge base records side effects "
                       "without telling minor from serious ones")
        return Judgement(Label.UNPROVEN, round(0.6 * claim.extraction_confidence, 3), tuple(reasons))
    claimed = match.claimed_answer
    strong_evidence = certainty in ("high", "moderate")
    label: Label
    if evidence in ("yes", "no") and _prevention_on_treatment(claim, match):
        label = Label.UNPROVEN
        reasons.append(f"the evidence is about whether {claim.intervention.name} treats {claim.condition.name}, "
                       "not whether it prevents it")
    elif claim.epistemic:
        reasons.append("the claim says the effect is not proven")
        if evidence == "yes" and strong_evidence:
            label = Label.CONTRADICTED
        elif evidence == "yes":
            label = Label.UNPROVEN
        else:
            label = Label.SUPPORTED
    elif evidence in ("insufficient", "mixed"):
        if claimed == "yes" and _overclaims(claim, match):
            label = Label.MISLEADING
            reasons.append(f"claims more than {evidence} evidence can show ({', '.join(claim.exaggeration) or claim.predicate})")
        elif (claimed == "yes" and evidence == "insufficient" and claim.certainty == "neutral"
              and not (claim.anecdote or claim.question or match.weak)):
            label = Label.MISLEADING
            reasons.append(f"states as established an effect for which the evidence is {evidence}")
        elif claimed == "no" and claim.predicate == "cures" and not outcome.cures:
            label = Label.SUPPORTED
            reasons.append("no evidence shows a cure, so denying one agrees with the evidence")
        else:
            label = Label.UNPROVEN
    elif claim.predicate == "cures" and claim.negated and evidence == "yes" and not outcome.cures:
        label = Label.SUPPORTED
        reasons.append("the evidence shows a benefit, not a cure, so denying a cure agrees with it")
    elif claimed == evidence == "yes" and _other_question(claim, match):
        label = Label.MISLEADING
        reasons.append(f"the evidence shows that {claim.intervention.name} prevents {claim.condition.name}, "
                       "which is not what the claim says")
    elif claimed == evidence and match.weak:
        label = Label.UNPROVEN
        reasons.append("the evidence agrees only in part: it answers a neighbouring question, which cannot confirm this claim")
    elif claimed == evidence:
        if claimed == "yes" and claim.predicate == "cures" and not outcome.cures:
            label = Label.MISLEADING
            reasons.append("the evidence shows a benefit, not a cure")
        elif (claimed == "yes" or claim.predicate == "is_safe") and _absolute(claim) and not strong_evidence:
            # "100% safe" on moderate evidence overstates it as "a guaranteed cure" does
            label = Label.MISLEADING
            reasons.append(f"absolute wording ({', '.join(claim.exaggeration)}) on {certainty.replace('_', ' ')}-certainty evidence")
        else:
            label = Label.SUPPORTED
            if words := overstated(claim, match):
                reasons.append(f"overstated wording: {', '.join(words)}")
    else:
        label = Label.CONTRADICTED

    if claim.comparison and not claim.epistemic and label is not Label.UNPROVEN:
        label, why = _judge_comparison(claim, evidence, label)
        reasons.append(why)
    confidence = CERTAINTY_CONFIDENCE[certainty] if label is not Label.UNPROVEN else 0.8
    if claim.certainty == "hedged" and label is Label.CONTRADICTED:
        confidence *= 0.9
        reasons.append("the claim is hedged")
    if match.via_specific:
        confidence *= 0.9
        reasons.append(f"the claim names {claim.intervention.name} in general; judged on '{match.matched_intervention}', "
                       f"the one for {claim.condition.name}")
    if match.via_class:
        confidence *= 0.85
        reasons.append(f"no assessment for the intervention itself; used the class it belongs to, '{match.matched_intervention}'")
    if match.via_parent:
        confidence *= 0.85
        reasons.append(f"no assessment for the specific condition; used the broader '{match.matched_condition}'")
    if match.via_general_safety:
        confidence *= 0.85
        reasons.append(f"no safety assessment for this use; judged on the serious harms of {match.matched_intervention} overall")
    if match.via_minor_harms:
        reasons.append("the claim allows for minor side effects; judged on the evidence about serious harms")
    if match.via_fallback:
        confidence *= 0.85
        reasons.append(f"judged against the '{match.relation}' evidence, the closest the knowledge base has")
    if claim.question:
        reasons.append("a question: it asserts nothing, so it is not flagged; the evidence's answer is given")
    if claim.reported:
        reasons.append("reported speech: the claim is attributed to someone else")
    if claim.anecdote:
        reasons.append("personal anecdote: one person's experience is not evidence of an effect")
    return Judgement(label, round(confidence * claim.extraction_confidence, 3), tuple(reasons))


def _judge_comparison(claim: Claim, evidence: str, label: Label) -> tuple[Label, str]:
    """A claim that compares its intervention with another treatment, judged only as far as the intervention's own
    evidence settles it: an assessment records what X does, not whether X beats Y.

    "X works better than Y" fails if X has no effect of its own (and an overstated cure stays overstated), but is not
    confirmed by X working; "X is no better than Y" holds if X has no effect, and is not judged if X works. Safety and
    harm compared ("safer than smoking") are relative and never judged.
    """
    yardstick = f"'{claim.comparison}'"
    denied = _DENIED_COMPARISON.match(claim.comparison or "") is not None
    if claim.predicate in EFFECTS and not denied and label in (Label.CONTRADICTED, Label.MISLEADING):
        return label, f"the claim compares it with another treatment ({yardstick}); its own evidence already fails the claim"
    if claim.predicate in EFFECTS and denied and evidence == "no":
        return Label.SUPPORTED, f"the evidence finds no effect of its own, so it is indeed {yardstick}"
    return Label.UNPROVEN, (f"the claim compares it with another treatment ({yardstick}); the knowledge base records what "
                            f"{claim.intervention.name} does, not how it compares, so the comparison is not judged")


def _judge_approval(claim: Claim, match: Match, reasons: list[str]) -> Judgement:
    approved = match.outcome.approved
    if approved is None:
        reasons.append("the knowledge base does not record the approval status for this use")
        return Judgement(Label.UNPROVEN, round(0.6 * claim.extraction_confidence, 3), tuple(reasons))
    claims_approved = not claim.negated
    reasons.append("approved by a major regulator for this use" if approved else "not approved for this use")
    label = Label.SUPPORTED if claims_approved == approved else Label.CONTRADICTED
    return Judgement(label, round(0.95 * claim.extraction_confidence, 3), tuple(reasons))
