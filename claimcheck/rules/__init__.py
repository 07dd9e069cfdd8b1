"""Cue lexicons as data: loaded once from the YAML files in this folder and compiled to regexes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from claimcheck.literal_guard import LiteralGuard, PatternSet


def _read(name: str) -> Any:
    text = (resources.files("claimcheck.rules") / name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml when built with it


def _longest_first(patterns: list[str]) -> list[str]:
    return sorted(patterns, key=len, reverse=True)


def _topic_regex(openers: list[str]) -> re.Pattern[str]:
    """A whole sentence that names interventions (each replaced by NUL) and asks nothing else: "what about NUL?"."""
    opener = "|".join(_longest_first(openers))
    name = rf"(?:(?:{opener})\s+)*\x00"
    return re.compile(rf"\W*{name}(?:\s*(?:,|&|/|\band\b|\bor\b)\s*{name})*\s*\?+\W*")


def words_regex(patterns: list[str]) -> re.Pattern[str]:
    """One regex matching any of ``patterns`` as whole words (longest alternatives first)."""
    ordered = _longest_first(patterns)
    body = "|".join(f"(?:{p})" for p in ordered)
    return re.compile(rf"(?<![\w'-])(?:{body})(?![\w'])")


@dataclass(frozen=True, slots=True)
class PredicateCue:
    """A compiled predicate cue."""

    regex: re.Pattern[str]
    predicate: str
    negation_proof: bool
    denies: bool = False  # the cue denies its class itself ("dangerous for": not safe)
    between_only: bool = False  # links a pair only standing between its mentions ("X gave me Y")
    weak: bool = False  # links a pair only when no other cue stands between ("got autism right after the MMR")
    forward: bool = False  # links a pair only standing after its intervention ("people who drink X have less Y")


@dataclass(frozen=True, slots=True)
class OrganPhrase:
    """One group of rules/organ-phrases.yaml: after its verb (and a possessive), an organ names a condition."""

    pattern: re.Pattern[str]  # group "organ" is the organ
    conditions: dict[str, str]  # organ -> knowledge-base condition id


@dataclass(frozen=True, slots=True)
class Rules:
    """Every compiled cue lexicon."""

    predicates: tuple[PredicateCue, ...]
    any_predicate: re.Pattern[str]
    cue_search: LiteralGuard  # any_predicate, searched fast
    predicate_search: PatternSet  # every predicate cue's regex, searched in one pass
    negation: re.Pattern[str]
    negation_window: int
    scope_breakers: re.Pattern[str]
    contrast_words: re.Pattern[str]  # the scope breakers that are words ("but", "however"): a new, contrasting clause
    double_negation: re.Pattern[str]  # "nobody's saying": a denied saying takes back the denial after it
    not_denial: re.Pattern[str]  # "can't believe", "never thought": their denial words deny nothing
    minor_harms: re.Pattern[str]  # "few side effects": minor harms granted, serious ones denied
    treatment_cues: re.Pattern[str]  # "treats", "therapy": a cue naming treatment itself, not prevention
    prevention_cues: re.Pattern[str]  # "prevents", "lowers the risk of": a cue naming prevention itself
    disease_events: re.Pattern[str]  # "relapses", "complications": events of a disease, whose prevention treats it
    states: re.Pattern[str]  # "vitamin D levels": after a substance, a state of the body, not an intervention
    withdrawal: re.Pattern[str]  # "cannabis withdrawal": after any intervention, the state of having stopped it
    double_negation_reach: int
    speed_only: re.Pattern[str]  # "won't fix it overnight": the denial is of speed, not of the effect
    speed_reach: int
    epistemic: re.Pattern[str]
    purpose: re.Pattern[str]  # "to determine whether": what follows is not asserted
    dosage_question: re.Pattern[str]  # "how much X should I take": ends right before a cue of using X
    hypothesis: re.Pattern[str]  # an if-clause opening the sentence: a claim wholly inside it is not asserted
    hypothesis_denied: re.Pattern[str]  # a denial inside that if-clause ("if hcq didn't work…" argues it works)
    irony: re.Pattern[str]  # "oh sure", "🙄": may deny by mocking
    sarcasm: re.Pattern[str]  # "🙄", "said no one": inverts the writer's own claim
    sarcasm_after: re.Pattern[str]  # a next sentence that opens with one ("... said no one ever") mocks the claim
    safe_and_effective: re.Pattern[str]  # one pair, two claims: an effect and safety
    comparator: re.Pattern[str]  # ends right before an intervention that is only a yardstick ("better than X")
    comparison: re.Pattern[str]  # "better than", "no better than", "as good as": ends right before the yardstick
    not_yardsticks: re.Pattern[str]  # "placebo", "nothing": a comparison with these states the effect itself
    praise_above_all: re.Pattern[str]  # "nothing works better than X": X is no yardstick but the one praised
    antecedent: re.Pattern[str]  # "it", "they" (group `plural`): may stand for the previous sentence's intervention
    antecedent_reach: int  # words at most between that pronoun and the predicate cue
    antecedent_anycase: re.Pattern[str]  # the same pronouns in any case, for raw text
    topic: re.Pattern[str]  # a sentence that only asks about its interventions, each replaced by "\x00" ("ldn?")
    settings: re.Pattern[str]  # ends right before a condition that only sets the scene ("during pregnancy")
    modifier_heads: re.Pattern[str]  # right after a condition name used as a modifier ("MS nurse", "MS society")
    attributive: frozenset[str]  # harm adjectives that describe the condition they stand before
    contrast: re.Pattern[str]  # "…, not <condition>": ends right before the condition
    denied_after: re.Pattern[str]  # "… is a myth": takes back the claim before it
    called_liar: tuple[re.Pattern[str], re.Pattern[str]]  # "whoever told you" before the claim, "lied" right after it
    evidence_after: tuple[re.Pattern[str], re.Pattern[str]]  # "evidence that X … is weak": before X; after the claim
    evidence_denied_after: re.Pattern[str]  # "…, there is no good evidence for it": the writer denies the evidence
    elided_denial: re.Pattern[str]  # "… where zoloft didn't": a bare denial right after the intervention
    elided_affirmation: tuple[re.Pattern[str], re.Pattern[str]]  # "…, ocrevus does" after; "it was the X" before
    rebuttal: tuple[re.Pattern[str], re.Pattern[str]]  # the sentence ends "…, but it does" / "…, but it doesn't"
    set_apart: tuple[re.Pattern[str], re.Pattern[str]]  # ", not the X, is what …": before and after the intervention
    excluded_after: re.Pattern[str]  # "approved for covid, not hcq": right before an intervention after the cue
    displaced: tuple[re.Pattern[str], re.Pattern[str]]  # "forget X, Y cures Z"; "X but Y cured Z": dismissal, contrast
    cessation: re.Pattern[str]  # ends right before an intervention that is stopped ("quitting X", "avoiding X")
    cessation_resumed: re.Pattern[str]  # after the stopped X, makes X the subject again ("because it")
    hedging: re.Pattern[str]
    absolute: re.Pattern[str]
    absolute_denied: re.Pattern[str]  # ends right before an absolute word that it denies ("not a miracle")
    question_openers: re.Pattern[str]
    embedded_question: re.Pattern[str]  # "wondering if", "I wonder whether": a question whatever the final mark
    answer_no: re.Pattern[str]  # the whole next sentence answers a question "no"
    answer_yes: re.Pattern[str]
    answer_affirms: re.Pattern[str]  # the whole next sentence affirms what a reported denial denied ("It does.")
    anecdote: re.Pattern[str]
    not_anecdote: re.Pattern[str]
    reported: re.Pattern[str]
    abbr_reject_next: frozenset[str]
    abbr_reject_prev: frozenset[str]
    abbr_lowercase: frozenset[str]
    fuzzy_stop: frozenset[str]
    adjective_names: frozenset[str]  # names that count only where they end their phrase ("a cold", not "a cold shower")
    phrase_enders: frozenset[str]
    article_names: frozenset[str]  # names whose article is part of them ("the pill")
    guarded_names: dict[str, tuple[frozenset[str], frozenset[str]]]  # name: (words before, words after) that exclude it
    general_heads: frozenset[str]  # condition ids that, right after another condition, are its head noun ("flu infections")
    symptoms: frozenset[str]  # condition ids that, right after a disease, are what a claim acts on ("MS fatigue")
    organ_phrases: tuple[OrganPhrase, ...]  # "destroys your liver", "detoxes the liver" (rules/organ-phrases.yaml)
    organs: frozenset[str]  # every organ word of those phrases (the pre-filter indexes them as condition names)
    organ_phrase_search: LiteralGuard | None  # any of the organ phrases, searched fast (None when there are none)


def _whole(patterns: list[str]) -> re.Pattern[str]:
    """A sentence that is exactly one of ``patterns`` (case-insensitive, closing punctuation allowed)."""
    return re.compile(rf"\s*(?:{'|'.join(patterns)})\s*[.!]*\s*", re.IGNORECASE)


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """Read and compile the rule files (once per process)."""
    preds = _read("predicates.yaml")["predicates"]
    mods = _read("modifiers.yaml")
    abbr = _read("abbreviations.yaml")
    common = _read("common-words.yaml")["words"]
    ambiguous = _read("ambiguous-names.yaml")
    heads = _read("condition-heads.yaml")
    organ_phrases, organ_cues, organs = _organ_phrases(_read("organ-phrases.yaml"))
    preds = [*preds, *organ_cues]
    cues = tuple(
        PredicateCue(words_regex([p["pattern"]]), p["class"], bool(p.get("negation_proof", False)), bool(p.get("denies", False)),
                     bool(p.get("between_only", False)), bool(p.get("weak", False)), bool(p.get("forward", False)))
        for p in preds
    )
    breakers = [rf"\b{re.escape(b)}\b" if b[0].isalnum() and b[-1].isalnum() else re.escape(b) for b in mods["negation"]["scope_breakers"]]
    any_predicate = words_regex([p["pattern"] for p in preds])
    return Rules(
        predicates=cues,
        any_predicate=any_predicate,
        cue_search=LiteralGuard(any_predicate, [words_regex([p]) for p in _longest_first([p["pattern"] for p in preds])]),
        predicate_search=PatternSet([c.regex for c in cues]),
        negation=words_regex(mods["negation"]["cues"]),
        negation_window=int(mods["negation"]["window"]),
        scope_breakers=re.compile("|".join(breakers)),
        contrast_words=words_regex([re.escape(b) for b in mods["negation"]["scope_breakers"] if b.isalpha()]),
        double_negation=words_regex(mods["negation"]["double_negation"]),
        not_denial=words_regex(mods["negation"]["not_denial"]),
        minor_harms=words_regex(mods["minor_harms"]),
        treatment_cues=words_regex(mods["treatment_cues"]),
        prevention_cues=words_regex(mods["prevention_cues"]),
        disease_events=words_regex(mods["disease_events"]),
        states=re.compile(rf"\s*(?:{'|'.join(mods['states'])})(?![\w'])", re.IGNORECASE),
        withdrawal=re.compile(rf"\s*(?:{'|'.join(mods['withdrawal'])})(?![\w'])", re.IGNORECASE),
        double_negation_reach=int(mods["negation"]["double_negation_reach"]),
        speed_only=words_regex(mods["negation"]["speed_only"]),
        speed_reach=int(mods["negation"]["speed_reach"]),
        epistemic=words_regex(mods["negation"]["epistemic"]),
        purpose=words_regex(mods["purpose"]),
        dosage_question=re.compile(rf"(?<![\w'-]){mods['dosage_question']}"),
        hypothesis=re.compile(mods["hypothesis"]),
        hypothesis_denied=re.compile(mods["hypothesis_denied"]),
        irony=words_regex(mods["irony"]),
        sarcasm=words_regex(mods["sarcasm"]),
        sarcasm_after=re.compile(rf"(?:{'|'.join(mods['sarcasm_after'])})(?![\w'])"),
        safe_and_effective=words_regex(mods["safe_and_effective"]),
        comparator=re.compile(rf"(?<![\w'-])(?:{'|'.join(mods['comparators'])})"),
        comparison=re.compile(rf"(?<![\w'-]){mods['comparison']['cue']}"),
        not_yardsticks=re.compile(rf"(?:the |a |an |any )?(?:{'|'.join(mods['comparison']['not_yardsticks'])})"),
        praise_above_all=re.compile(rf"(?<![\w'-]){mods['praise_above_all']}"),
        antecedent=re.compile(
            rf"(?<![\w'-])(?:(?P<plural>{'|'.join(_longest_first(mods['antecedent']['plural']))})|"
            rf"{'|'.join(_longest_first(mods['antecedent']['singular']))})(?![\w-])"
        ),
        antecedent_reach=int(mods["antecedent"]["reach"]),
        topic=_topic_regex(mods["antecedent"]["topic_openers"]),
        antecedent_anycase=re.compile(
            rf"(?<![\w'-])(?:{'|'.join(_longest_first(mods['antecedent']['plural'] + mods['antecedent']['singular']))})(?![\w-])",
            re.IGNORECASE,
        ),
        settings=re.compile(rf"(?<![\w'-])(?:{'|'.join(mods['settings'])})"),
        modifier_heads=re.compile(rf"\s+(?:{'|'.join(mods['modifier_heads'])})(?![\w'-])"),
        attributive=frozenset(mods["attributive"]),
        contrast=re.compile(rf"(?<![\w'-])(?:{'|'.join(mods['after_claim']['contrast'])})$"),
        denied_after=words_regex(mods["after_claim"]["denied_after"]),
        called_liar=(
            re.compile(mods["after_claim"]["called_liar"]["before"]), re.compile(mods["after_claim"]["called_liar"]["after"])
        ),
        evidence_denied_after=words_regex(mods["after_claim"]["evidence_denied_after"]),
        evidence_after=(
            re.compile(rf"(?<![\w'-]){mods['after_claim']['evidence_before']}"),
            words_regex(mods["after_claim"]["epistemic_after"]),
        ),
        set_apart=(re.compile(mods["after_claim"]["set_apart_before"]), re.compile(mods["after_claim"]["set_apart_after"])),
        excluded_after=re.compile(mods["after_claim"]["excluded_after"]),
        displaced=(re.compile(mods["displaced"]["dismissals"]), re.compile(mods["displaced"]["displacing_contrast"])),
        elided_denial=re.compile(rf"\s*(?:[\w'-]+\s+){{0,2}}?(?:{'|'.join(mods['after_claim']['elided_denial'])})"),
        elided_affirmation=(
            re.compile(rf"\s*(?:[\w'-]+\s+){{0,2}}?(?:{'|'.join(mods['after_claim']['elided_affirmation'])})"),
            re.compile(mods["after_claim"]["affirmed_before"]),
        ),
        rebuttal=(re.compile(mods["after_claim"]["rebuttal"]["affirms"]), re.compile(mods["after_claim"]["rebuttal"]["denies"])),
        cessation=re.compile(rf"(?<![\w'-])(?:{'|'.join(mods['cessation']['before'])})$"),
        cessation_resumed=re.compile("|".join(
            re.escape(w) if not w.isalpha() else rf"(?<![\w'-]){w}(?![\w'-])" for w in mods["cessation"]["resumed"]
        )),
        hedging=words_regex(mods["hedging"]),
        absolute=words_regex(mods["absolute"]),
        absolute_denied=re.compile(rf"(?<![\w'-])(?:{'|'.join(mods['absolute_denied'])})\s+$"),
        question_openers=re.compile(rf"^\W*(?:{'|'.join(sorted(mods['question']['openers'], key=len, reverse=True))})(?![\w'’])"),
        embedded_question=re.compile(rf"^\W*(?:{'|'.join(mods['question']['embedded'])})(?![\w'’])"),
        answer_no=_whole(mods["question"]["answer_no"]),
        answer_yes=_whole(mods["question"]["answer_yes"]),
        answer_affirms=_whole(mods["question"]["answer_affirms"]),
        anecdote=words_regex(mods["anecdote"]["cues"]),
        not_anecdote=words_regex(mods["anecdote"]["not_anecdote"]),
        reported=words_regex(mods["reported"]["cues"]),
        abbr_reject_next=frozenset(abbr["reject_next"]),
        abbr_reject_prev=frozenset(abbr["reject_prev"]),
        abbr_lowercase=frozenset(abbr["lowercase"]),
        fuzzy_stop=frozenset(w["word"] for w in common),
        adjective_names=frozenset(ambiguous["names"]),
        article_names=frozenset(ambiguous["article_names"]),
        phrase_enders=frozenset(ambiguous["enders"]),
        guarded_names={
            name: (frozenset(sides["after"]), frozenset(sides["before"])) for name, sides in ambiguous["guarded_names"].items()
        },
        general_heads=frozenset(heads["general_heads"]),
        symptoms=frozenset(heads["symptoms"]),
        organ_phrases=organ_phrases,
        organs=organs,
        organ_phrase_search=_any_organ_phrase(organ_phrases),
    )


def _any_organ_phrase(phrases: tuple[OrganPhrase, ...]) -> LiteralGuard | None:
    """One search for every organ phrase (their named groups dropped), through their verbs' literal prefixes."""
    if not phrases:
        return None
    plain = [re.compile(phrase.pattern.pattern.replace("(?P<organ>", "(?:")) for phrase in phrases]
    return LiteralGuard(re.compile("|".join(f"(?:{p.pattern})" for p in plain)), plain)


