"""Claim → the knowledge-base outcome that answers it.

A claim's predicate maps to an outcome relation (treats, prevents, causes) and
to what the claim says the answer is (yes or no). The condition hierarchy is
walked upwards when nothing more specific exists, and that is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from claimcheck.kb.load import KnowledgeBase
from claimcheck.kb.schema import Assessment, Outcome
from claimcheck.results import Claim
from claimcheck.rules import load_rules

#: predicate → (relation asked, the claim's answer before negation, fallbacks).
#: A fallback is (relation, answer before negation, weak): when the knowledge base has no outcome for the
#: relation asked, a neighbouring one may still refute the claim ("masks increase infection" against
#: "masks prevent infection: yes"); a weak fallback can refute but never support, since agreeing with
#: "does not prevent" does not show "causes". A negated claim takes no weak fallback (see ``match_claim``).
PREDICATE_RELATIONS: dict[str, tuple[str, str, tuple[tuple[str, str, bool], ...]]] = {
    "cures": ("treats", "yes", (("prevents", "yes", False),)),
    "treats": ("treats", "yes", (("prevents", "yes", False),)),
    "improves": ("treats", "yes", (("prevents", "yes", False),)),
    "no_effect": ("treats", "no", (("prevents", "no", False),)),
    "prevents": ("prevents", "yes", (("treats", "yes", False), ("causes", "no", True))),
    "causes": ("causes", "yes", (("prevents", "no", True), ("treats", "no", True))),
    "harms": ("causes", "yes", (("treats", "no", True), ("prevents", "no", True))),
    "is_safe": ("causes", "no", ()),
    "is_approved": ("treats", "yes", (("prevents", "yes", False),)),
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
    weak: bool = False  # agreement with this outcome cannot support the claim
    via_class: bool = False  # the evidence is a class's the intervention belongs to (NSAIDs for ibuprofen)
    via_general_safety: bool = False  # a safety claim for one use, judged on the intervention's serious harms overall
    via_minor_harms: bool = False  # "few side effects": minor ones granted, judged on the serious harms (when assessed)
    via_specific: bool = False  # a general entry named, judged on the one it stands for here ("vaccines" → MMR for measles)

    @property
    def matched_intervention(self) -> str:
        """The intervention whose evidence was used: the claimed one, or a class it belongs to."""
        return self.assessment.intervention


def _flip(answer: str, negated: bool) -> str:
    return ("no" if answer == "yes" else "yes") if negated else answer


def claimed_answer(claim: Claim) -> str:
    """What the claim asserts about its own relation: "yes" or "no"."""
    return _flip(PREDICATE_RELATIONS[claim.predicate][1], claim.negated)


def assessed_relations(claim: Claim, kb: KnowledgeBase) -> tuple[str, ...]:
    """The relations the knowledge base has an outcome for, for the claim's pair (when it has none for the claim's own)."""
    if claim.intervention.id is None or claim.condition.id is None:
        return ()
    found = (kb.find_outcome(claim.intervention.id, claim.condition.id, r) for r in ("treats", "prevents", "causes"))
    return tuple(outcome.relation for _, outcome, _ in filter(None, found))


#: The condition whose "causes" outcome records an intervention's serious harms overall (see ``_general_safety``).
SERIOUS_HARMS = "serious-adverse-events"

#: The generic harm condition. Safety wording that grants it in part ("few side effects", "no major side effects":
#: the rules' ``minor_harms``) allows for minor harms and denies serious ones; "no side effects" denies them all.
ADVERSE_EFFECTS = "adverse-effects"

#: The condition of assessments that judge a practice for health in general ("no health condition for which
#: there was reliable evidence that homeopathy was effective").
GENERAL_HEALTH = "general-health"


def _approval_unknown(kb: KnowledgeBase, intervention: str | None, condition: str, relation: str) -> bool:
    """Whether the pair has no outcome for ``relation`` that records an approval status."""
    found = kb.find_outcome(intervention, condition, relation) if intervention is not None else None
    return found is None or found[1].approved is None


def match_claim(claim: Claim, kb: KnowledgeBase) -> Match | None:
    """The assessment outcome for a claim, or None if the knowledge base has none.

    A general entry with no assessment for the pair is judged on the entry it stands for with that condition
    (``specific_for``: "the vaccine doesn't prevent covid" on the COVID-19 vaccines' evidence).

    When nothing answers the pair, an outcome of the intervention for health in general marked ``every_condition``
    may: a practice found to work for no condition answers a claim about any one of them. A general "yes" never
    does (validation forbids the mark there): a benefit to health in general says nothing of a particular disease.
    """
    if claim.intervention.id is None:
        return None
    relation, base, fallbacks = PREDICATE_RELATIONS[claim.predicate]
    if claim.negated and claim.predicate != "cures" and names_its_relation(claim):
        # "the MMR vaccine does not treat measles" is neither refuted by its preventing measles nor shown by the
        # lack of prevention evidence; a denied cure is still judged on whether any evidence shows a cure.
        fallbacks = tuple(f for f in fallbacks if {f[0], relation} != {"treats", "prevents"})
    # A weak fallback reads "causes Y" as "does not prevent Y"; a denial ("no link between X and Y") says
    # nothing about the other relation, so a negated claim takes no weak fallback.
    fallbacks = tuple(f for f in fallbacks if not (f[2] and claim.negated))
    tries = [(relation, base, False, False)] + [(r, a, True, w) for r, a, w in fallbacks]
    if claim.predicate == "is_approved" and claim.condition.id is not None:
        # The outcome that records the approval answers: statins are approved for preventing heart disease.
        tries.sort(key=lambda t: _approval_unknown(kb, claim.intervention.id, claim.condition.id, t[0]))
    if claim.predicate == "is_safe" and claim.condition.id == SERIOUS_HARMS:
        # "X is safe", "no serious side effects": the intervention's own serious-harms outcome, never its side effects
        # in general (the parent condition), which record mild ones too.
        serious = _serious_harms(claim.intervention.id, kb)
        return _match(claim, serious, "causes", "no", False, False) if serious is not None else None
    if claim.predicate == "is_safe" and claim.condition.id == ADVERSE_EFFECTS:
        minor = _minor_harms(claim, kb)
        if minor is not None:
            return minor
    if claim.condition.id is not None:
        for rel, answer, fallback, weak in tries:
            found = kb.find_outcome(claim.intervention.id, claim.condition.id, rel)
            if found is not None:
                return _match(claim, found, rel, answer, fallback, weak)
        specific = kb.specific_intervention(claim.intervention.id, claim.condition.id)
        for rel, answer, fallback, weak in tries if specific else ():
            found = kb.find_outcome(specific, claim.condition.id, rel)
            if found is not None:
                return replace(_match(claim, found, rel, answer, fallback, weak), via_class=False, via_specific=True)
        if claim.predicate == "is_safe":
            safety = _general_safety(claim, kb)
            if safety is not None:
                return safety
    if claim.condition.id == GENERAL_HEALTH:
        return None
    for rel, answer, fallback, weak in tries:
        found = kb.find_outcome(claim.intervention.id, GENERAL_HEALTH, rel)
        if found is not None and found[1].every_condition and found[1].answer != "yes":
            return _match(claim, found, rel, answer, fallback, weak)
    return None


def names_its_relation(claim: Claim) -> bool:
    """Whether the claim says cure or treat, not only "works" or "helps": then evidence on preventing the condition
    answers a different question, and can refute the claim but not confirm it ("the MMR vaccine treats measles" is
    not shown by its preventing measles).

    The other direction, a claim to prevent judged on treatment evidence, is :func:`names_prevention`.
    """
    if claim.predicate == "cures":
        return True
    return claim.predicate == "treats" and bool(load_rules().treatment_cues.search((claim.predicate_text or "").lower()))


def names_prevention(claim: Claim) -> bool:
    """Whether the claim says prevent ("protects against", "lowers the risk of") of the condition itself: then
    evidence on treating the condition answers a different question ("dexamethasone prevents covid" is not shown,
    nor refuted, by its treating severe covid). Not when the words right before the condition, or the condition and
    the words right after it, name events of a disease someone has ("prevents relapses of MS", "prevents sickle cell
    complications"), which is treating it.
    """
    rules = load_rules()
    if claim.predicate != "prevents" or not rules.prevention_cues.search((claim.predicate_text or "").lower()):
        return False
    end = claim.condition.start - claim.start
    before = claim.sentence[max(0, end - 40) : end].lower()
    around = claim.sentence[end : end + len(claim.condition.text) + 30].lower()
    return rules.disease_events.search(before) is None and rules.disease_events.search(around) is None


def _general_safety(claim: Claim, kb: KnowledgeBase) -> Match | None:
    """"X is safe for Y", where Y is a use of X the knowledge base assesses: judged on X's serious harms overall.

    The safety of a treatment for the disease it treats is what its trials and safety reviews measure, so the
    outcome "X causes serious adverse events" answers it. Only for such a use: "safe in pregnancy" or "safe for
    children" asks about people that general safety data may not cover, and stays unanswered.
    """
    assert claim.intervention.id is not None and claim.condition.id is not None
    if not any(kb.find_outcome(claim.intervention.id, claim.condition.id, r) for r in ("treats", "prevents")):
        return None
    found = _serious_harms(claim.intervention.id, kb)
    if found is None:  # mild side effects (the parent) do not make a treatment unsafe
        return None
    return replace(_match(claim, found, "causes", "no", False, False), via_parent=False, via_general_safety=True)


def _minor_harms(claim: Claim, kb: KnowledgeBase) -> Match | None:
    """"X has few side effects" grants minor harms: judged on X's serious harms, or, when the knowledge base records
    side effects only, on those (which cannot tell minor from serious; the verdict says so)."""
    if not load_rules().minor_harms.search((claim.predicate_text or "").lower()):
        return None
    assert claim.intervention.id is not None
    found = _serious_harms(claim.intervention.id, kb) or kb.find_outcome(claim.intervention.id, ADVERSE_EFFECTS, "causes")
    if found is None:
        return None
    return replace(_match(claim, found, "causes", "no", False, False), via_parent=False, via_minor_harms=True)


def _serious_harms(intervention: str, kb: KnowledgeBase) -> tuple[Assessment, Outcome, str] | None:
    """The intervention's own outcome for serious adverse events (not the parent's, which records mild ones too)."""
    found = kb.find_outcome(intervention, SERIOUS_HARMS, "causes")
    return found if found is not None and found[2] == SERIOUS_HARMS else None


def _match(
    claim: Claim, found: tuple[Assessment, Outcome, str], relation: str, answer: str, fallback: bool, weak: bool,
) -> Match:
    assessment, outcome, condition = found
    return Match(
        assessment=assessment, outcome=outcome, relation=relation, claimed_answer=_flip(answer, claim.negated),
        matched_condition=condition, via_parent=condition != claim.condition.id, via_fallback=fallback, weak=weak,
        via_class=assessment.intervention != claim.intervention.id,
    )
