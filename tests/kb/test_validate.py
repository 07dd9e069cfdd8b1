"""`claimcheck kb validate`: every problem reported with file and record id."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from claimcheck.cli import cli
from claimcheck.kb.schema import DESIGN_RANK
from claimcheck.kb.validate import validate_kb
from tests.conftest import FIXTURE_KB, REPO


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    target = tmp_path / "kb"
    shutil.copytree(FIXTURE_KB, target)
    return target


def edit(path: Path, **changes) -> None:
    data = yaml.safe_load(path.read_text())
    data.update(changes)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def codes(root: Path) -> list[tuple[str, str]]:
    return [(p.code, p.record_id) for p in validate_kb(root) if p.severity == "error"]


def test_validate_repository_kb_passes():
    result = CliRunner().invoke(cli, ["kb", "validate", "--kb", str(REPO / "knowledge")])
    assert result.exit_code == 0, result.output


def test_validate_fixture_kb_passes():
    assert codes(FIXTURE_KB) == []


def test_validate_dangling_study_reference_names_the_record(kb_copy):
    path = kb_copy / "assessments" / "ivermectin--covid-19.yaml"
    data = yaml.safe_load(path.read_text())
    data["outcomes"][0]["studies"].append("nobody2099")
    path.write_text(yaml.safe_dump(data))
    result = CliRunner().invoke(cli, ["kb", "validate", "--kb", str(kb_copy)])
    assert result.exit_code == 1
    assert "ivermectin--covid-19" in result.output and "nobody2099" in result.output


def test_validate_study_without_identifier(kb_copy):
    path = kb_copy / "studies" / "reis2022.yaml"
    data = yaml.safe_load(path.read_text())
    data.pop("doi"), data.pop("pmid")
    path.write_text(yaml.safe_dump(data))
    assert ("E140", "reis2022") in codes(kb_copy)


def test_validate_a_web_only_evidence_summary_needs_its_page_and_ranks_below_trials(kb_copy):
    path = kb_copy / "studies" / "reis2022.yaml"
    data = yaml.safe_load(path.read_text())
    data.pop("doi"), data.pop("pmid")
    data["design"] = "evidence_summary"
    path.write_text(yaml.safe_dump(data))
    assert ("E140", "reis2022") in codes(kb_copy)
    edit(path, url="https://example.org/evidence-check")
    assert ("E140", "reis2022") not in codes(kb_copy)
    assert DESIGN_RANK["evidence_summary"] > DESIGN_RANK["randomized_controlled_trial"]


def test_validate_malformed_doi(kb_copy):
    edit(kb_copy / "studies" / "reis2022.yaml", doi="doi:10.1056/x")
    assert ("E103", "reis2022") in codes(kb_copy)


def test_validate_unknown_field_is_an_error(kb_copy):
    edit(kb_copy / "studies" / "reis2022.yaml", colour="blue")
    assert ("E103", "reis2022") in codes(kb_copy)


def test_validate_synonym_claimed_by_two_entries(kb_copy):
    edit(kb_copy / "interventions" / "ivermectin.yaml", synonyms=["ivm", "LDN"])
    found = codes(kb_copy)
    assert ("E121", "ivermectin") in found and ("E121", "low-dose-naltrexone") in found


def test_validate_stop_word_synonym(kb_copy):
    edit(kb_copy / "interventions" / "ivermectin.yaml", synonyms=["ivm", "it"])
    assert ("E120", "ivermectin") in codes(kb_copy)


def test_validate_a_stop_word_is_allowed_only_as_a_guarded_name(kb_copy):
    # "sugar" is checked in context (rules/ambiguous-names.yaml: not in "blood sugar"); "water" has no such guard.
    stop = kb_copy / "lexicon" / "stop-synonyms.yaml"
    stop.parent.mkdir(exist_ok=True)
    stop.write_text("words:\n  - {word: sugar, reason: guarded}\n  - {word: water, reason: generic}\n")
    edit(kb_copy / "interventions" / "ivermectin.yaml", synonyms=["ivm", "sugar"])
    assert ("E120", "ivermectin") not in codes(kb_copy)
    edit(kb_copy / "interventions" / "ivermectin.yaml", synonyms=["ivm", "water"])
    assert ("E120", "ivermectin") in codes(kb_copy)


def test_validate_a_name_that_swallows_a_condition_is_flagged(kb_copy):
    # "ivermectin for covid" would be one intervention mention, leaving no condition to pair with.
    edit(kb_copy / "interventions" / "ivermectin.yaml", synonyms=["ivm", "ivermectin for covid"])
    edit(kb_copy / "interventions" / "mmr-vaccine.yaml", synonyms=["MMR", "vaccine against covid"])
    warnings = [(p.code, p.record_id) for p in validate_kb(kb_copy) if p.severity == "warning"]
    assert ("W123", "ivermectin") in warnings
    assert ("W123", "mmr-vaccine") not in warnings  # a vaccine is named for what it prevents


def test_validate_class_links_must_resolve_and_exclude_variant_links(kb_copy):
    edit(kb_copy / "interventions" / "ivermectin.yaml", member_of="antiparasitics")
    assert ("E131", "ivermectin") in codes(kb_copy)
    edit(kb_copy / "interventions" / "low-dose-naltrexone.yaml", member_of="naltrexone")  # already variant_of
    assert ("E132", "low-dose-naltrexone") in codes(kb_copy)


def test_validate_specific_for_must_name_existing_records(kb_copy):
    edit(kb_copy / "interventions" / "mmr-vaccine.yaml", specific_for={"measels": "ivermectin", "covid-19": "mmr-vacine"})
    found = codes(kb_copy)
    assert ("E133", "mmr-vaccine") in found and ("E134", "mmr-vaccine") in found


def test_validate_duplicate_id_and_filename_mismatch(kb_copy):
    shutil.copy(kb_copy / "studies" / "reis2022.yaml", kb_copy / "studies" / "reis2022b.yaml")
    found = codes(kb_copy)
    assert ("E104", "reis2022") in found and ("E105", "reis2022") in found


def test_validate_retracted_study_cited_as_support(kb_copy):
    edit(kb_copy / "studies" / "smith2011.yaml", retracted=True, retraction_note="test")
    path = kb_copy / "assessments" / "low-dose-naltrexone--crohns-disease.yaml"
    data = yaml.safe_load(path.read_text())
    data["outcomes"][0]["answer"] = "yes"
    path.write_text(yaml.safe_dump(data))
    assert ("E156", "low-dose-naltrexone--crohns-disease#treats") in codes(kb_copy)


def test_validate_answer_against_every_study_needs_a_note(kb_copy):
    path = kb_copy / "assessments" / "ivermectin--covid-19.yaml"
    data = yaml.safe_load(path.read_text())
    data["outcomes"][0]["answer"] = "yes"
    path.write_text(yaml.safe_dump(data))
    assert ("E157", "ivermectin--covid-19#treats") in codes(kb_copy)
    data["outcomes"][0]["disagreement_note"] = "explained"
    path.write_text(yaml.safe_dump(data))
    assert ("E157", "ivermectin--covid-19#treats") not in codes(kb_copy)


def test_validate_every_condition_only_marks_a_general_health_outcome_that_is_no_benefit(kb_copy):
    path = kb_copy / "assessments" / "ivermectin--covid-19.yaml"
    data = yaml.safe_load(path.read_text())
    data["outcomes"][0]["every_condition"] = True
    path.write_text(yaml.safe_dump(data))
    assert ("E158", "ivermectin--covid-19#treats") in codes(kb_copy)  # covid-19 is one condition, not all


def test_validate_missing_parent_condition(kb_copy):
    edit(kb_copy / "conditions" / "relapsing-remitting-multiple-sclerosis.yaml", parent="nowhere")
    assert ("E131", "relapsing-remitting-multiple-sclerosis") in codes(kb_copy)
