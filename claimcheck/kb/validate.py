"""Check every knowledge-base record and the references between them.

Problems are collected, never raised, so a curator sees all of them at once
(the same approach as ``spacy.schemas.validate``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from claimcheck.kb.load import iter_record_files, read_yaml
from claimcheck.kb.schema import RECORD_KINDS, STATEMENT_DESIGNS, Meta, Record, StopList
from claimcheck.rules import load_rules

ARTICLE = re.compile(r"^(?:the|a|an)\s")
# How a study's own direction reads as an answer, per relation.
_SUPPORTS_YES = {"treats": {"benefit"}, "prevents": {"benefit"}, "causes": {"harm"}}
_SUPPORTS_NO = {"treats": {"no_effect", "harm"}, "prevents": {"no_effect", "harm"}, "causes": {"no_effect", "benefit"}}


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in the knowledge base."""

    path: str
    record_id: str
    code: str
    message: str
    severity: str = "error"  # error | warning

    def __str__(self) -> str:
        return f"{self.path}: {self.record_id}: {self.code} {self.message}"


def _pydantic_messages(exc: ValidationError) -> list[str]:
    out = []
    for err in exc.errors():
        loc = " -> ".join(str(part) for part in err["loc"]) or "record"
        out.append(f"[{loc}] {err['msg']}")
    return out


def _load_records(root: Path, problems: list[Problem]) -> dict[str, dict[str, tuple[Record, Path]]]:
    records: dict[str, dict[str, tuple[Record, Path]]] = {kind: {} for kind in RECORD_KINDS}
    for kind, path in iter_record_files(root):
        rel = str(path.relative_to(root.parent)) if root.parent in path.parents else str(path)
        try:
            data: Any = read_yaml(path)
        except yaml.YAMLError as exc:
            problems.append(Problem(rel, path.stem, "E101", f"not valid YAML: {str(exc).splitlines()[0]}"))
            continue
        if not isinstance(data, dict):
            problems.append(Problem(rel, path.stem, "E102", "a record must be a mapping of fields"))
            continue
        record_id = str(data.get("id", path.stem))
        try:
            record = RECORD_KINDS[kind].model_validate(data)
        except ValidationError as exc:
            for message in _pydantic_messages(exc):
                problems.append(Problem(rel, record_id, "E103", f"schema: {message}"))
            continue
        if record.id != path.stem:
            problems.append(Problem(rel, record.id, "E104", f"id {record.id!r} differs from file name {path.stem!r}"))
        if record.id in records[kind]:
            other = records[kind][record.id][1]
            problems.append(Problem(rel, record.id, "E105", f"duplicate id, also in {other.name}"))
            continue
        records[kind][record.id] = (record, Path(rel))
    return records


def _check_meta(root: Path, problems: list[Problem]) -> set[str]:
    meta = root / "kb.yaml"
    if not meta.is_file():
        problems.append(Problem(str(meta), "kb", "E110", "missing kb.yaml (the knowledge base version)"))
    else:
        try:
            Meta.model_validate(read_yaml(meta))
        except (ValidationError, yaml.YAMLError) as exc:
            problems.append(Problem(str(meta), "kb", "E110", f"invalid kb.yaml: {str(exc).splitlines()[0]}"))
    stop_path = root / "lexicon" / "stop-synonyms.yaml"
    if not stop_path.is_file():
        return set()
    try:
        stop = StopList.model_validate(read_yaml(stop_path))
    except (ValidationError, yaml.YAMLError) as exc:
        problems.append(Problem(str(stop_path), "stop-synonyms", "E111", f"invalid stop list: {str(exc).splitlines()[0]}"))
        return set()
    return {w.word.lower() for w in stop.words}


