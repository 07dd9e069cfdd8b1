"""Component ``claimcheck_claims``: pair interventions with conditions and read what is claimed.

A claim needs, in one sentence, an intervention, a condition and a predicate cue
that links them. Mentions are paired within clauses first, so "LDN helps MS, and
ivermectin cures covid" gives two claims, not four. Results go to
``doc._.claimcheck_claims`` as :class:`claimcheck.results.Claim` objects.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc, Span

from claimcheck.doctext import doc_text
from claimcheck.modifiers import (
    Modifiers,
    PredicateHit,
    choose_predicate,
    comparison,
    find_predicates,
    read_modifiers,
    right_before,
)
from claimcheck.results import Claim, Mention
from claimcheck.rules import Rules, load_rules

if TYPE_CHECKING:
    from claimcheck.models.runtime import ClaimModels

# The sentence after a claim's, up to its end mark: where a writer answers a question ("... covid? No.").
_EFFECT_OR_SAFETY = frozenset({"cures", "treats", "improves", "prevents", "is_safe"})
_NEXT_SENTENCE = re.compile(r"[^.!?\n]*[.!?]*")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s)")
#: What stopping X is said to do, as a claim about X: (X's predicate, whether the negation turns).
#: Stopping X cures or helps Y: X worsens Y; prevents Y: X causes Y; causes Y: X prevents Y; worsens Y:
#: X treats Y; does nothing for Y: X does not cause Y. Safety and approval of stopping say nothing of X.
CEASED: dict[str, tuple[str, bool]] = {
    "cures": ("harms", False), "treats": ("harms", False), "improves": ("harms", False),
    "prevents": ("causes", False), "causes": ("prevents", False), "harms": ("treats", False),
    "no_effect": ("causes", True),
}
CLAUSE_BREAK = re.compile(r";|\s[-–—]\s|,\s*(?:and|but|while|whereas|yet)\s|\s(?:but|whereas|while|although)\s")

def clause_bounds(lower: str) -> list[tuple[int, int]]:
    """Character ranges of the clauses of a sentence."""
    bounds, start = [], 0
    for m in CLAUSE_BREAK.finditer(lower):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(lower)))
    return bounds


_END = float("inf")


def _clause_of(pos: int, bounds: list[tuple[int, int]]) -> int:
    i = bisect_right(bounds, (pos, _END)) - 1  # the last clause starting at or before pos
    return i if i >= 0 and pos < bounds[i][1] else len(bounds) - 1


def pair_mentions(mentions: list[Mention], bounds: list[tuple[int, int]], offset: int) -> list[tuple[Mention, Mention]]:
    """Intervention–condition pairs: same clause first, else the nearest partner in the sentence.

    One pair per (intervention, condition) entry, the earliest in the sentence. Linear in the mentions
    (after sorting): a sentence that repeats names thousands of times must not build every pair.
    """
    mentions = sorted(mentions, key=lambda m: m.start)
    clause = {id(m): _clause_of(m.start - offset, bounds) for m in mentions}
    # Within a clause, the first mention of an entry pairs no later than any repeat of it.
    firsts: dict[int, dict[str, dict[str, Mention]]] = {}
    for m in mentions:
        kinds = firsts.setdefault(clause[id(m)], {"intervention": {}, "condition": {}})
        kinds[m.kind].setdefault(_key(m), m)
    pairs: list[tuple[Mention, Mention]] = []
    both = set()
    for number, kinds in firsts.items():
        if kinds["intervention"] and kinds["condition"]:
            both.add(number)
            pairs.extend((i, c) for i in kinds["intervention"].values() for c in kinds["condition"].values())
    for kind, other in (("intervention", "condition"), ("condition", "intervention")):
        partners = [m for m in mentions if m.kind == other]
        if not partners:
            continue
        starts = [m.start for m in partners]
        for m in mentions:
            if m.kind != kind or clause[id(m)] in both:
                continue
            at = bisect_left(starts, m.start)
            before = bisect_left(starts, starts[at - 1]) if at else -1  # the first of partners sharing a start
            near = [partners[j] for j in (before, at) if 0 <= j < len(partners)]
            nearest = min(near, key=lambda o: abs(o.start - m.start))  # ties: the earlier one
            pairs.append((m, nearest) if kind == "intervention" else (nearest, m))
    seen: set[tuple[str, str]] = set()
    unique = []
    for i, c in sorted(pairs, key=lambda p: (min(p[0].start, p[1].start), p[0].start)):
        key = (_key(i), _key(c))
        if key not in seen:
            seen.add(key)
            unique.append((i, c))
    return unique


def _key(m: Mention) -> str:
    return m.id or m.name.lower()


@dataclass(frozen=True, slots=True)
class PairReading:
    """What the rules read for one intervention–condition pair in one sentence (sentence offsets)."""

    sentence: str
    lower: str
    intervention: tuple[int, int]
    condition: tuple[int, int]
    others: tuple[tuple[int, int], ...]
    predicate: PredicateHit | None
    between: bool
    modifiers: Modifiers
    window: tuple[int, int]  # the clauses the pair and its predicate span
    yardstick: bool = False  # the intervention is only compared with ("better than X", "nature's X"): no claim
    purpose: bool = False  # the cue stands in a research purpose ("to determine whether X helps Y") or a hypothesis: no claim

    @property
    def asserts_nothing(self) -> bool:
        """Whether the pair can be no claim, whatever a model reads: a yardstick, a research purpose or a hypothesis."""
        return self.yardstick or self.purpose


def rivals(readings: list[PairReading], interventions: list[tuple[int, int]]) -> list[bool]:
    """Which pairs of one sentence a cue links while it also links their condition to another intervention.

    "beta carotene pills raised lung cancer rates in smokers", "Unlike harsh steroid creams, colloidal oatmeal
    soothes eczema flares": one cue, one condition, two interventions, and usually only one claim. The claim model
    may drop such a pair when it is sure enough that it is none (``thresholds.competing`` in the manifest), all but
    the most probable; a pair whose condition has a single intervention stays a claim whenever a cue links it.
    Interventions listed together ("chloroquine, favipiravir and remdesivir", "masks or distancing", "remedies
    such as X or Y") share the claim and are no rivals: only a condition linked to names in two or more separate
    lists has rivals. ``interventions``: every intervention span of the sentence (the lists are made of them all).
    """
    linked = [r.predicate is not None and not r.asserts_nothing for r in readings]
    if sum(linked) < 2:
        return [False] * len(readings)
    list_of = _lists(sorted(set(interventions) | {r.intervention for r in readings}), readings[0].lower)
    partners: dict[tuple[int, int], set[int]] = {}
    for reading, ok in zip(readings, linked, strict=True):
        if ok:
            partners.setdefault(reading.condition, set()).add(list_of[reading.intervention])
    return [ok and len(partners[r.condition]) > 1 for r, ok in zip(readings, linked, strict=True)]


_SEPARATORS = r"(?:[\s,;/&'\"]|\([^()]{0,40}\))*"  # a short aside in brackets ("lopinavir (LPV), ritonavir") joins too
# "and", "or", what introduces examples of the name before ("herbal remedies such as X or Y", "measures including
# masks, vaccines and handwashing"), what it is made of ("remedies containing an extract of X") or given with ("X with Y",
# "X in combination with Y"): the names on either side belong to one list. Up to three words may follow ("and frequent
# handwashing").
_JOINERS = (
    r"and|or|nor|plus|as well as|and/or|such as|including|like|e\.g\.|i\.e\.|containing|made from|made with|based on"
    r"|(?:in combination|combined|together|along|paired|coupled)? ?with|alongside"
)
_LIST_GAP = re.compile(rf"{_SEPARATORS}(?:(?:{_JOINERS})(?:\s+[\w'-]+){{0,3}}?{_SEPARATORS})?")
_CONJUNCTION = re.compile(rf"(?<![\w.])(?:{_JOINERS})(?![\w])|[&/]")


def _lists(spans: list[tuple[int, int]], lower: str) -> dict[tuple[int, int], int]:
    """The list each of the (sorted) intervention spans belongs to, by number. Neighbours joined by commas and a
    conjunction ("x, y and z", "x or y", "x/y") form one list; a run joined by commas alone ("unlike x, y ...")
    is no list, each of its names stands alone."""
    out: dict[tuple[int, int], int] = {}
    runs: list[list[tuple[int, int]]] = []
    conjoined: list[bool] = []
    for k, span in enumerate(spans):
        if k:
            end, start = spans[k - 1][1], span[0]
            gap = lower[end:start] if start > end else ""
            if _LIST_GAP.fullmatch(gap):
                runs[-1].append(span)
                conjoined[-1] = conjoined[-1] or start <= end or _CONJUNCTION.search(gap) is not None
                continue
        runs.append([span])
        conjoined.append(False)
    number = 0
    for run, joined in zip(runs, conjoined, strict=True):
        for span in run:
            out[span] = number
            number += not joined
        number += joined
    return out


def read_pair(
    sentence: str, lower: str, hits: list[PredicateHit], bounds: list[tuple[int, int]],
    intervention: tuple[int, int], condition: tuple[int, int], others: list[tuple[int, int]],
    interventions: Sequence[tuple[int, int]] = (),
) -> PairReading:
    """The rules' reading of one pair; the modifiers are read even when no predicate cue links the pair.

    ``others``: every other mention of the sentence; ``interventions``: those of them that are interventions.
    """
    rules = load_rules()
    clause = bounds[_clause_of(condition[0], bounds)]
    chosen = choose_predicate(
        hits, intervention, condition, clause=clause, attributive=rules.attributive, lower=lower, others=others,
        interventions=interventions,
    )
    predicate, between = chosen if chosen else (None, False)
    if predicate is not None and (
        _indication_only(lower, predicate, intervention, condition, others, interventions, bounds[_clause_of(predicate.start, bounds)])
        or _population_only(lower, predicate, condition, others, interventions)
    ):
        predicate, between = None, False
    if_clause = _if_clause(lower, predicate, intervention, condition, rules) if predicate is not None else None
    purpose = predicate is not None and (_purpose_only(lower, predicate, bounds, rules) or if_clause == "hypothesis")
    if purpose:
        predicate, between = None, False
    anchor = predicate or PredicateHit("none", max(intervention[0], condition[0]), max(intervention[0], condition[0]), "", False)
    clause_start = bounds[_clause_of(min(intervention[0], condition[0], anchor.start), bounds)][0]
    last = max(intervention[1], condition[1], anchor.end) - 1
    window = (clause_start, bounds[_clause_of(max(last, clause_start), bounds)][1])
    starts = sorted([intervention[0], condition[0], *(o[0] for o in others)])
    names = [intervention, condition, *others]
    mods = read_modifiers(sentence, lower, anchor, clause_start, starts, rules, window, hits, names)
    if predicate is not None and not mods.negated and (
        _denied_after(lower, predicate, condition, window, rules, others)
        or _called_liar(lower, predicate, intervention, condition, window, rules)
        or _elided_denial(lower, predicate, intervention, others, rules)
        or _set_apart(lower, predicate, intervention, rules)
        or _excluded_after(lower, predicate, intervention, rules)
        or _only_another(lower, predicate, intervention, interventions)
    ):
        mods = replace(mods, negated=True)
    elif predicate is not None and mods.negated and _elided_affirmation(lower, predicate, intervention, others, rules):
        mods = replace(mods, negated=False)
    if predicate is not None:
        affirms, denies = rules.rebuttal
        end = max(intervention[1], condition[1], predicate.end)
        denial = mods.negated != (predicate.predicate == "no_effect")  # "does nothing for" denies the effect too
        rebutted = (affirms if denial else denies).match(lower, end)
        # "melatonin is not a cure for insomnia, but it helps": helping is less than the cure denied, which stays denied.
        if rebutted and not (denial and predicate.predicate == "cures" and _LESSER_AFFIRMATION.search(rebutted.group(0))):
            mods = replace(mods, negated=not mods.negated)
    if if_clause == "rhetorical":
        mods = replace(mods, negated=not mods.negated, question=False)  # a rhetorical question asserts
    if predicate is not None and not mods.negated and _weak_evidence_after(lower, predicate, intervention, condition, window, others, rules):
        mods = replace(mods, negated=True, epistemic=True)
    mods = _answered_within(sentence, max(intervention[1], condition[1], anchor.end), mods, rules)
    yardstick = rules.comparator.search(lower, max(0, intervention[0] - 40), intervention[0]) is not None and (
        rules.praise_above_all.search(lower, clause_start, intervention[0]) is None
    ) or (  # "but only ldn helped" denies the cue for the ones before (_only_another): they stay, denied
        predicate is not None and _displaced(lower, predicate, intervention, interventions, rules)
        and not _only_another(lower, predicate, intervention, interventions)
    )
    return PairReading(sentence, lower, intervention, condition, tuple(others), predicate, between, mods, window, yardstick, purpose)


_LESSER_AFFIRMATION = re.compile(r"\b(?:helps?|helped|works?|worked)\b")


def _displaced(
    lower: str, predicate: PredicateHit, intervention: tuple[int, int], interventions: Sequence[tuple[int, int]], rules: Rules,
) -> bool:
    """Whether the cue is said of another intervention named between this one and the cue, the writer having waved
    this one away ("forget statins, garlic lowers cholesterol") or set it against the other ("my doctor pushed chemo
    but apricot kernels cured my cancer"): then the pair claims nothing (``displaced`` in rules/modifiers.yaml)."""
    if predicate.start < intervention[1]:
        return False
    dismissals, contrast = rules.displaced
    dismissed = dismissals.search(lower, max(0, intervention[0] - 40), intervention[0]) is not None
    for start, end in interventions:
        if not intervention[1] <= start or end > predicate.start:
            continue
        gap = lower[intervention[1] : start]
        if dismissed and _CONJUNCTION.search(gap) is None:
            return True
        if contrast.search(gap) is not None and right_before(lower, end, predicate.start):
            return True
    return False


def _denied_after(
    lower: str, predicate: PredicateHit, condition: tuple[int, int], window: tuple[int, int], rules: Rules,
    others: Sequence[tuple[int, int]] = (),
) -> bool:
    """Whether a denial after the cue takes the claim back: "approved for rickets, not covid" (for covid),
    "a link researchers have ruled out", "… is a myth". A denial after another name denies that one ("MSG is safe,
    the Chinese restaurant syndrome thing is a myth")."""
    if predicate.end <= condition[0] and rules.contrast.search(lower, max(predicate.end, condition[0] - 26), condition[0]):
        return True
    start = max(predicate.end, condition[1])
    denial = rules.denied_after.search(lower, start, window[1])
    return denial is not None and not any(start <= s < denial.start() for s, _ in others)


# "X for Y", and the time X is taken: "fish oil while pregnant prevents allergies", "tylenol during pregnancy causes autism".
_INDICATION = re.compile(r"\s+(?:for|while|during)\s+(?:(?:the|my|your|his|her|their|our|a|an|being|early|late)\s+)?")


def _indication_only(
    lower: str, predicate: PredicateHit, intervention: tuple[int, int], condition: tuple[int, int],
    others: Sequence[tuple[int, int]], interventions: Sequence[tuple[int, int]], clause: tuple[int, int],
) -> bool:
    """Whether the condition only says what the intervention is used for, or when, the cue after it being said of
    another condition in the cue's clause: "radiotherapy for breast cancer causes heart disease", "metformin for
    diabetes causes B12 deficiency", "fish oil while pregnant prevents allergies" claim nothing of breast cancer,
    diabetes or pregnancy."""
    if not intervention[1] <= condition[0] or not condition[1] <= predicate.start:
        return False
    if _INDICATION.fullmatch(lower, intervention[1], condition[0]) is None:
        return False
    taken = set(interventions)
    return any(
        span not in taken and predicate.end <= span[0] < clause[1] and _OBJECT_GAP.fullmatch(lower, predicate.end, span[0])
        for span in others
    )


_OBJECT_GAP = re.compile(r"[^,;:.!?]{0,40}")  # the cue's object follows it closely, in the same phrase
_POPULATION = re.compile(r"\s+in\s+(?:(?:people|patients|adults|men|women|children|kids|those|anyone)\s+(?:with|who have)\s+)?(?:(?:a|an|the)\s+)?$")


def _population_only(
    lower: str, predicate: PredicateHit, condition: tuple[int, int], others: Sequence[tuple[int, int]],
    interventions: Sequence[tuple[int, int]],
) -> bool:
    """Whether the condition only names the people a claim about another condition is made in: "warfarin prevents
    strokes in atrial fibrillation", "statins prevent heart attacks in people with diabetes" claim nothing of atrial
    fibrillation or diabetes (the other condition follows the cue closely, and "in" this one follows it)."""
    if not predicate.end <= condition[0]:
        return False
    taken = set(interventions)
    for span in others:
        if span in taken or not predicate.end <= span[0] or not span[1] <= condition[0]:
            continue
        if _OBJECT_GAP.fullmatch(lower, predicate.end, span[0]) and _POPULATION.search(lower, span[1], condition[0]):
            return True
    return False


def _called_liar(
    lower: str, predicate: PredicateHit, intervention: tuple[int, int], condition: tuple[int, int],
    window: tuple[int, int], rules: Rules,
) -> bool:
    """Whether the claim is reported only to call whoever makes it a liar: "whoever told you vitamin C cures cancer
    lied", "anyone who says X cures Y is lying to you" (``called_liar`` in rules/modifiers.yaml): the frame ends
    right before the claim's first word, the verdict on its maker starts right after its last."""
    frame, verdict = rules.called_liar
    first = min(predicate.start, condition[0], intervention[0])
    last = max(predicate.end, condition[1], intervention[1])
    return frame.search(lower, window[0], first) is not None and verdict.match(lower, last) is not None


def _weak_evidence_after(
    lower: str, predicate: PredicateHit, intervention: tuple[int, int], condition: tuple[int, int],
    window: tuple[int, int], others: list[tuple[int, int]], rules: Rules,
) -> bool:
    """Whether the evidence for the claim, named before it, is called weak after it: "evidence that CBD treats
    anxiety is weak at best" (an epistemic denial, as "little evidence that CBD treats anxiety"), or the writer denies
    the evidence after the claim: "while some claim turmeric cures cancer, there is no good evidence for it"."""
    before, after = rules.evidence_after
    claim_end = max(predicate.end, condition[1], intervention[1])
    denial = rules.evidence_denied_after.search(lower, claim_end)  # it closes the sentence: past the clause too
    if denial is not None and not any(claim_end <= start < denial.start() for start, _ in others):
        return True  # "while some claim X cures Y, there is no good evidence for it"
    return before.search(lower, window[0], intervention[0]) is not None and after.search(lower, claim_end, window[1]) is not None


def _elided_denial(
    lower: str, predicate: PredicateHit, intervention: tuple[int, int], others: list[tuple[int, int]], rules: Rules,
) -> bool:
    """Whether a bare denial right after the intervention, after the cue, denies the claim it elides: "lexapro
    worked for my depression where zoloft didn't" (for zoloft), "after mesalamine stopped working"."""
    return predicate.end <= intervention[0] and _bare_after(rules.elided_denial, lower, intervention, others)


def _elided_affirmation(
    lower: str, predicate: PredicateHit, intervention: tuple[int, int], others: list[tuple[int, int]], rules: Rules,
) -> bool:
    """Whether the intervention, after a denied cue, is given the claim the denial took from another: "LDN doesn't
    help MS, ocrevus does", "the turmeric isn't what cleared it, it was the light therapy" (for ocrevus, light therapy)."""
    after, before = rules.elided_affirmation
    return predicate.end <= intervention[0] and (
        _bare_after(after, lower, intervention, others)
        or before.search(lower, max(0, intervention[0] - 40), intervention[0]) is not None
    )


def _bare_after(pattern: re.Pattern[str], lower: str, intervention: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    """Whether ``pattern`` matches right after the intervention with no other mention in between ("remicade after
    humira stopped working": the denial is humira's)."""
    m = pattern.match(lower, intervention[1])
    if m is None:
        return False
    # A name coordinated with this one shares its denial: "when 4 ssris and ketamine didn't" (for the SSRIs too).
    end = intervention[1]
    for start, stop in sorted(o for o in others if intervention[1] <= o[0] < m.end()):
        if _COORDINATION.fullmatch(lower, end, start) is None:
            return False
        end = stop
    return True


_COORDINATION = re.compile(r"\s*(?:,|and|or|nor|&|/|,\s*and|,\s*or)?\s*")


def _set_apart(lower: str, predicate: PredicateHit, intervention: tuple[int, int], rules: Rules) -> bool:
    """Whether "not" sets the intervention apart before the cue: "pacing, not the supplement stack, is what got my
    fatigue under control" (for the stack)."""
    before, after = rules.set_apart
    return (
        intervention[1] <= predicate.start
        and before.search(lower, max(0, intervention[0] - 30), intervention[0]) is not None
        and after.match(lower, intervention[1]) is not None
    )


def _excluded_after(lower: str, predicate: PredicateHit, intervention: tuple[int, int], rules: Rules) -> bool:
    """Whether "not" or "unlike" excludes the intervention from the claim made before it: "remdesivir is approved for
    covid, not hcq" (for hcq)."""
    return predicate.end <= intervention[0] and rules.excluded_after.search(lower, max(predicate.end, intervention[0] - 40), intervention[0]) is not None


_ONLY = re.compile(r"(?<![\w'-])(?:only|just) (?:the |my |a |an |taking |using |starting )?$")


def _only_another(
    lower: str, predicate: PredicateHit, intervention: tuple[int, int], interventions: Sequence[tuple[int, int]],
) -> bool:
    """Whether the cue is said of another intervention alone, named after this one: "i tried acupuncture and
    massage but only ldn helped my back pain" (for acupuncture and massage)."""
    return any(
        intervention[1] <= start and end <= predicate.start
        and lower[start:end] != lower[intervention[0] : intervention[1]]  # "ldn and only ldn helped"
        and _ONLY.search(lower, max(0, start - 20), start) is not None
        and right_before(lower, end, predicate.start)
        for start, end in interventions
    )


def _purpose_only(lower: str, predicate: PredicateHit, bounds: list[tuple[int, int]], rules: Rules) -> bool:
    """Whether the cue stands in a "whether" clause of research purpose ("to determine whether X helps Y")
    and the evidence is not denied around it, or is a question about the dose (see ``purpose`` and
    ``dosage_question`` in rules/modifiers.yaml)."""
    start = bounds[_clause_of(predicate.start, bounds)][0]
    before = lower[start : predicate.start]
    dosage = rules.dosage_question.search(before)
    # "how much vitamin D should I take for covid?", "what dose of ldn works best for crohns?" ask about the dose
    if dosage is not None and (predicate.text.split(" ", 1)[0] in _MODALS or dosage.group(0).startswith("what")):
        return True
    return rules.purpose.search(before) is not None and rules.epistemic.search(lower[start : predicate.end + 30]) is None


_MODALS = frozenset({"should", "can", "could", "may", "must"})


def _if_clause(
    lower: str, predicate: PredicateHit, intervention: tuple[int, int], condition: tuple[int, int], rules: Rules,
) -> str | None:
    """What an if-clause that opens the sentence and holds the pair and its cue does to the claim.

    "hypothesis": it asserts nothing ("If baking soda cured cancer, oncologists would be out of a job", the
    annotation guideline); "rhetorical": a why-question after it argues the opposite of the clause ("if hcq
    didn't work for covid, why would they ban it?" argues that it works); None: no such clause.
    """
    opening = rules.hypothesis.match(lower)
    if opening is None:
        return None
    # Without a comma, the clause ends where a conditional main clause begins ("if it cured covid we'd all know").
    end = _HYPOTHESIS_END.search(lower, opening.end()) or _CONDITIONAL_MAIN.search(lower, opening.end())
    if end is None:  # nothing follows the if-clause: it is not a condition on anything
        return None
    inside = opening.end() <= min(intervention[0], condition[0], predicate.start)
    if not inside or max(intervention[1], condition[1], predicate.end) > end.start():
        return None
    if _RHETORICAL.match(lower, end.end()) is not None:
        return "rhetorical"
    return "hypothesis" if rules.hypothesis_denied.search(lower, opening.end(), end.start()) is None else None


_HYPOTHESIS_END = re.compile(r",|\sthen\s|\s(?=why\b|how come\b)")
_RHETORICAL = re.compile(r"\s*(?:then\s+)?(?:why|how come)\b")
_CONDITIONAL_MAIN = re.compile(r"\s(?=(?:we|you|they|i|he|she|everyone|everybody|nobody|no one|people|doctors)(?:'d|\s+would|\s+wouldn'?t)\b)")


_GERUND = re.compile(r"[a-z]+ing\b|no more\b")


def stopped(lower: str, interventions: list[tuple[int, int]], rules: Rules) -> dict[int, tuple[int, int]]:
    """The interventions said to be stopped ("quitting X", "avoiding X", "cutting out X"), by start offset,
    each with the span of its stopping words."""
    found = {}
    for start, _ in interventions:
        m = rules.cessation.search(lower, max(0, start - 60), start)
        if m is not None:
            found[start] = m.span()
    if found and len(interventions) > 1:
        # "quitting sugar and coffee cured my acne": the names listed after one stopped by a gerund are stopped too
        # (after a finite verb the next name may start a clause: "i quit sugar and ldn cured my fibro").
        spans = sorted(set(interventions))
        list_of = _lists(spans, lower)
        for before, after in pairwise(spans):
            stop = found.get(before[0])
            if stop is not None and after[0] not in found and list_of[before] == list_of[after] and _GERUND.match(lower, stop[0]):
                found[after[0]] = stop
    return found


def ceased(lower: str, intervention: tuple[int, int], predicate: PredicateHit | None, rules: Rules) -> bool:
    """Whether a claim about a stopped intervention is about the stopping: a cue after X counts only if X is
    not made the subject again in between ("stop X because it causes Y" claims what X does)."""
    end = intervention[1]
    return predicate is None or predicate.start < end or rules.cessation_resumed.search(lower, end, predicate.start) is None


def rule_claim(reading: PairReading) -> tuple[str, dict[str, object], float] | None:
    """The rules' decision: (predicate, attributes, confidence), or None when no cue links the pair."""
    if reading.predicate is None or reading.asserts_nothing:
        return None
    mods = reading.modifiers
    attrs = {"negated": mods.negated, "certainty": mods.certainty, "question": mods.question,
             "anecdote": mods.anecdote, "reported": mods.reported}
    return reading.predicate.predicate, attrs, 0.9 if reading.between else 0.7


def _sets_scene(lower: str, start: int, end: int) -> bool:
    """Whether a setting word stands right before the condition at ``start:end`` (see ``settings`` in rules)."""
    return any(m.end() == start for m in load_rules().settings.finditer(lower, max(0, start - 40), end))


def without_settings(mentions: list[Mention], lower: str, offset: int) -> list[Mention]:
    """The mentions less the conditions that only set the scene ("during pregnancy") when the sentence names
    another condition: "Tylenol during pregnancy causes autism" is about autism.

    A scene-setter in the knowledge base is kept unless the other condition is in it too: "zinc during covid
    prevents loss of smell" keeps the covid pair, the one the knowledge base can answer.
    """
    settings = [m for m in mentions if m.kind == "condition" and _sets_scene(lower, m.start - offset, m.end - offset)]
    others = [m for m in mentions if m.kind == "condition" and m not in settings]
    if not settings or not others:
        return mentions
    known = any(m.id is not None for m in others)
    dropped = [m for m in settings if m.id is None or known]
    return [m for m in mentions if m not in dropped]


# ", a compound found in apricot kernels," / ", the drug from the opioid family,": a description of the name before it,
# closed by a comma and holding no list ("ldn, the vitamin d and fish oil, ..." is a list).
_APPOSITIVE = re.compile(
    r",\s*(?:the|a|an|aka|a\.k\.a\.|also known as|i\.e\.)\s(?:(?!\b(?:and|or)\b(?! other\b)|\bnor\b|&|/)[^,;:.!?()])+,"
)  # "and other stone fruits" describes; "the vitamin d and fish oil" lists
_LIST_GOES_ON = re.compile(r"\s*(?:and|or|nor|plus|as well as|&)\b")
_SPACES = re.compile(r"\s*")


def without_appositives(mentions: list[Mention], lower: str, offset: int) -> list[Mention]:
    """The mentions less the interventions inside a description of the intervention named right before it:
    "Amygdalin, a compound found in apricot kernels, does not cure cancer" is about amygdalin."""
    interventions = sorted((m for m in mentions if m.kind == "intervention"), key=lambda m: m.start)
    dropped: set[int] = set()
    for named in interventions:
        found = _APPOSITIVE.match(lower, named.end - offset)
        if found is None or _LIST_GOES_ON.match(lower, found.end()):
            continue
        start, end = found.start() + offset, found.end() + offset
        after = offset + _SPACES.match(lower, found.end()).end()
        if any(m.start == after for m in interventions):  # "ldn, the vitamin d, fish oil ...": a list
            continue
        dropped.update(id(m) for m in interventions if m is not named and start <= m.start and m.end <= end)
    return [m for m in mentions if id(m) not in dropped] if dropped else mentions


def without_modifier_uses(mentions: list[Mention], lower: str, offset: int) -> list[Mention]:
    """The mentions less the condition names used as modifiers: "my MS nurse says LDN helps fatigue" is about
    fatigue (``modifier_heads`` in rules/modifiers.yaml)."""
    heads = load_rules().modifier_heads
    return [m for m in mentions if m.kind != "condition" or heads.match(lower, m.end - offset) is None]


def claim_mentions(mentions: list[Mention], lower: str, offset: int) -> list[Mention]:
    """The mentions a claim of the sentence ``lower`` may pair (document offsets; the sentence starts at ``offset``)."""
    kept = without_modifier_uses(without_settings(mentions, lower, offset), lower, offset)
    return without_appositives(kept, lower, offset)


def extract_claims(sent: Span, mentions: list[Mention], models: ClaimModels | None = None) -> list[Claim]:
    """Every claim in one sentence, given its mentions (document offsets).

    A sentence without any predicate cue holds no claim (this is also what makes
    the raw-text pre-filter sound). With trained ``models``, they decide whether
    a pair is a claim and read its attributes, each where it measured better
    than the rules; otherwise the rules decide.
    """
    if not any(m.kind == "intervention" for m in mentions) or not any(m.kind == "condition" for m in mentions):
        return []
    reader = _SentenceReader.of(sent, mentions)
    if reader is None:
        return []
    pairs = pair_mentions(reader.mentions, reader.bounds, reader.offset)
    firsts = [(i.start - reader.offset, i.end - reader.offset) for i, _ in pairs]
    readings = [reader.read(i, c, first) for (i, c), first in zip(pairs, firsts, strict=True)]
    spans = [(m.start - reader.offset, m.end - reader.offset) for m in reader.mentions if m.kind == "intervention"]
    flags = rivals(readings, spans)
    if models is not None:
        flags = models.droppable(readings, flags)
    claims: list[Claim] = []
    for (intervention, condition), first, reading, rival in zip(pairs, firsts, readings, flags, strict=True):
        claims.extend(reader.claims(intervention, condition, first, models, reading=reading, rival=rival))
    return claims


def antecedent_claims(
    sent: Span, mentions: list[Mention], previous: list[Mention], models: ClaimModels | None = None, *, topic: bool = False,
) -> list[Claim]:
    """Claims of a sentence that names a condition but no intervention, about what the sentence before it names
    (``previous``: that sentence's intervention mentions), through a pronoun right before a predicate cue: "tried
    ldn last year. it cured my ms" (rules/modifiers.yaml, ``antecedent``). A singular pronoun stands for the one
    intervention named before; "they" for a plural name ("statins") or for each of several ("vitamin d and zinc").
    After a sentence that only asks about its interventions (``topic``: "ldn?"), no pronoun is needed: "ldn? waste
    of money for my fibro" is read as if the sentence opened with the name.

    The pair is read with the pronoun (or an empty span where the sentence starts) in the intervention's place; the
    claim names the intervention.
    """
    if not previous or any(m.kind == "intervention" for m in mentions) or not any(m.kind == "condition" for m in mentions):
        return []
    named: dict[str, Mention] = {}
    for m in previous:
        named.setdefault(_key(m), m)
    rules = load_rules()
    text = doc_text(sent.doc)[sent.start_char : sent.end_char]
    several = len(named) > 1
    plural_name = not several and _plural(next(iter(named.values())).text)
    pronoun = _subject_pronoun(text.lower(), rules, singular=not several, plural=several or plural_name)
    if pronoun is None and topic:
        opening = len(text) - len(text.lstrip())
        pronoun = (opening, opening)
    if pronoun is None:
        return []
    reader = _SentenceReader.of(sent, mentions, pronoun)
    if reader is None:
        return []
    conditions: dict[str, Mention] = {}
    for m in reader.mentions:
        if m.kind == "condition":
            conditions.setdefault(_key(m), m)
    word = text[pronoun[0] : pronoun[1]]
    return [
        claim
        for condition in conditions.values()
        for intervention in named.values()
        # after a bare question the output names the question ("ldn?") where a pronoun would stand
        for claim in reader.claims(intervention, condition, pronoun, models, word or f"{intervention.text}?")
    ]


def asks_only_about(text: str, mentions: list[Mention], offset: int = 0) -> bool:
    """Whether a sentence (``text``, starting at ``offset`` in the mentions' offsets) only names its interventions and
    asks: "LDN?", "what about turmeric and ginger?" (``topic_openers`` in rules/modifiers.yaml)."""
    names = sorted((m.start - offset, m.end - offset) for m in mentions if m.kind == "intervention")
    if not names or not text.rstrip().endswith("?"):
        return False
    masked, pos = [], 0
    for start, end in names:
        masked += [text[pos:start], "\x00"]
        pos = end
    masked.append(text[pos:])
    return load_rules().topic.fullmatch("".join(masked).lower()) is not None


def _plural(name: str) -> bool:
    lowered = name.lower()
    return lowered.endswith("s") and not lowered.endswith("ss")


def _subject_pronoun(lower: str, rules: Rules, *, singular: bool, plural: bool) -> tuple[int, int] | None:
    """The first pronoun of the wanted number in ``lower`` with a predicate cue at most ``antecedent_reach``
    words after it, unless the cue is followed by "to" (the empty "it" of "it helps to rest")."""
    for m in rules.antecedent.finditer(lower):
        if not (plural if m.group("plural") else singular):
            continue
        rest = lower[m.end() :]
        cue = rules.cue_search.search(rest)
        if cue is None or len(_WORDS.findall(rest[: cue.start()])) > rules.antecedent_reach:
            continue
        if rest.startswith(" to ", cue.end()):
            continue
        return m.start(), m.end()
    return None


_WORDS = re.compile(r"[\w'-]+")


@dataclass
class _SentenceReader:
    """What every pair of one sentence is read against: its text, predicate cues, clauses and stopped interventions."""

    sent: Span
    text: str
    lower: str
    hits: list[PredicateHit]
    bounds: list[tuple[int, int]]
    stops: dict[int, tuple[int, int]]
    mentions: list[Mention]
    offset: int
    rules: Rules

    @classmethod
    def of(cls, sent: Span, mentions: list[Mention], pronoun: tuple[int, int] | None = None) -> _SentenceReader | None:
        """None when the sentence has no predicate cue (outside what stopping an intervention says)."""
        rules = load_rules()
        text = doc_text(sent.doc)[sent.start_char : sent.end_char]
        lower = text.lower()
        hits = find_predicates(lower, rules)
        if not hits:
            return None
        offset = sent.start_char
        # "reducing", "stopping", "removing" before an intervention say that it is stopped, not what it does.
        spans = [(m.start - offset, m.end - offset) for m in mentions if m.kind == "intervention"]
        stops = stopped(lower, spans + ([pronoun] if pronoun else []), rules)
        hits = [h for h in hits if not any(s <= h.start < e for s, e in stops.values())]
        if not hits:
            return None
        return cls(sent, text, lower, hits, clause_bounds(lower), stops, claim_mentions(mentions, lower, offset), offset, rules)

    def read(self, intervention: Mention, condition: Mention, first: tuple[int, int]) -> PairReading:
        """The rules' reading of one pair; ``first``: where the intervention (or a pronoun for it) stands."""
        second = (condition.start - self.offset, condition.end - self.offset)
        other = [m for m in self.mentions if m is not intervention and m is not condition]
        others = [(m.start - self.offset, m.end - self.offset) for m in other]
        interventions = [(m.start - self.offset, m.end - self.offset) for m in other if m.kind == "intervention"]
        return read_pair(self.text, self.lower, self.hits, self.bounds, first, second, others, interventions)

    def claims(
        self, intervention: Mention, condition: Mention, first: tuple[int, int], models: ClaimModels | None,
        antecedent: str | None = None, *, reading: PairReading | None = None, rival: bool = False,
    ) -> list[Claim]:
        """The claims of one pair; ``first``: where the intervention stands in the sentence (a pronoun standing
        for it when ``antecedent`` is given); ``reading``: the pair's reading if already made; ``rival``: the cue
        also links the condition to another intervention (see :func:`rivals`)."""
        lower, rules = self.lower, self.rules
        if reading is None:
            reading = self.read(intervention, condition, first)
        decided = models.decide(reading, rival=rival) if models is not None else rule_claim(reading)
        if decided is None:
            return []
        predicate, attrs, confidence = decided
        mods = reading.modifiers
        negated = bool(attrs["negated"])
        exaggeration = mods.exaggeration
        stopped_here = first[0] in self.stops and ceased(lower, first, reading.predicate, rules)
        if stopped_here:
            if predicate not in CEASED:
                return []
            predicate, turn = CEASED[predicate]
            negated ^= turn
            exaggeration = ()  # "quitting sugar cured my acne" overstates nothing about sugar
        if predicate == "cures" and not negated and not exaggeration:
            exaggeration = (reading.predicate.text,) if reading.predicate else ("cure",)
        compared = comparison(lower, max(first[1], reading.window[0]), reading.window[1], rules)
        return [
            Claim(
                sentence=self.text, start=self.sent.start_char, end=self.sent.end_char,
                intervention=intervention, condition=condition,
                predicate=said, predicate_text=reading.predicate.text if reading.predicate else None,
                negated=negated, epistemic=mods.epistemic and negated, certainty=str(attrs["certainty"]),
                question=bool(attrs["question"]), anecdote=bool(attrs["anecdote"]), reported=bool(attrs["reported"]),
                exaggeration=exaggeration if not negated else tuple(e for e in exaggeration if e != "cure"),
                extraction_confidence=round(confidence * min(intervention.score, condition.score), 3),
                stopped=stopped_here, comparison=compared, antecedent=antecedent,
            )
            for said in _claimed(predicate, lower, reading.window, rules)
            if _carries(condition, said)
        ]


def _carries(condition: Mention, predicate: str) -> bool:
    """Whether a claim of ``predicate`` can be about ``condition``. The condition that safety words name by themselves
    ("raw milk is safe": serious harms, rules/organ-phrases.yaml) carries safety only: "the vaccine is safe and
    effective" claims no treatment of harms. Childhood, a setting of safety claims and no disease
    (knowledge/conditions/children.yaml), carries safety and harm only: "ldn for teens with crohns works great" claims
    nothing about treating teenagers."""
    if condition.source == "organ" and condition.id == "serious-adverse-events":
        return predicate == "is_safe"
    return condition.id != _CHILDHOOD or predicate in ("is_safe", "causes", "harms")


_CHILDHOOD = "children"


def _claimed(predicate: str, lower: str, window: tuple[int, int], rules: Rules) -> tuple[str, ...]:
    """The predicates one pair claims: "effective and safe" claims both an effect and safety, each with its
    own evidence; otherwise the one predicate read."""
    if predicate in _EFFECT_OR_SAFETY and rules.safe_and_effective.search(lower, *window):
        return (predicate if predicate != "is_safe" else "treats", "is_safe")
    return (predicate,)


def answered(claim: Claim, text: str, rules: Rules | None = None) -> Claim:
    """What the next sentence does to a claim. A question it answers asserts the answer: "Will garlic water cure
    coronavirus? No." denies the cure; "Does X help Y? Yes." asserts it. A claim it mocks is taken back: "apple
    cider vinegar fixed my reflux. said no one ever". ``text``: the text the claim's offsets point into."""
    rules = rules or load_rules()
    following = _NEXT_SENTENCE.match(text, claim.end)
    negated, question = answer_to(claim.negated, claim.question, claim.reported, following.group(0) if following else "", rules)
    return claim if (negated, question) == (claim.negated, claim.question) else replace(claim, negated=negated, question=question)


def answer_to(negated: bool, question: bool, reported: bool, answer: str, rules: Rules) -> tuple[bool, bool]:
    """(negated, question) of a claim once the sentence after it, ``answer``, is read (see :func:`answered`).

    A reported claim the writer answers is denied or affirmed as a question is: "Some say LDN cures MS. It doesn't."
    denies the cure; "They say LDN doesn't help MS. It does." affirms the help.
    """
    if not (question or reported) and rules.sarcasm_after.match(answer.strip().lower()):
        return not negated, question
    if reported and not question:
        if not negated and rules.answer_no.fullmatch(answer):
            return True, False
        if negated and rules.answer_affirms.fullmatch(answer):
            return False, False
        return negated, question
    if not question or negated:
        return negated, question
    if rules.answer_no.fullmatch(answer):
        return True, False
    if rules.answer_yes.fullmatch(answer):
        return False, False
    return negated, question


def _answered_within(sentence: str, claim_end: int, mods: Modifiers, rules: Rules) -> Modifiers:
    """A text read as one sentence that goes on past the claim's sentence ("Do Vaccines Cause Autism? Two Decades of
    Research Say No", an annotated headline) is answered as :func:`answered` answers the next sentence. spaCy's
    sentences never go on so, and the checker answers them from the following text."""
    end = _SENTENCE_END.search(sentence, claim_end)
    if end is None:
        return mods
    following = _NEXT_SENTENCE.match(sentence, end.end())
    negated, question = answer_to(mods.negated, mods.question, mods.reported, following.group(0) if following else "", rules)
    return mods if (negated, question) == (mods.negated, mods.question) else replace(mods, negated=negated, question=question)


class ClaimExtractor:
    """Turns the mentions of each sentence into claims."""

    def __init__(self, nlp: Language, name: str = "claimcheck_claims", *, models: ClaimModels | None = None) -> None:
        self.name = name
        self.models = models
        if not Doc.has_extension("claimcheck_claims"):
            Doc.set_extension("claimcheck_claims", default=[])
        if not Doc.has_extension("claimcheck_before"):
            # The interventions of the sentence before the text (when it is a piece of a longer one), in the doc's
            # offsets: "it" in its first sentence may stand for them.
            Doc.set_extension("claimcheck_before", default=())
        if not Doc.has_extension("claimcheck_before_topic"):
            Doc.set_extension("claimcheck_before_topic", default=False)  # that sentence only asked about them

    def __call__(self, doc: Doc) -> Doc:
        mentions = list(doc._.claimcheck_mentions)
        if not mentions:
            doc._.claimcheck_claims = []
            return doc
        claims: list[Claim] = []
        previous: list[Mention] = list(doc._.claimcheck_before)  # the interventions of the sentence before
        topic: bool = doc._.claimcheck_before_topic  # whether that sentence only asked about them ("ldn?")
        text = doc_text(doc)
        for sent in doc.sents:
            inside = [m for m in mentions if sent.start_char <= m.start < sent.end_char]
            if inside:
                claims.extend(extract_claims(sent, inside, self.models))
                claims.extend(antecedent_claims(sent, inside, previous, self.models, topic=topic))
            previous = [m for m in inside if m.kind == "intervention"]
            topic = bool(previous) and asks_only_about(text[sent.start_char : sent.end_char], previous, sent.start_char)
        doc._.claimcheck_claims = [answered(c, text) for c in claims]
        return doc


def closing_interventions(doc: Doc) -> list[Mention]:
    """The intervention mentions of the doc's last sentence (what "it" may stand for in the text that follows)."""
    mentions = [m for m in doc._.claimcheck_mentions if m.kind == "intervention"]
    if not mentions:
        return []
    last = doc[-1].sent.start_char if len(doc) else 0
    return [m for m in mentions if m.start >= last]


def closes_with_topic(doc: Doc, closing: list[Mention]) -> bool:
    """Whether the doc's last sentence only asks about its interventions (``closing``): see :func:`asks_only_about`."""
    if not closing:
        return False
    last = doc[-1].sent.start_char
    return asks_only_about(doc_text(doc)[last:], closing, last)


@Language.factory(
    "claimcheck_claims",
    assigns=["doc._.claimcheck_claims"],
    requires=["doc._.claimcheck_mentions"],
    default_config={"use_models": True},
)
def make_claim_extractor(nlp: Language, name: str, use_models: bool) -> ClaimExtractor:
    """Factory: ``nlp.add_pipe("claimcheck_claims")`` after ``claimcheck_mentions``.

    With ``use_models`` (the default) the bundled trained models decide where
    they measured better than the rules; without, the rules alone decide.
    """
    models = None
    if use_models:
        from claimcheck.models.runtime import ClaimModels

        models = ClaimModels.bundled()
    return ClaimExtractor(nlp, name, models=models)
