"""Pydantic models for the knowledge-base records in ``knowledge/``.

Every record kind lives in its own folder, one YAML file per record, and the
file name equals the record id. Unknown fields are errors (``extra="forbid"``),
so a typo in a curator's edit is reported instead of silently ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

SCHEMA_VERSION = 1

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
AssessmentId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*--[a-z0-9]+(?:-[a-z0-9]+)*$")]
Name = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]

DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
PMID_RE = re.compile(r"^[1-9]\d{0,8}$")
PMCID_RE = re.compile(r"^PMC\d+$")


class Record(BaseModel):
    """Base for every record: strict fields, a slug id and a schema version."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True)

    id: Slug
    schema_version: int = SCHEMA_VERSION
    notes: str | None = Field(default=None, description="Curator comments; never shown as evidence.")


class InterventionKind(str, Enum):
    drug = "drug"
    supplement = "supplement"
    food = "food"
    diet = "diet"
    herb = "herb"
    vaccine = "vaccine"
    procedure = "procedure"
    device = "device"
    behaviour = "behaviour"
    exposure = "exposure"
    other = "other"


class Intervention(Record):
    """A drug, supplement, food, procedure, vaccine or other thing people take or do."""

    name: Name
    kind: InterventionKind
    synonyms: list[Name] = Field(default_factory=list, description="Matched case-insensitively.")
    brands: list[Name] = Field(default_factory=list, description="Brand names, matched case-insensitively.")
    abbreviations: list[Name] = Field(
        default_factory=list,
        description="Ambiguous short forms, matched case-sensitively and only in a fitting context.",
    )
    misspellings: list[Name] = Field(default_factory=list, description="Common misspellings seen in posts.")
    variant_of: Slug | None = Field(
        default=None,
        description="The entry this is a variant of, never judged by its evidence (low-dose naltrexone → naltrexone).",
    )
    member_of: Slug | None = Field(
        default=None,
        description="The class this belongs to, whose evidence covers it when it has none of its own (ibuprofen → NSAIDs).",
    )
    dose: str | None = Field(default=None, description="Dose qualifier that sets this entry apart from its parent.")
    specific_for: dict[Slug, Slug] = Field(
        default_factory=dict,
        description="For a general entry: condition -> the intervention a claim about that condition names "
        "('vaccines prevent measles' is about the MMR vaccine). Used when the general entry has no assessment.",
    )
    description: str | None = None


class Condition(Record):
    """A disease, symptom or health outcome."""

    name: Name
    synonyms: list[Name] = Field(default_factory=list)
    abbreviations: list[Name] = Field(default_factory=list)
    misspellings: list[Name] = Field(default_factory=list)
    parent: Slug | None = Field(default=None, description="Broader condition (RRMS → multiple sclerosis).")
    description: str | None = None


class Design(str, Enum):
    """Study designs, from strongest to weakest evidence (see ``DESIGN_RANK``)."""

    systematic_review = "systematic_review"
    guideline = "guideline"
    regulatory_statement = "regulatory_statement"
    randomized_controlled_trial = "randomized_controlled_trial"
    non_randomized_trial = "non_randomized_trial"
    cohort = "cohort"
    case_control = "case_control"
    cross_sectional = "cross_sectional"
    case_series = "case_series"
    case_report = "case_report"
    narrative_review = "narrative_review"
    evidence_summary = "evidence_summary"
    laboratory = "laboratory"
    animal = "animal"
    other = "other"


DESIGN_RANK: dict[str, int] = {
    "systematic_review": 1,
    "guideline": 1,
    "regulatory_statement": 1,
    "randomized_controlled_trial": 2,
    "non_randomized_trial": 3,
    "cohort": 3,
    "case_control": 4,
    "cross_sectional": 4,
    "case_series": 5,
    "case_report": 6,
    "narrative_review": 6,
    "evidence_summary": 6,
    "laboratory": 7,
    "animal": 7,
    "other": 7,
}

#: Designs that may cite a web page instead of a DOI or PMID: official statements, and evidence summaries
#: published only on the web (an evidence-based medicine service's check, a health service's patient page,
#: a poison centre's answer), which weigh no more than a narrative review.
STATEMENT_DESIGNS = frozenset({"guideline", "regulatory_statement", "evidence_summary"})