def _check_names(records: dict[str, dict[str, tuple[Record, Path]]], stop: set[str], problems: list[Problem]) -> None:
    owners: dict[str, list[tuple[str, str, Path]]] = defaultdict(list)
    # "a cold", "the pill": names whose article belongs to them (claimcheck/rules/ambiguous-names.yaml).
    rules = load_rules()
    with_article = rules.adjective_names | rules.article_names
    for kind in ("interventions", "conditions"):
        for record, path in records[kind].values():
            forms = [record.name, *record.synonyms, *getattr(record, "brands", []), *record.misspellings]  # type: ignore[attr-defined]
            for form in {f.lower() for f in forms}:
                owners[form].append((kind, record.id, path))
                if form != record.name.lower() and ARTICLE.match(form) and form not in with_article:
                    problems.append(Problem(str(path), record.id, "E122", f"name {form!r} starts with an article; list it without"))
                if form in stop and form not in rules.guarded_names:
                    problems.append(Problem(str(path), record.id, "E120", f"synonym {form!r} is an ordinary word (stop list)"))
            for abbr in set(record.abbreviations):  # type: ignore[attr-defined]
                owners[f"abbr:{abbr}"].append((kind, record.id, path))
    _check_hidden_conditions(records, problems)
    for form, entries in owners.items():
        distinct = {(k, rid) for k, rid, _ in entries}
        if len(distinct) > 1:
            names = ", ".join(f"{k[:-1]} {rid}" for k, rid in sorted(distinct))
            for kind, rid, path in entries:
                problems.append(Problem(str(path), rid, "E121", f"name {form.removeprefix('abbr:')!r} is claimed by several entries: {names}"))


def _check_hidden_conditions(records: dict[str, dict[str, tuple[Record, Path]]], problems: list[Problem]) -> None:
    """An intervention name that ends with a condition's name ("rosehip for osteoarthritis") hides the condition:
    the mention finder takes the longest name, so no claim pairs the two. Vaccines named for their target are fine."""
    conditions = {
        form.lower() for record, _ in records["conditions"].values() for form in (record.name, *record.synonyms)
    }
    for record, path in records["interventions"].values():
        for form in (record.name, *record.synonyms, *getattr(record, "brands", [])):  # type: ignore[attr-defined]
            words = form.lower().split()
            if any(w.startswith("vaccin") for w in words):
                continue
            hidden = next((" ".join(words[i:]) for i in range(1, len(words)) if " ".join(words[i:]) in conditions), None)
            if hidden:
                problems.append(Problem(
                    str(path), record.id, "W123",
                    f"name {form!r} ends with the condition {hidden!r}, which it hides from claims; list the intervention alone",
                    "warning",
                ))


def _check_links(records: dict[str, dict[str, tuple[Record, Path]]], problems: list[Problem]) -> None:
    interventions, conditions = records["interventions"], records["conditions"]
    for record, path in interventions.values():
        for field, code in (("variant_of", "E130"), ("member_of", "E131")):
            parent = getattr(record, field)
            if parent and parent not in interventions:
                problems.append(Problem(str(path), record.id, code, f"{field} refers to missing intervention {parent!r}"))
        if record.variant_of and record.member_of:  # type: ignore[attr-defined]
            problems.append(Problem(str(path), record.id, "E132", "variant_of and member_of both set: a variant is not judged by its parent's evidence, a member is"))
        for condition, specific in record.specific_for.items():  # type: ignore[attr-defined]
            if condition not in conditions:
                problems.append(Problem(str(path), record.id, "E133", f"specific_for names missing condition {condition!r}"))
            if specific not in interventions or specific == record.id:
                problems.append(Problem(str(path), record.id, "E134", f"specific_for names missing or same intervention {specific!r}"))
    for record, path in conditions.values():
        seen = [record.id]
        parent = record.parent  # type: ignore[attr-defined]
        while parent:
            if parent not in conditions:
                if parent == record.parent:  # type: ignore[attr-defined]
                    problems.append(Problem(str(path), record.id, "E131", f"parent refers to missing condition {parent!r}"))
                break
            if parent in seen:
                problems.append(Problem(str(path), record.id, "E132", f"condition hierarchy has a cycle: {' -> '.join(seen + [parent])}"))
                break
            seen.append(parent)
            parent = conditions[parent][0].parent  # type: ignore[attr-defined]


