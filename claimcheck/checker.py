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
_BREAK = re.compile(r"\n\s*\n|\n|(?<=[.!?])\s+|\s+")


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
        self._prefilter: tuple[frozenset[str], frozenset[str]] | None = None

    @property
    def kb_version(self) -> str:
        """Version of the knowledge base in use."""
        return self.kb.version

    def extract(self, text: str) -> list[Claim]:
        """Claims found in ``text`` (offsets into ``text``), without verdicts."""
        claims: list[Claim] = []
        for offset, piece in segments(text):
            doc = self.nlp(piece)
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

    def _prefilter_words(self) -> tuple[frozenset[str], frozenset[str]]:
        if self._prefilter is None:
            finder = self.nlp.get_pipe("claimcheck_mentions")
            words: dict[str, set[str]] = {"intervention": set(), "condition": set()}
            for form, entry in finder.vocab.phrases.items():
                runs = _ALNUM.findall(form)
                if runs:
                    words[entry.kind].add(runs[0])
            for form, entry in finder.vocab.abbreviations.items():
                words[entry.kind].update(_ALNUM.findall(form.lower())[:1])  # superset: any case
            if self._external:
                for name, (kind, _, _) in external_vocabulary(finder.gazetteer).names.items():
                    runs = _ALNUM.findall(name)
                    if runs:
                        words[kind].add(runs[0])
            self._prefilter = (frozenset(words["intervention"]), frozenset(words["condition"]))
        return self._prefilter

    def may_contain_claim(self, text: str) -> bool:
        """Cheap test on raw text: False guarantees :meth:`check` finds no claim.

        A claim needs a predicate cue and both an intervention and a condition;
        each mention starts with a known word, or (for misspellings) contains a
        word that is not ordinary English.
        """
        lower = text.lower()
        if self._rules.any_predicate.search(lower) is None:
            return False
        interventions, conditions = self._prefilter_words()
        runs = set(_ALNUM.findall(lower))
        has_i = not interventions.isdisjoint(runs)
        has_c = not conditions.isdisjoint(runs)
        if has_i and has_c:
            return True
        unknown = any(r.isalpha() and len(r) >= 3 and r not in english_words() for r in runs)
        return (has_i or unknown) and (has_c or unknown)


def check(text: str) -> DocumentResult:
    """Check one text with a default :class:`Checker` (built on first use)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Checker()
    return _DEFAULT.check(text)


_DEFAULT: Checker | None = None