class Direction(str, Enum):
    """What a study itself found about the intervention's effect."""

    benefit = "benefit"
    no_effect = "no_effect"
    harm = "harm"
    mixed = "mixed"
    inconclusive = "inconclusive"


class Study(Record):
    """One published study, review or regulator's statement, with where its identifier was seen."""

    title: Name
    authors: list[Name] = Field(min_length=1, description="First author at least, 'Surname Initials'.")
    year: int = Field(ge=1800, le=2100)
    journal: Name
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    url: str | None = Field(default=None, description="Official page, for statements without DOI/PMID.")
    design: Design
    design_detail: str | None = None
    n: int | None = Field(default=None, ge=0, description="Participants (or trials, for reviews: see n_unit).")
    n_unit: str = "participants"
    population: str | None = None
    finding: Name = Field(description="The result in our own words, not a quotation.")
    direction: Direction
    verified_at: Name = Field(description="Address of the public record where the identifier was seen.")
    verified_on: dt.date | None = None
    retracted: bool = False
    retraction_note: str | None = None

    @field_validator("doi")
    @classmethod
    def _doi(cls, value: str | None) -> str | None:
        if value is not None and not DOI_RE.match(value):
            raise ValueError(f"malformed DOI {value!r} (expected 10.NNNN/suffix, no 'doi:' prefix)")
        return value

    @field_validator("pmid")
    @classmethod
    def _pmid(cls, value: str | None) -> str | None:
        if value is not None and not PMID_RE.match(value):
            raise ValueError(f"malformed PMID {value!r} (expected digits only)")
        return value

    @field_validator("pmcid")
    @classmethod
    def _pmcid(cls, value: str | None) -> str | None:
        if value is not None and not PMCID_RE.match(value):
            raise ValueError(f"malformed PMCID {value!r} (expected PMC followed by digits)")
        return value


class Relation(str, Enum):
    """The question an outcome answers: does the intervention <relation> the condition?"""

    treats = "treats"
    prevents = "prevents"
    causes = "causes"


class Answer(str, Enum):
    """The evidence's answer to an outcome's question."""

    yes = "yes"
    no = "no"
    insufficient = "insufficient"
    mixed = "mixed"


class Certainty(str, Enum):
    """GRADE-like certainty of the body of evidence."""

    high = "high"
    moderate = "moderate"
    low = "low"
    very_low = "very_low"


class Outcome(BaseModel):
    """One outcome of an assessment: the evidence-based answer to one question."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True)

    relation: Relation
    answer: Answer
    certainty: Certainty
    summary: Name = Field(description="Plain-language position, in terms of evidence, not advice.")
    studies: list[Slug] = Field(description="Studies the position rests on, strongest first.")
    cures: bool = Field(default=False, description="True only where the evidence shows a cure.")
    approved: bool | None = Field(default=None, description="Approved by a major regulator for this use.")
    population: str | None = Field(default=None, description="Who the evidence is about, if narrower.")
    disagreement_note: str | None = Field(
        default=None, description="Why the answer departs from the direction of its studies, if it does."
    )
    every_condition: bool = Field(
        default=False,
        description="General-health assessments only: the evidence covers any condition (the practice works for none, "
        "or harms none), so this outcome answers claims about conditions that have no assessment of their own.",
    )


class Assessment(Record):
    """Intervention × condition: the evidence-based positions on each outcome."""

    id: AssessmentId  # "<intervention id>--<condition id>"
    intervention: Slug
    condition: Slug
    outcomes: list[Outcome] = Field(min_length=1)
    last_reviewed: dt.date


class Meta(BaseModel):
    """``knowledge/kb.yaml``: the knowledge base's version and licence."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Name
    schema_version: int = SCHEMA_VERSION
    description: str | None = None
    licence: str | None = None


class StopWord(BaseModel):
    """An ordinary English word that may not be used as a synonym, with the reason."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    word: Name
    reason: Name


class StopList(BaseModel):
    """``knowledge/lexicon/stop-synonyms.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    words: list[StopWord]


#: Folder name → record model.
RECORD_KINDS: dict[str, type[Record]] = {
    "interventions": Intervention,
    "conditions": Condition,
    "studies": Study,
    "assessments": Assessment,
}
