"""The checker: text → claims → matches → verdicts, loaded once and reused.

    >>> from claimcheck import Checker
    >>> checker = Checker()
    >>> result = checker.check("LDN cured my MS")
    >>> result.claims[0].verdict.label
    <Label.MISLEADING: 'MISLEADING'>
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from claimcheck.doctext import remember_text
from claimcheck.explain import citations, explain
from claimcheck.kb.load import KnowledgeBase
from claimcheck.match import match_claim
from claimcheck.nlp import build_pipeline
from claimcheck.results import Claim, ClaimResult, DocumentResult, Label, Mention, Verdict
from claimcheck.rules import load_rules
from claimcheck.verdict import DEFAULT_FAIL_ON, judge
from claimcheck.vocabulary import english_words, external_vocabulary

#: Texts longer than this are checked in pieces cut at sentence or line ends.
SEGMENT_CHARS = 100_000
_ALNUM = re.compile(r"[a-z0-9]+")
_CASED = re.compile(r"[A-Za-z0-9]+")
_KIND_BIT = {"intervention": 1, "condition": 2}
_BREAK = re.compile(r"\n\s*\n|\n|(?<=[.!?])\s+|\s+")


_SENTENCE_END = re.compile(r"(?:^|(?<=[\s(\"']))([A-Za-z]{2,})(\.|[!?]+)(?=\s)")


def surely_sentence_ends(text: str, exceptions: frozenset[str]) -> list[int]:
    """Offsets where spaCy's sentencizer is sure to start a new sentence.

    Only after a word of two or more letters standing alone, ended by a single
    "." (when "word." is not a tokenizer exception such as "vs.") or by "!"/"?",
    and followed by white space: there the tokenizer splits the mark off and the
    sentencizer cuts after it. Cutting less often than spaCy keeps the pre-filter
    sound; "Dr. X", "e.g. y", "3.5 mg" and "..." are never cut.
    """
    cuts = []
    for m in _SENTENCE_END.finditer(text):
        if m.group(2) == "." and f"{m.group(1)}." in exceptions:
            continue
        cuts.append(m.end())
    return cuts


def segments(text: str, limit: int = SEGMENT_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, piece) pieces of at most ``limit`` characters, cut at the best break."""
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = 0
        for pattern in (r"\n\s*\n", r"\n", r"(?<=[.!?])\s+", r"\s+"):
            found = [m.end() for m in re.finditer(pattern, window)]
            if found and found[-1] > limit // 2:
                cut = found[-1]
                break
        cut = cut or limit
        yield start, text[start : start + cut]
        start += cut
    yield start, text[start:]


def _shift(claim: Claim, offset: int) -> Claim:
    if not offset:
        return claim

    def move(m: Mention) -> Mention:
        return dataclasses.replace(m, start=m.start + offset, end=m.end + offset)

    return dataclasses.replace(
        claim, start=claim.start + offset, end=claim.end + offset,
        intervention=move(claim.intervention), condition=move(claim.condition),
    )