def _check_studies(records: dict[str, dict[str, tuple[Record, Path]]], problems: list[Problem]) -> None:
    for study, path in records["studies"].values():
        has_id = study.doi or study.pmid  # type: ignore[attr-defined]
        if not has_id and not (study.design in STATEMENT_DESIGNS and study.url):  # type: ignore[attr-defined]
            problems.append(Problem(str(path), study.id, "E140", "study has neither DOI nor PMID (statements need a url)"))
        if study.retracted and not study.retraction_note:  # type: ignore[attr-defined]
            problems.append(Problem(str(path), study.id, "E141", "retracted study needs a retraction_note"))


def _check_assessments(records: dict[str, dict[str, tuple[Record, Path]]], problems: list[Problem]) -> set[str]:
    studies = records["studies"]
    cited: set[str] = set()
    for assessment, path in records["assessments"].values():
        a: Any = assessment
        if a.intervention not in records["interventions"]:
            problems.append(Problem(str(path), a.id, "E150", f"refers to missing intervention {a.intervention!r}"))
        if a.condition not in records["conditions"]:
            problems.append(Problem(str(path), a.id, "E151", f"refers to missing condition {a.condition!r}"))
        expected = f"{a.intervention}--{a.condition}"
        if a.id != expected:
            problems.append(Problem(str(path), a.id, "E152", f"assessment id should be {expected!r}", "warning"))
        relations = [o.relation for o in a.outcomes]
        for rel in {r for r in relations if relations.count(r) > 1}:
            problems.append(Problem(str(path), a.id, "E153", f"two outcomes for relation {rel!r}"))
        for outcome in a.outcomes:
            where = f"{a.id}#{outcome.relation}"
            if outcome.every_condition and (a.condition != "general-health" or outcome.answer == "yes"):
                problems.append(Problem(str(path), where, "E158", "every_condition is for a general-health outcome that does not answer 'yes' (a general benefit says nothing of a particular disease)"))
            if not outcome.studies:
                problems.append(Problem(str(path), where, "E154", "outcome cites no studies"))
            directions = []
            for sid in outcome.studies:
                cited.add(sid)
                if sid not in studies:
                    problems.append(Problem(str(path), where, "E155", f"refers to missing study {sid!r}"))
                    continue
                study: Any = studies[sid][0]
                if study.retracted:
                    if outcome.answer == "yes" and study.direction in _SUPPORTS_YES[outcome.relation]:
                        problems.append(Problem(str(path), where, "E156", f"retracted study {sid!r} cited as support"))
                    continue
                directions.append(study.direction)
            if directions and not outcome.disagreement_note:
                agree = _SUPPORTS_YES if outcome.answer == "yes" else _SUPPORTS_NO if outcome.answer == "no" else None
                if agree is not None and not any(d in agree[outcome.relation] for d in directions):
                    problems.append(
                        Problem(str(path), where, "E157", f"answer {outcome.answer!r} disagrees with every cited study's direction; add a disagreement_note")
                    )
    return cited


def validate_kb(root: Path) -> list[Problem]:
    """Every problem in the knowledge base at ``root`` (errors and warnings)."""
    problems: list[Problem] = []
    if not root.is_dir():
        return [Problem(str(root), "-", "E100", "knowledge base folder not found")]
    stop = _check_meta(root, problems)
    records = _load_records(root, problems)
    _check_names(records, stop, problems)
    _check_links(records, problems)
    _check_studies(records, problems)
    cited = _check_assessments(records, problems)
    for sid, (study, path) in records["studies"].items():
        if sid not in cited:
            problems.append(Problem(str(path), sid, "W160", "study is cited by no assessment", "warning"))
    return problems
