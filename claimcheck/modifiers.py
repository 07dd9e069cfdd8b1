"""How a claim is stated: predicate, negation, hedging, exaggeration, question, anecdote, reported speech.

Pure functions over a lower-cased sentence and character positions, so each rule
can be tested without a pipeline. The cue lexicons are data in ``claimcheck/rules/``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import takewhile

from claimcheck.rules import Rules, load_rules

#: When several predicate cues stand between the two mentions, the more specific wins.
PREDICATE_PRECEDENCE = ("no_effect", "cures", "prevents", "is_approved", "causes", "harms", "treats", "improves", "is_safe")
_WORD = re.compile(r"[\w'’]+")


@dataclass(frozen=True, slots=True)
class PredicateHit:
    """A predicate cue found in a sentence (offsets into the sentence)."""

    predicate: str
    start: int
    end: int
    text: str
    negation_proof: bool
    denies: bool = False  # the cue denies its class itself ("dangerous for" is safety denied)
    between_only: bool = False  # links a pair only standing between its mentions ("X gave me Y")
    weak: bool = False  # links a pair only when no other cue stands between ("got autism right after the MMR")
    forward: bool = False  # links a pair only standing after its intervention ("people who drink X have less Y")


@dataclass(frozen=True, slots=True)
class Modifiers:
    """Everything about how a claim is stated, apart from its predicate."""

    negated: bool
    epistemic: bool
    certainty: str
    question: bool
    anecdote: bool
    reported: bool
    exaggeration: tuple[str, ...]


def find_predicates(lower: str, rules: Rules | None = None) -> list[PredicateHit]:
    """All predicate cues in a lower-cased sentence; a cue inside a longer cue is dropped."""
    rules = rules or load_rules()
    hits = []
    for i, matches in rules.predicate_search.finditer_found(lower).items():
        cue = rules.predicates[i]
        for m in matches:
            hits.append(PredicateHit(cue.predicate, m.start(), m.end(), m.group(0), cue.negation_proof, cue.denies, cue.between_only, cue.weak, cue.forward))
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    # In this order a longer cue holding a hit comes before it, so one pass with the furthest end kept so far
    # finds every hit inside a longer one (linear: a sentence may hold thousands of cues).
    kept: list[PredicateHit] = []
    furthest, first_start = -1, -1  # the furthest end of a kept cue, and the earliest start among those ending there
    for hit in hits:
        if hit.end < furthest or (hit.end == furthest and first_start < hit.start):
            continue
        kept.append(hit)
        if hit.end > furthest:
            furthest, first_start = hit.end, hit.start
    return kept


_BY_GAP = re.compile(r"\s?(?:[\w'-]+ ){0,2}")
_NEW_CLAUSE = re.compile(r"[,;]|\s(?:and|but|then|so|while|whereas)\s")


def right_before(lower: str, end: int, start: int) -> bool:
    """Whether text ending at ``end`` stands right before ``start``: at most two words between ("a benign")."""
    if not lower:
        return 0 <= start - end <= 1
    return 0 <= start - end and _BY_GAP.fullmatch(lower, end, start) is not None


def choose_predicate(
    hits: list[PredicateHit], first: tuple[int, int], second: tuple[int, int], *, reach: int = 45,
    clause: tuple[int, int] | None = None, attributive: frozenset[str] = frozenset(), lower: str = "",
    others: Sequence[tuple[int, int]] = (), interventions: Sequence[tuple[int, int]] = (),
) -> tuple[PredicateHit, bool] | None:
    """The predicate linking two mentions, and whether it stands between them.

    A cue inside a mention (``treatment`` in ``treatment-resistant depression``)
    is ignored; a cue that contains a mention (``no longer have cancer``) counts.
    Cues between the mentions win, those in the condition's ``clause`` first, and of one kind the one nearest
    the later mention ("X will destroy your liver, not cure Y"); an ``attributive`` cue right before the
    condition counts only when no other stands between ("may reduce deadly COVID-19": "deadly" describes
    the condition); otherwise the nearest within ``reach`` characters. ``interventions``: where the other
    interventions of the sentence stand (a cue after one of them is not the first mention's when it has a cue of
    its own right after it).
    """
    (a_start, a_end), (b_start, b_end) = sorted([first, second])
    # A name that carries its own predicate ("prolong life", "health benefits") is both the condition and the cue.
    # "fever caused by (a bad) covid": the condition is the cause, so the cue says nothing of what the intervention does.
    usable = [
        h for h in hits
        if ((h.start, h.end) == second or not any(s <= h.start and h.end <= e for s, e in (first, second)))
        and not (h.predicate in ("causes", "harms") and h.text.endswith(" by") and right_before(lower, h.end, second[0]))
    ]
    between = [h for h in usable if h.start >= a_end - 1 and h.end <= b_start + 1 or (h.start <= b_start and h.end >= b_end)]
    if first[0] != a_start:  # "women with fibromyalgia had less pain on LDN": the group is the condition's, not LDN's
        between = [h for h in between if not h.forward]
    verbs = [h for h in between if not (h.text in attributive and b_start - h.end <= 1)]  # "reduce deadly COVID-19"
    between = verbs or between
    between = [h for h in between if not h.weak] or between  # "my MS got better right after LDN": "better" says it
    # "turmeric didn't work, fish oil didn't work, ldn finally helped my arthritis": an intervention named first that
    # has a cue of its own right after it is not the subject of the cues after another intervention named in a
    # clause of its own ("elderberry works better than the flu shot for preventing flu" stays one clause).
    if interventions and first[0] == a_start:
        own = [h for h in between if right_before(lower, a_end, h.start)]
        end = max((h.end for h in own), default=0)
        if own and any(end <= s and e <= b_start and _NEW_CLAUSE.search(lower, end, s) for s, e in interventions):
            between = own
    # "LDN doesn't cure MS and can cause insomnia": a cue whose own object stands before the condition says
    # nothing of it when another cue follows that object.
    direct = [h for h in between if not any(h.end <= s and e <= b_start for s, e in others)]
    between = direct or between
    if clause is not None:  # "X can't fix MS but it helps my fatigue": fatigue's own clause says what X does to it
        own = [h for h in between if clause[0] <= h.start < clause[1]]
        if between and not own and first[0] == a_start and a_end <= clause[0]:
            # "ldn made my vivid dreams worse but my fibro pain is better": the condition's own clause, named after the
            # intervention's, says what happened to it right after its name.
            after = [
                h for h in usable
                if b_end <= h.start < clause[1] and not h.between_only and right_before(lower, b_end, h.start)
            ]
            if after:
                return min(after, key=lambda h: (PREDICATE_PRECEDENCE.index(h.predicate), h.start)), False
        between = own or between
    # A cue that holds the condition says the most about it: "X improved Y, with no particular side effects".
    holding = [h for h in between if h.start <= second[0] and h.end >= second[1]]
    if _lowers_named_harm(holding, between, second):
        # "X lowers the risk of dying early": lowering the chance of a harm the name says is preventing it.
        holding = [h for h in between if h.predicate == "prevents" and (h.start, h.end) != second]
    elif _names_its_kind(holding, linking := between + [h for h in usable if right_before(lower, h.end, a_start)], second):
        # "there is no link between fluoride and lower IQ": the name ("lower IQ") says what kind of claim it is, and
        # the cue of that kind linking the pair (between the two, or right before both) carries the denial and the
        # hedging.
        holding = [h for h in linking if (h.start, h.end) != second and h.predicate == holding[0].predicate]
    between = holding or between
    # "my migraines are gone since magnesium, riboflavin did nothing": named after the condition, in a clause of its
    # own, with a cue right after it, the intervention is not the one the cues before it speak of.
    if between and interventions and first[0] == b_start:
        own = [h for h in usable if h.start >= b_end and not h.between_only and right_before(lower, b_end, h.start)]
        if own and all(
            any(h.end <= s and e <= b_start and _NEW_CLAUSE.search(lower, e, b_start) for s, e in interventions)
            for h in between
        ):
            return min(own, key=lambda h: (PREDICATE_PRECEDENCE.index(h.predicate), h.start)), False
    if between:
        return min(between, key=lambda h: (PREDICATE_PRECEDENCE.index(h.predicate), -h.start)), True
    near = []
    for h in usable:
        if h.between_only:
            continue
        gap = a_start - h.end if h.end <= a_start else h.start - b_end if h.start >= b_end else 0
        if 0 <= gap <= reach:
            near.append((gap, PREDICATE_PRECEDENCE.index(h.predicate), h))
    # "chemo shrank my mom's breast cancer, the mistletoe injections didn't help one bit": a cue right after another
    # intervention is that one's, when this one has a cue of its own within reach.
    theirs = [t for t in near if any(end <= t[2].start and right_before(lower, end, t[2].start) for _, end in interventions)]
    near = [t for t in near if t not in theirs] or near
    if not near:
        return None
    return min(near, key=lambda t: (t[0], t[1]))[2], False


def _lowers_named_harm(holding: list[PredicateHit], between: list[PredicateHit], condition: tuple[int, int]) -> bool:
    """Whether the only cues holding the condition are its own name saying a harm ("dying early", "die sooner")
    and a prevention cue ("lowers the risk of") also links the pair."""
    return (
        bool(holding)
        and all((h.start, h.end) == condition and h.predicate in ("causes", "harms") for h in holding)
        and any(h.predicate == "prevents" and (h.start, h.end) != condition for h in between)
    )


def _names_its_kind(holding: list[PredicateHit], linking: list[PredicateHit], condition: tuple[int, int]) -> bool:
    """Whether the only cues holding the condition are its own name, of one kind, and another cue of that kind
    (in ``linking``) links the pair."""
    kinds = {h.predicate for h in holding}
    return (
        len(kinds) == 1
        and all((h.start, h.end) == condition for h in holding)
        and any(h.predicate in kinds and (h.start, h.end) != condition for h in linking)
    )


def _words_between(text: str) -> int:
    return len(_WORD.findall(text))


_AND = re.compile(r"\band\b")


def is_negated(
    lower: str, predicate: PredicateHit, clause_start: int, rules: Rules | None = None, hits: Sequence[PredicateHit] = (),
) -> bool:
    """True if a denial cue governs the predicate (within the window, same scope).

    A denial governs the first cue after it; a cue joined by "and" after that one starts its own verb phrase
    ("vaccines don't cause autism and protect kids from measles"), while "or" and "nor" carry the denial on.
    """
    rules = rules or load_rules()
    if predicate.negation_proof and predicate.predicate != "no_effect":
        return False
    # The whole text is searched, so that a cue may look past the predicate; the cues before it count.
    cues = list(takewhile(lambda m: m.end() <= predicate.start, rules.negation.finditer(lower, clause_start)))
    # Denial words inside "can't believe", "never thought"… deny nothing; "never been better" holds its cue, and
    # "couldn't have beaten it without X" looks past it.
    idle = [(m.start(), m.end()) for m in takewhile(lambda m: m.start() < predicate.end, rules.not_denial.finditer(lower, clause_start))]
    if idle:
        cues = [m for m in cues if not any(s <= m.start() < e for s, e in idle)]
    # A denied saying with a denial right after it ("nobody's saying X doesn't help"): both deny nothing.
    cancelled: set[int] = set()
    for d in rules.double_negation.finditer(lower, clause_start, predicate.start):
        after = next((m for m in cues if m.start() >= d.end() and m.start() not in cancelled), None)
        if after is not None and _words_between(lower[d.end() : after.start()]) <= rules.double_negation_reach:
            cancelled.update(m.start() for m in cues if d.start() <= m.start() < d.end())
            cancelled.add(after.start())
    for m in cues:
        if m.start() in cancelled:
            continue
        if any(
            m.end() <= h.start and h.end <= predicate.start and _AND.search(lower, h.end, predicate.start)
            for h in hits if h is not predicate
        ):
            continue
        tail = lower[m.end() : predicate.start]
        if _words_between(tail) > rules.negation_window:
            continue
        if rules.scope_breakers.search(tail):
            continue
        return not _denies_speed_only(lower, predicate, rules)
    # "cures covid? no." / "works? nope" are rare enough to leave out; trailing "not" as in "X cures Y, not" too.
    return False


def _denies_speed_only(lower: str, predicate: PredicateHit, rules: Rules) -> bool:
    """ "won't fix your fibro overnight": a word of speed right after the denied cue denies only the speed."""
    speed = rules.speed_only.search(lower, predicate.end)
    if speed is None:
        return False
    between = lower[predicate.end : speed.start()]
    return _words_between(between) <= rules.speed_reach and not rules.scope_breakers.search(between)


def is_epistemic(lower: str, predicate: PredicateHit, clause_start: int, rules: Rules | None = None) -> bool:
    """True for "there is no proof that X treats Y": the evidence is denied, not the effect."""
    rules = rules or load_rules()
    end = predicate.end + 30
    breaker = rules.contrast_words.search(lower, predicate.end, end)  # "X adds to Y, but nobody knows how much"
    region = lower[clause_start : breaker.start() if breaker else end]
    return rules.epistemic.search(region) is not None


# Where the yardstick of a comparison ends: punctuation, or a word that opens what follows it ("for flu").
_YARDSTICK_END = re.compile(r"[,.;:!?()]|\s(?:for|at|in|against|when|because|and|but|to|on|with|if|so|though|although)\s")


def comparison(lower: str, start: int, end: int, rules: Rules | None = None) -> str | None:
    """The comparison with another treatment that ``lower[start:end]`` makes ("no better than regular soap"), or None.

    A comparison with placebo, sham or nothing is none: "no better than placebo" states the effect itself.
    The yardstick is read up to its first punctuation or joining word, five words at most.
    """
    rules = rules or load_rules()
    for m in rules.comparison.finditer(lower, start, end):
        if rules.not_yardsticks.match(lower, m.end()):
            continue
        stop = _YARDSTICK_END.search(lower, m.end(), end)
        yardstick = lower[m.end() : stop.start() if stop else end].split()[:5]
        if yardstick:
            return " ".join([*m.group(0).split(), *yardstick])
    return None


def is_question(sentence: str, mention_starts: list[int], rules: Rules | None = None) -> bool:
    """A question ends with "?" or, in informal text, opens with an auxiliary right before a mention."""
    rules = rules or load_rules()
    stripped = sentence.strip()
    if stripped.endswith("?") or re.search(r"\?\s*\W*$", stripped):
        return True
    embedded = rules.embedded_question.match(sentence.lower())
    if embedded and any(0 <= _words_between(sentence[embedded.end() : s]) <= 3 for s in mention_starts if s >= embedded.end()):
        return True
    if stripped.endswith((".", "!")):
        return False
    m = rules.question_openers.match(sentence.lower())
    if not m or sentence[m.end() :].lower().lstrip().startswith("not "):  # "did not expect ..." states
        return False
    return any(0 <= _words_between(sentence[m.end() : s]) <= 3 for s in mention_starts if s >= m.end())


def read_modifiers(
    sentence: str,
    lower: str,
    predicate: PredicateHit,
    clause_start: int,
    mention_starts: list[int],
    rules: Rules | None = None,
    window: tuple[int, int] | None = None,
    hits: Sequence[PredicateHit] = (),
    names: Sequence[tuple[int, int]] = (),
) -> Modifiers:
    """Read every modifier of one claim in one sentence.

    Hedging, exaggeration, anecdote and reported speech are read in ``window``
    (the clauses the claim spans), so "X is approved for Y, and some say Z cures W"
    gives each claim its own reading; questions are read on the whole sentence.
    ``names``: the spans of the sentence's mentions, whose words overstate nothing ("magic mushrooms").
    """
    rules = rules or load_rules()
    epistemic = is_epistemic(lower, predicate, clause_start, rules)
    negated = epistemic or is_negated(lower, predicate, clause_start, rules, hits) != predicate.denies
    sarcastic = rules.sarcasm.search(lower) is not None
    question = is_question(sentence, mention_starts, rules)
    offset = 0
    if window is not None:
        lower, offset = lower[window[0] : window[1]], window[0]
    absolute = [
        m.group(0) for m in rules.absolute.finditer(lower)
        if rules.absolute_denied.search(lower, max(0, m.start() - 24), m.start()) is None  # "not a miracle"
        and not any(start <= m.start() + offset < end for start, end in names)
    ]
    if epistemic:
        absolute = [a for a in absolute if "proven" not in a]
    hedged = rules.hedging.search(lower) is not None
    certainty = "absolute" if absolute else "hedged" if hedged else "neutral"
    not_anecdote = [(m.start(), m.end()) for m in rules.not_anecdote.finditer(lower)]
    anecdote = any(
        not any(s <= m.start() < e for s, e in not_anecdote) for m in rules.anecdote.finditer(lower)
    )
    # "said no one ever" mocks; its "said" reports nobody.
    mocking = [(m.start(), m.end()) for m in rules.sarcasm.finditer(lower)] if sarcastic else []
    reported = any(not any(s <= m.start() < e for s, e in mocking) for m in rules.reported.finditer(lower))
    if sarcastic and not (reported or question or epistemic):
        negated = not negated
    return Modifiers(
        negated=negated,
        epistemic=epistemic,
        certainty=certainty,
        question=question,
        anecdote=anecdote,
        reported=reported,
        exaggeration=tuple(dict.fromkeys(absolute)),
    )
