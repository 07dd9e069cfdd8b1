"""Properties that hold for any input (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

WORDS = st.sampled_from(["LDN", "ldn", "MS", "ms", "cured", "my", "does", "not", "help", "ivermectin", "covid", "may",
                         "Crohn's", "?", ".", ",", "miracle", "cure", "for", "no", "proof", "naltrexon", "autism", "MMR", "causes"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(WORDS, max_size=25).map(" ".join))
def test_properties_offsets_index_the_input(checker, text):
    for item in checker.check(text).claims:
        for m in (item.claim.intervention, item.claim.condition):
            assert text[m.start : m.end] == m.text
        assert text[item.claim.start : item.claim.end] == item.claim.sentence


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_properties_check_never_raises_on_any_text(checker, text):
    result = checker.check(text)
    assert result.text_length == len(text)
    for item in result.claims:
        assert 0.0 <= item.verdict.confidence <= 1.0


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(WORDS, max_size=25).map(" ".join))
def test_properties_prefilter_never_drops_a_claim(checker, text):
    if checker.check(text).claims:
        assert checker.may_contain_claim(text)


def test_properties_kb_records_round_trip():
    from claimcheck.kb.load import load_kb
    from tests.conftest import FIXTURE_KB

    kb = load_kb(FIXTURE_KB, use_cache=False)
    for table in (kb.interventions, kb.conditions, kb.studies, kb.assessments):
        for record in table.values():
            assert type(record).model_validate(record.model_dump()) == record
