"""Plain-language explanations and citations. Evidence wording only: never advice."""

from __future__ import annotations

from claimcheck.kb.load import KnowledgeBase
from claimcheck.kb.schema import DESIGN_RANK, Outcome
from claimcheck.match import SERIOUS_HARMS, Match
from claimcheck.results import Citation, Claim, Label
from claimcheck.verdict import overstated

MAX_CITATIONS = 6
LABEL_PHRASES = {
    Label.SUPPORTED: "is supported by current evidence",
    Label.CONTRADICTED: "is contradicted by current evidence",
    Label.MISLEADING: "is not supported by the evidence as stated: it claims more than the evidence shows",
    Label.UNPROVEN: "is unproven: the evidence is too thin or too mixed to support or refute it",
    Label.NOT_IN_KB: "could not be checked: the knowledge base has no assessment that answers it",
}
# The answer to a question, from the verdict on what it asks: the outcome's own yes/no may answer another relation
# ("is flying safe in pregnancy?" is judged on the evidence that flying does not harm a pregnancy: "no" there is "yes" here).
QUESTION_ANSWERS = {
    Label.SUPPORTED: "yes",
    Label.CONTRADICTED: "no",
    Label.MISLEADING: "not as asked: the evidence shows less than that",
    Label.UNPROVEN: "unclear: the evidence is too thin or too mixed to say",
    Label.NOT_IN_KB: "not assessed",
}
VERBS = {
    "cures": "cures", "treats": "treats", "improves": "improves", "prevents": "prevents",
    "no_effect": "has no effect on", "harms": "worsens", "causes": "causes",
    "is_safe": "is safe with regard to", "is_approved": "is approved for",
}
NEGATED_VERBS = {
    "cures": "does not cure", "treats": "does not treat", "improves": "does not improve", "prevents": "does not prevent",
    "no_effect": "has an effect on", "harms": "does not worsen", "causes": "does not cause",
    "is_safe": "is not safe with regard to", "is_approved": "is not approved for",
}


PLURAL_VERBS = {
    "cures": "cure", "treats": "treat", "improves": "improve", "prevents": "prevent", "causes": "cause", "worsens": "worsen",
    "has": "have", "is": "are", "does": "do",
}


def _is_plural(name: str) -> bool:
    """A rough test for English plural names ("statins", "face masks"), enough for verb agreement."""
    last = name.split()[-1] if name.split() else name
    return last.islower() and last.endswith("s") and not last.endswith(("ss", "us", "is", "sis"))


def restate(claim: Claim) -> str:
    """The claim in one neutral line: "low-dose naltrexone cures multiple sclerosis"."""
    if claim.epistemic:
        verb = f"is not proven to {VERBS[claim.predicate].rstrip('s')}" if claim.predicate in ("cures", "treats", "improves", "prevents", "causes") else NEGATED_VERBS[claim.predicate]
    else:
        verb = NEGATED_VERBS[claim.predicate] if claim.negated else VERBS[claim.predicate]
    if _is_plural(claim.intervention.name):
        head, _, rest = verb.partition(" ")
        verb = " ".join(filter(None, [PLURAL_VERBS.get(head, head), rest]))
    return f"{claim.intervention.name} {verb} {claim.condition.name}"


def explain(claim: Claim, label: Label, match: Match | None) -> str:
    """One paragraph: what was claimed, what the evidence says, how sure it is."""
    lead = "The question asks whether" if claim.question else "The claim that"
    parts = [f"{lead} {restate(claim)} {LABEL_PHRASES[label] if not claim.question else ''}".rstrip() + "."]
    if claim.question:
        parts[0] = f"The question asks whether {restate(claim)}. Current evidence: {QUESTION_ANSWERS[label]}."
    if claim.comparison and not claim.epistemic:
        if label is Label.UNPROVEN and not claim.question:
            parts[0] = f"The claim that {restate(claim)} cannot be judged as stated: it is a comparison."
        parts.append(f"It compares {claim.intervention.name} with another treatment ('{claim.comparison}'); the "
                     f"knowledge base records what {claim.intervention.name} itself does, not how it compares.")
    if claim.stopped:
        parts.append(f"(Read from what stopping {claim.intervention.name} is said to do.)")
    if match is not None:
        parts.append(match.outcome.summary.strip())
        if match.outcome.population:
            parts.append(f"The evidence is about {match.outcome.population.strip().rstrip('.')}.")
        parts.append(f"Certainty of the evidence: {match.outcome.certainty.replace('_', ' ')}.")
        if match.via_specific:
            parts.append(f"(The claim names {claim.intervention.name} in general; for {claim.condition.name} it was judged on "
                         f"the evidence for '{match.matched_intervention}'.)")
        if match.via_class:
            parts.append(f"(Evidence for the class '{match.matched_intervention}', which {claim.intervention.name} belongs to, was used.)")
        if match.via_parent:
            parts.append(f"(Evidence for the broader condition '{match.matched_condition}' was used.)")
        if match.via_fallback:
            parts.append(f"(This evidence is about whether {claim.intervention.name} {match.relation} "
                         f"{claim.condition.name}, the closest question the knowledge base has.)")
        if match.via_minor_harms and match.matched_condition == SERIOUS_HARMS:
            parts.append(f"(The claim allows for minor side effects, so it was judged on the evidence about serious harms "
                         f"of {claim.intervention.name}.)")
        elif match.via_minor_harms:
            parts.append("(The claim allows for minor side effects; this evidence does not tell minor side effects "
                         "from serious ones.)")
        if match.via_general_safety:
            parts.append(f"(Judged on the evidence about serious harms of {claim.intervention.name} overall, "
                         f"not in people with {claim.condition.name} alone.)")
    words = overstated(claim, match)
    if words and label in (Label.MISLEADING, Label.SUPPORTED, Label.UNPROVEN) and not claim.negated:
        parts.append(f"Overstated wording: {', '.join(repr(e) for e in words)}.")
    if claim.anecdote and not claim.question:
        parts.append("A personal experience cannot show whether a treatment works.")
    parts.append("This is information about evidence, not medical advice.")
    return " ".join(p for p in parts if p)


def citations(outcome: Outcome, kb: KnowledgeBase) -> tuple[Citation, ...]:
    """The outcome's studies as citations, strongest designs first, retracted last."""
    studies = [kb.studies[sid] for sid in outcome.studies if sid in kb.studies]
    order = {sid: i for i, sid in enumerate(outcome.studies)}
    studies.sort(key=lambda s: (s.retracted, DESIGN_RANK.get(s.design, 9), order[s.id]))
    out = []
    for s in studies[:MAX_CITATIONS]:
        authors = s.authors[0] + (" et al." if len(s.authors) > 2 else f", {s.authors[1]}" if len(s.authors) == 2 else "")
        out.append(
            Citation(
                id=s.id, authors=authors, year=s.year, title=s.title, journal=s.journal, design=s.design,
                n=s.n, n_unit=s.n_unit, finding=s.finding, direction=s.direction,
                doi=s.doi, pmid=s.pmid, url=s.url, retracted=s.retracted,
            )
        )
    return tuple(out)
