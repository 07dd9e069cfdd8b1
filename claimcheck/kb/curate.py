"""Curators' tools: statistics, fuzzy search over names, record lookup, templates, JSON Schema export."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process

from claimcheck.kb.load import KnowledgeBase
from claimcheck.kb.schema import RECORD_KINDS, Meta

TEMPLATES: dict[str, dict[str, Any]] = {
    "study": {
        "id": "surname2000", "title": "TITLE AS PUBLISHED", "authors": ["Surname AB"], "year": 2000, "journal": "JOURNAL",
        "doi": "10.0000/REPLACE-OR-DELETE", "pmid": "1", "design": "randomized_controlled_trial", "n": 0,
        "population": "WHO WAS STUDIED", "finding": "THE RESULT IN YOUR OWN WORDS", "direction": "no_effect",
        "verified_at": "https://ADDRESS-WHERE-THE-DOI-OR-PMID-WAS-SEEN", "verified_on": dt.date.today().isoformat(),
    },
    "assessment": {
        "id": "intervention-id--condition-id", "intervention": "intervention-id", "condition": "condition-id",
        "last_reviewed": dt.date.today().isoformat(),
        "outcomes": [{"relation": "treats", "answer": "insufficient", "certainty": "low",
                      "summary": "WHAT THE EVIDENCE SAYS, IN PLAIN LANGUAGE (NO ADVICE)", "studies": ["surname2000"]}],
    },
    "intervention": {"id": "new-intervention", "name": "new intervention", "kind": "drug", "synonyms": [], "brands": [],
                     "abbreviations": [], "misspellings": []},
    "condition": {"id": "new-condition", "name": "new condition", "synonyms": [], "abbreviations": [], "misspellings": [],
                  "parent": None},
}
HINTS = {
    "intervention": (
        "# Optional: 'variant_of: ID' for a dose or form never judged by that entry's evidence (LDN and naltrexone),\n"
        "# or 'member_of: ID' for a class whose evidence covers it when it has none of its own (ibuprofen and NSAIDs).\n"
    ),
}
FOLDERS = {"study": "studies", "assessment": "assessments", "intervention": "interventions", "condition": "conditions"}


def template(kind: str) -> str:
    """A YAML record of ``kind`` with every required field, to fill in."""
    data = {k: v for k, v in TEMPLATES[kind].items() if v is not None}
    header = f"# New {kind}: fill in every field in capitals, then run 'claimcheck kb validate'.\n"
    return header + HINTS.get(kind, "") + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def stats(kb: KnowledgeBase, *, stale_years: int = 3, today: dt.date | None = None) -> dict[str, Any]:
    """Counts by kind, certainty and design; stale assessments; uncited studies."""
    today = today or dt.date.today()
    outcomes = [o for a in kb.assessments.values() for o in a.outcomes]
    cited = {sid for o in outcomes for sid in o.studies}
    cutoff = today.replace(year=today.year - stale_years)
    return {
        "version": kb.version,
        "records": {
            "interventions": len(kb.interventions), "conditions": len(kb.conditions),
            "studies": len(kb.studies), "assessments": len(kb.assessments), "outcomes": len(outcomes),
        },
        "outcomes_by_certainty": dict(Counter(o.certainty for o in outcomes).most_common()),
        "outcomes_by_answer": dict(Counter(o.answer for o in outcomes).most_common()),
        "outcomes_by_relation": dict(Counter(o.relation for o in outcomes).most_common()),
        "studies_by_design": dict(Counter(s.design for s in kb.studies.values()).most_common()),
        "retracted_studies": sorted(s.id for s in kb.studies.values() if s.retracted),
        f"assessments_not_reviewed_for_{stale_years}_years": sorted(a.id for a in kb.assessments.values() if a.last_reviewed < cutoff),
        "studies_cited_by_no_assessment": sorted(set(kb.studies) - cited),
    }


def search(kb: KnowledgeBase, text: str, limit: int = 10) -> list[tuple[str, str, str, float]]:
    """(kind, id, matched name, score) of the entries whose names best match ``text``."""
    choices: list[tuple[str, str, str]] = []
    for kind in ("intervention", "condition"):
        choices.extend((kind, rid, form) for form, _, rid in kb.names(kind))
    choices.extend(("study", s.id, f"{s.authors[0]} {s.year} {s.title}") for s in kb.studies.values())
    choices.extend(("assessment", a.id, a.id) for a in kb.assessments.values())
    hits = process.extract(text.lower(), [c[2].lower() for c in choices], scorer=fuzz.WRatio, limit=limit * 4)
    best: dict[tuple[str, str], tuple[str, str, str, float]] = {}
    for _, score, index in hits:
        kind, rid, form = choices[index]
        if (kind, rid) not in best:
            best[(kind, rid)] = (kind, rid, form, round(score, 1))
    return sorted(best.values(), key=lambda h: -h[3])[:limit]


def show(kb: KnowledgeBase, record_id: str) -> list[tuple[str, dict[str, Any]]]:
    """Every record with this id (an id may exist once per kind), with its assessments for entities."""
    found = []
    for kind, table in (("intervention", kb.interventions), ("condition", kb.conditions), ("study", kb.studies), ("assessment", kb.assessments)):
        record = table.get(record_id)
        if record is not None:
            found.append((kind, record.model_dump(mode="json", exclude_none=True)))
    if found and found[0][0] in ("intervention", "condition"):
        field = found[0][0]
        linked = sorted(a.id for a in kb.assessments.values() if getattr(a, field) == record_id)
        found.append(("assessments", {"ids": linked}))
    return found


def export_schemas(out: Path) -> list[Path]:
    """Write JSON Schema files for editors (``knowledge/schema/*.json``)."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    models: dict[str, Any] = {**RECORD_KINDS, "kb": Meta}
    for name, model in models.items():
        path = out / f"{name}.schema.json"
        path.write_text(json.dumps(model.model_json_schema(), indent=2, sort_keys=True) + "\n", encoding="utf-8")
        written.append(path)
    return written
