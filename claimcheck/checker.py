"""The checker: text → claims → matches → verdicts, loaded once and reused.

    >>> from claimcheck import Checker
    >>> checker = Checker()
    >>> result = checker.check("LDN cured my MS")
    >>> result.claims[0].verdict.label
    <Label.MISLEADING: 'MISLEADING'>
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from claimcheck.claims import answered, closes_with_topic, closing_interventions
from claimcheck.doctext import remember_text
from claimcheck.explain import citations, explain
from claimcheck.kb.load import KnowledgeBase
from claimcheck.kb.schema import Outcome
from claimcheck.match import assessed_relations, match_claim
from claimcheck.nlp import build_pipeline
from claimcheck.prefilter import Prefilter
from claimcheck.prefilter import pieces as split_pieces
from claimcheck.results import (
    Citation,
    Claim,
    ClaimResult,
    DocumentResult,
    Label,
    Verdict,
)
from claimcheck.rules import load_rules
from claimcheck.verdict import DEFAULT_FAIL_ON, judge

#: Texts longer than this are checked in pieces cut at sentence or line ends.
SEGMENT_CHARS = 100_000


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
        self._prefilter: Prefilter | None = None
        self._exceptions = frozenset(self.nlp.tokenizer.rules or ())
        self._citation_cache: dict[int, tuple[Outcome, tuple[Citation, ...]]] = {}
        self._candidates: tuple[str, list[tuple[int, int]]] | None = None

    @property
    def kb_version(self) -> str:
        """Version of the knowledge base in use."""
        return self.kb.version

    @property
    def prefilter(self) -> Prefilter:
        """The raw-text pre-filter (built on first use: it indexes every name, about 0.3 s)."""
        if self._prefilter is None:
            self._prefilter = Prefilter(self.nlp, self._rules, external=self._external)
        return self._prefilter

    def extract(self, text: str, *, prefilter: bool = False) -> list[Claim]:
        """Claims found in ``text`` (offsets into ``text``), without verdicts.

        The text is read piece by piece, cut where spaCy surely starts a new sentence
        (see :meth:`Prefilter.pieces`). With ``prefilter``, pieces that cannot hold a
        claim are skipped; the claims are the same.
        """
        if not prefilter:
            pieces = split_pieces(text, self._exceptions)
        elif self._candidates is not None and self._candidates[0] is text:
            pieces = self._candidates[1]  # just found by may_contain_claim
        else:
            pieces = list(self.prefilter.candidates(text))
        claims: list[Claim] = []
        before: list[Mention] = []  # the interventions of the last sentence read (document offsets)
        topic = False  # whether that sentence only asked about them ("ldn?")
        read_to = -1
        for start, end in pieces:
            for offset, segment in segments(text[start:end]):
                shift = start + offset
                doc = remember_text(self.nlp.make_doc(segment), segment)
                if read_to == shift:  # the sentence before is the last one read: "it" may stand for its intervention
                    doc._.claimcheck_before = [m.shifted(-shift) for m in before]
                    doc._.claimcheck_before_topic = topic
                doc = self.nlp(doc)
                claims.extend(c.shifted(shift) if shift else c for c in doc._.claimcheck_claims)
                closing = closing_interventions(doc)
                topic = closes_with_topic(doc, closing)
                before = [m.shifted(shift) for m in closing]
                read_to = shift + len(segment)
        return [answered(c, text, self._rules) for c in claims]  # the answer may stand in the next piece

    def judge(self, claim: Claim) -> ClaimResult:
        """The verdict on one claim."""
        match = match_claim(claim, self.kb)
        judgement = judge(claim, match, assessed_relations(claim, self.kb) if match is None else ())
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
            matched_intervention=match.matched_intervention if match else None,
            citations=self._citations(match.outcome) if match else (),
        )
        return ClaimResult(claim, verdict)

    def _citations(self, outcome: Outcome) -> tuple[Citation, ...]:
        """The outcome's citations, built once per outcome (the knowledge base does not change)."""
        found = self._citation_cache.get(id(outcome))
        if found is None or found[0] is not outcome:
            found = self._citation_cache[id(outcome)] = (outcome, citations(outcome, self.kb))
        return found[1]

    def check(self, text: str, source: str | None = None, *, prefilter: bool = False) -> DocumentResult:
        """Find every claim in ``text`` and give each a verdict.

        ``prefilter``: skip the pieces of text that cannot hold a claim (faster on
        long texts once the pre-filter is built; the result is the same).
        """
        results = tuple(self.judge(c) for c in self.extract(text, prefilter=prefilter))
        return DocumentResult(text_length=len(text), claims=results, kb_version=self.kb_version, source=source)

    def may_contain_claim(self, text: str) -> bool:
        """Cheap test on raw text: False guarantees :meth:`check` finds no claim (see :mod:`claimcheck.prefilter`)."""
        pieces = list(self.prefilter.candidates(text))
        self._candidates = (text, pieces) if pieces else None
        return bool(pieces)


def check(text: str) -> DocumentResult:
    """Check one text with a default :class:`Checker` (built on first use)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Checker()
    return _DEFAULT.check(text)


_DEFAULT: Checker | None = None
