"""Typed, frozen result objects returned by the checker; they serialize to JSON.

The flow is text → :class:`Mention` → :class:`Claim` → :class:`Verdict` with
:class:`Citation`; a :class:`DocumentResult` holds everything found in one input.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import Enum
from functools import cache
from typing import Any


class Label(str, Enum):
    """Verdict labels."""

    SUPPORTED = "SUPPORTED"
    CONTRADICTED = "CONTRADICTED"
    MISLEADING = "MISLEADING"
    UNPROVEN = "UNPROVEN"
    NOT_IN_KB = "NOT_IN_KB"


LABEL_MEANINGS: dict[str, str] = {
    "SUPPORTED": "The claim agrees with the current evidence.",
    "CONTRADICTED": "The current evidence says the opposite of the claim.",
    "MISLEADING": "The direction is not wrong, but the claim states far more certainty or effect than the evidence shows.",
    "UNPROVEN": "The evidence is too thin or too mixed to support or refute the claim.",
    "NOT_IN_KB": "The knowledge base has no assessment that answers this claim (of this intervention and condition, or of what the claim says about them).",
}


@dataclass(frozen=True, slots=True)
class Mention:
    """An intervention or condition found in the text.

    ``id`` is the knowledge-base id; for names recognised only from an external
    vocabulary it is ``None`` and ``source`` names that vocabulary.
    """

    kind: str  # "intervention" | "condition"
    text: str
    start: int  # character offsets into the input document
    end: int
    id: str | None
    name: str
    source: str = "kb"  # kb | kb-fuzzy | kb-abbreviation | drugbank | icd10cm
    score: float = 1.0

    def shifted(self, offset: int) -> Mention:
        """The same mention with offsets moved by ``offset`` (``dataclasses.replace`` is several times slower)."""
        return Mention(self.kind, self.text, self.start + offset, self.end + offset, self.id, self.name, self.source, self.score)


@dataclass(frozen=True, slots=True)
class Claim:
    """One intervention–condition claim and how it is stated."""

    sentence: str
    start: int  # offsets of the sentence in the document
    end: int
    intervention: Mention
    condition: Mention
    predicate: str  # cures | treats | improves | prevents | no_effect | harms | causes | is_safe | is_approved
    predicate_text: str | None
    negated: bool = False
    epistemic: bool = False  # "no proof that …": negates the evidence, not the effect
    certainty: str = "neutral"  # hedged | neutral | absolute
    question: bool = False
    anecdote: bool = False
    reported: bool = False
    exaggeration: tuple[str, ...] = ()
    extraction_confidence: float = 1.0
    stopped: bool = False  # read from what stopping the intervention is said to do ("quitting X cured my Y")
    comparison: str | None = None  # "better than the flu shot": compared with another treatment (not judged)
    antecedent: str | None = None  # "it" (or "ldn?" after a bare question): what stands for the intervention named before

    def shifted(self, offset: int) -> Claim:
        """The same claim with every offset moved by ``offset`` (a claim read in a piece of a longer text)."""
        return Claim(
            self.sentence, self.start + offset, self.end + offset,
            self.intervention.shifted(offset), self.condition.shifted(offset),
            self.predicate, self.predicate_text, self.negated, self.epistemic, self.certainty,
            self.question, self.anecdote, self.reported, self.exaggeration, self.extraction_confidence, self.stopped,
            self.comparison, self.antecedent,
        )


@dataclass(frozen=True, slots=True)
class Citation:
    """A study as shown to the user."""

    id: str
    authors: str
    year: int
    title: str
    journal: str
    design: str
    n: int | None
    n_unit: str
    finding: str
    direction: str
    doi: str | None = None
    pmid: str | None = None
    url: str | None = None
    retracted: bool = False

    @property
    def link(self) -> str | None:
        """The best public link to the record."""
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        return self.url


@dataclass(frozen=True, slots=True)
class Verdict:
    """The verdict on one claim, with why and on what evidence."""

    label: Label
    confidence: float
    flagged: bool
    explanation: str
    reasons: tuple[str, ...]
    assessment: str | None = None  # "<assessment id>#<relation>"
    evidence_answer: str | None = None  # yes | no | insufficient | mixed
    certainty: str | None = None  # certainty of the evidence
    matched_condition: str | None = None  # may be a parent of the claimed condition
    matched_intervention: str | None = None  # may be a class the claimed intervention belongs to
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class ClaimResult:
    """A claim together with its verdict."""

    claim: Claim
    verdict: Verdict


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """Everything found in one input document."""

    text_length: int
    claims: tuple[ClaimResult, ...]
    kb_version: str
    source: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def flagged(self) -> bool:
        """True if any claim's verdict is flagged."""
        return any(c.verdict.flagged for c in self.claims)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dictionary (enums as strings, citation links included)."""
        out: dict[str, Any] = {
            "source": self.source,
            "kb_version": self.kb_version,
            "text_length": self.text_length,
            "flagged": self.flagged,
            "claims": [],
        }
        for result in self.claims:
            claim = _fields(result.claim)
            claim["intervention"] = _fields(result.claim.intervention)
            claim["condition"] = _fields(result.claim.condition)
            claim["exaggeration"] = list(result.claim.exaggeration)
            verdict = _fields(result.verdict)
            verdict["label"] = result.verdict.label.value
            verdict["reasons"] = list(result.verdict.reasons)
            verdict["citations"] = [_citation_dict(c) for c in result.verdict.citations]
            out["claims"].append({**claim, "verdict": verdict})
        if self.extra:
            out.update(self.extra)
        return out


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _fields(value: Any) -> dict[str, Any]:
    """The fields of a result object as a dict (``dataclasses.asdict`` deep-copies, several times slower)."""
    return {name: getattr(value, name) for name in _field_names(type(value))}


_CITATION_DICTS: dict[int, tuple[Citation, dict[str, Any]]] = {}


def _citation_dict(citation: Citation) -> dict[str, Any]:
    """A citation as a dict with its link; the same few hundred citations recur, so each is built once."""
    known = _CITATION_DICTS.get(id(citation))
    if known is None or known[0] is not citation:
        if len(_CITATION_DICTS) > 10_000:
            _CITATION_DICTS.clear()
        known = _CITATION_DICTS[id(citation)] = (citation, {**_fields(citation), "link": citation.link})
    return dict(known[1])
