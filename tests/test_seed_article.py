"""Acceptance on the article this project started from (read from ../shared; never copied here)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from claimcheck.cli import cli
from tests.conftest import SHARED

ARTICLE = SHARED / "seed" / "ldn_ms_article.txt"
pytestmark = pytest.mark.skipif(not ARTICLE.is_file(), reason="shared seed article not present")


@pytest.fixture(scope="module")
def claims():
    result = CliRunner().invoke(cli, ["check", "--format", "json", str(ARTICLE)])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)["claims"]


def test_seed_ldn_ms_claim_is_not_supported_and_cites_the_norwegian_study(claims):
    ldn_ms = [c for c in claims if c["intervention"]["id"] == "low-dose-naltrexone" and c["condition"]["id"] == "multiple-sclerosis"
              and c["predicate"] in ("cures", "treats", "improves") and not c["negated"]]
    assert ldn_ms
    for claim in ldn_ms:
        assert claim["verdict"]["label"] != "SUPPORTED"
    dois = {ref["doi"] for c in ldn_ms for ref in c["verdict"]["citations"]}
    assert "10.1371/journal.pone.0187423" in dois


def test_seed_crohns_claim_cites_the_2007_pilot(claims):
    crohns = [c for c in claims if c["condition"]["id"] == "crohns-disease"]
    assert crohns
    cited = [ref for c in crohns for ref in c["verdict"]["citations"]]
    assert any(ref["year"] == 2007 and ref["n"] == 17 for ref in cited)


def test_seed_opening_question_is_a_question(claims):
    first = min(claims, key=lambda c: c["start"])
    assert first["start"] == 0 and first["question"]
    assert not first["verdict"]["flagged"]