class Checker:
    """Loads the knowledge base and pipeline once; checks any number of texts.

    Args:
        kb_path: knowledge-base folder (default: bundled, or ``$CLAIMCHECK_KB``).
        fail_on: labels that flag a claim (default CONTRADICTED and MISLEADING).
        fuzzy: match misspellings of knowledge-base names.
        external: report claims about drugs and conditions outside the knowledge base.
        models: use the bundled trained claim models (else the rules alone).
    """

    def __init__(
        self,
        kb_path: Path | str | None = None,
        *,
        fail_on: Iterable[Label | str] = DEFAULT_FAIL_ON,
        fuzzy: bool = True,
        external: bool = True,
        models: bool = True,
    ) -> None:
        self.nlp = build_pipeline(kb_path, fuzzy=fuzzy, external=external, models=models)
        self.kb: KnowledgeBase = self.nlp.get_pipe("claimcheck_mentions").kb
        self.fail_on = frozenset(Label(x) for x in fail_on)
        self._rules = load_rules()
        self._external = external
        self._prefilter: tuple[Any, frozenset[str], frozenset[str]] | None = None
        self._exceptions: frozenset[str] | None = None

    @property
    def kb_version(self) -> str:
        """Version of the knowledge base in use."""
        return self.kb.version

    def extract(self, text: str) -> list[Claim]:
        """Claims found in ``text`` (offsets into ``text``), without verdicts."""
        claims: list[Claim] = []
        for offset, piece in segments(text):
            doc = self.nlp(remember_text(self.nlp.make_doc(piece), piece))
            claims.extend(_shift(c, offset) for c in doc._.claimcheck_claims)
        return claims

    def judge(self, claim: Claim) -> ClaimResult:
        """The verdict on one claim."""
        match = match_claim(claim, self.kb)
        judgement = judge(claim, match)
        flagged = (not claim.question) and judgement.label in self.fail_on
        verdict = Verdict(
            label=judgement.label,
            confidence=judgement.confidence,
            flagged=flagged,
            explanation=explain(claim, judgement.label, match),
            reasons=judgement.reasons,
            assessment=f"{match.assessment.id}#{match.relation}" if match else None,
            evidence_answer=match.outcome.answer if match else None,
            certainty=match.outcome.certainty if match else None,
            matched_condition=match.matched_condition if match else None,
            citations=citations(match.outcome, self.kb) if match else (),
        )
        return ClaimResult(claim, verdict)

    def check(self, text: str, source: str | None = None) -> DocumentResult:
        """Find every claim in ``text`` and give each a verdict."""
        results = tuple(self.judge(c) for c in self.extract(text))
        return DocumentResult(text_length=len(text), claims=results, kb_version=self.kb_version, source=source)

    def _prefilter_tables(self) -> tuple[Any, frozenset[str], frozenset[str]]:
        """An Aho-Corasick automaton over every name (as space-joined words), and the abbreviations."""
        if self._prefilter is None:
            import ahocorasick

            finder = self.nlp.get_pipe("claimcheck_mentions")
            automaton = ahocorasick.Automaton()
            kinds: dict[str, int] = {}
            names: list[tuple[str, str]] = [(form, entry.kind) for form, entry in finder.vocab.phrases.items()]
            if self._external:
                names += [(name, kind) for name, (kind, _, _) in external_vocabulary(finder.gazetteer).names.items()]
            for name, kind in names:
                words = _ALNUM.findall(name.lower())
                if words:
                    key = f" {' '.join(words)} "
                    kinds[key] = kinds.get(key, 0) | _KIND_BIT[kind]
            for key, bits in kinds.items():
                automaton.add_word(key, bits)
            automaton.make_automaton()
            exact = frozenset(form for form in finder.vocab.abbreviations)
            lower = frozenset(finder._abbr_lower)
            self._prefilter = (automaton, exact, lower)
        return self._prefilter

    def may_contain_claim(self, text: str) -> bool:
        """Cheap test on raw text: False guarantees :meth:`check` finds no claim.

        A claim needs, in one sentence, a predicate cue, an intervention and a
        condition. The text is cut only where spaCy's sentencizer surely cuts too
        (see :func:`surely_sentence_ends`), so each piece holds whole sentences.
        In each piece, every name the pipeline can match is looked for at once
        (Aho-Corasick over the piece's words, so spacing and punctuation do not
        matter); abbreviations are looked for in their own case; and a word that
        is not ordinary English may be a misspelling of either kind.
        """
        lower = text.lower()
        if self._rules.any_predicate.search(lower) is None:
            return False
        start = 0
        for end in [*self._sentence_cuts(text), len(text)]:
            if self._piece_may_hold_claim(text[start:end], lower[start:end]):
                return True
            start = end
        return False

    def _sentence_cuts(self, text: str) -> list[int]:
        if self._exceptions is None:
            self._exceptions = frozenset(self.nlp.tokenizer.rules or ())
        return surely_sentence_ends(text, self._exceptions)

    def _piece_may_hold_claim(self, text: str, lower: str) -> bool:
        if self._rules.any_predicate.search(lower) is None:
            return False
        automaton, exact, lowered = self._prefilter_tables()
        runs = _ALNUM.findall(lower)
        found = 0
        for _, bits in automaton.iter(f" {' '.join(runs)} "):
            found |= bits
            if found == 3:
                return True
        for run in set(_CASED.findall(text)):
            if run in exact or run.lower() in lowered:
                found |= self._abbr_bits(run)
        if found == 3:
            return True
        common = english_words()
        return any(r.isalpha() and len(r) >= 3 and r not in common for r in set(runs))

    def _abbr_bits(self, run: str) -> int:
        finder = self.nlp.get_pipe("claimcheck_mentions")
        entry = finder.vocab.abbreviations.get(run) or finder._abbr_lower.get(run.lower())
        return _KIND_BIT[entry.kind] if entry else 0


def check(text: str) -> DocumentResult:
    """Check one text with a default :class:`Checker` (built on first use)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Checker()
    return _DEFAULT.check(text)


_DEFAULT: Checker | None = None
