"""Curators' tools: stats, show, search, new, schema export."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from claimcheck.cli import cli
from claimcheck.kb.curate import export_schemas
from claimcheck.kb.schema import RECORD_KINDS
from tests.conftest import FIXTURE_KB, REPO

KB = ["--kb", str(FIXTURE_KB)]


def test_curate_stats_counts_records_and_uncited_studies():
    result = CliRunner().invoke(cli, ["kb", "stats", "--json", *KB])
    data = json.loads(result.output)
    assert data["records"]["studies"] == 9 and data["records"]["assessments"] == 5
    assert data["version"] == "test-fixture-1"
    assert data["studies_cited_by_no_assessment"] == []
    assert data["outcomes_by_certainty"]["high"] == 2


def test_curate_search_finds_misspelled_names():
    result = CliRunner().invoke(cli, ["kb", "search", "ivermectine", *KB])
    assert result.output.splitlines()[0].split()[2] == "ivermectin"


def test_curate_show_lists_an_entitys_assessments():
    result = CliRunner().invoke(cli, ["kb", "show", "low-dose-naltrexone", *KB])
    assert "low-dose-naltrexone--multiple-sclerosis" in result.output and "variant_of: naltrexone" in result.output


def test_curate_show_unknown_id_is_an_input_error():
    assert CliRunner().invoke(cli, ["kb", "show", "nothing-here", *KB]).exit_code == 2


def test_curate_new_templates_pass_the_schema_once_filled(tmp_path):
    for kind, folder in (("study", "studies"), ("assessment", "assessments"), ("intervention", "interventions"), ("condition", "conditions")):
        result = CliRunner().invoke(cli, ["kb", "new", kind])
        data = yaml.safe_load(result.output)
        RECORD_KINDS[folder].model_validate(data)  # the template itself is well-formed


def test_curate_schema_files_match_the_models(tmp_path: Path):
    written = export_schemas(tmp_path)
    for path in written:
        committed = REPO / "knowledge" / "schema" / path.name
        assert committed.read_text() == path.read_text(), f"{committed} is stale: run 'claimcheck kb schema'"