def _organ_phrases(data: dict[str, Any]) -> tuple[tuple[OrganPhrase, ...], list[dict[str, str]], frozenset[str]]:
    """rules/organ-phrases.yaml: one pattern per group ("destroys your liver": group "organ" is the organ), one
    predicate cue per group and class spanning verb, possessive and organ, and every organ word."""
    owners = "|".join(re.escape(p) for p in sorted(data["possessives"], key=len, reverse=True))
    adjectives = "|".join(re.escape(a) for a in sorted(data["adjectives"], key=len, reverse=True))
    phrases: list[OrganPhrase] = []
    cues: list[dict[str, str]] = []
    for group in data["groups"].values():
        verbs, past = "|".join(group["verbs"]), "|".join(group["past"])
        # A past participle needs a possessive: "people with weakened immune systems" describes the organ. (\s after
        # the verb ends the literal prefixes the scan's cue guard indexes: verbs x possessives x organs are many.)
        lead = rf"(?:(?:{verbs}|{past})\s(?:{owners}) |(?:{verbs})\s(?:(?:{owners}) )?)(?:(?:{adjectives}) )?"
        organs: dict[str, str] = group["organs"]
        every = "|".join(re.escape(o) for o in sorted(organs, key=len, reverse=True))
        # `not_before`: words after the organ that make it something else ("increased my testosterone dose").
        guard = "".join(rf"(?!\s+{re.escape(w)}(?![\w'-]))" for w in group.get("not_before", ()))
        if "then" in group:  # `then` (optional): what must follow the organ ("is ldn safe?": the question mark)
            guard += rf"(?={group['then']})"
        phrases.append(OrganPhrase(re.compile(rf"(?<![\w'-]){lead}(?P<organ>{every})(?![\w'-]){guard}"), dict(organs)))
        by_class: dict[str, list[str]] = {}
        for organ in organs:
            by_class.setdefault(group.get("functions", {}).get(organ, group["class"]), []).append(re.escape(organ))
        if group.get("cues", True):  # `cues: false`: the organ's own word is already a cue ("safe"), the phrase only names
            cues.extend(
                {"pattern": rf"{lead}(?:{'|'.join(sorted(words, key=len, reverse=True))})", "class": cls}
                for cls, words in sorted(by_class.items())
            )
    return tuple(phrases), cues, frozenset(o for group in data["groups"].values() for o in group["organs"])
