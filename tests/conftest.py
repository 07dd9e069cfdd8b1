"""Shared fixtures: a small fixture knowledge base, so curators' edits never break unit tests."""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).parent
FIXTURE_KB = HERE / "fixtures" / "kb"
REPO = HERE.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def checker():
    """Rules only: the tests of rule behaviour must not move when the models are retrained."""
    from claimcheck.checker import Checker

    return Checker(FIXTURE_KB, models=False)


@pytest.fixture(scope="session")
def model_checker():
    """The shipped configuration: rules plus the bundled trained models."""
    from claimcheck.checker import Checker

    return Checker(FIXTURE_KB)


@pytest.fixture(scope="session")
def real_checker():
    from claimcheck.checker import Checker

    return Checker()


@pytest.fixture(scope="session")
def real_rules_checker():
    """The bundled knowledge base read by the rules alone (rule behaviour over names the fixture base lacks)."""
    from claimcheck.checker import Checker

    return Checker(models=False)


@pytest.fixture
def claim_of(checker):
    """The single claim found in a text (fails if there is not exactly one)."""

    def get(text: str):
        claims = checker.check(text).claims
        assert len(claims) == 1, f"expected one claim in {text!r}, got {[(c.claim.intervention.name, c.claim.condition.name) for c in claims]}"
        return claims[0]

    return get
