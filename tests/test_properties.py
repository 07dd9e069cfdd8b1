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


# Words and joins that make tokenizing and sentence splitting hard: sentence marks glued to
# words, abbreviations before numbers, contractions spaCy splits, mixed letters and digits,
# letters that lower-case to two characters, runs of white space.
HARD = st.sampled_from([
    "LDN", "ldn", "MS", "ms", "MS.", "10ms", "ivermectin", "covid19", "covid-19", "COVID.", "B12", "vitamin", "D3",
    "cures", "cured", "helps", "does", "not", "work", "for", "my", "is", "a", "miracle", "cure", "gonna", "cannot",
    "St.", "Dr.", "e.g.", "vs.", "!", "?", ".", "...", "!-", ".'", "-", "'", "\n", "\n\n", "  ", "\t", "İ", "\u212a",
    "naltrexonne", "crohns", "autism", "MMR", "causes", "Turmeric", "cancer", "kills", "Homeopathy", "prevents",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(HARD, max_size=30), st.lists(st.sampled_from(["", " ", " "]), min_size=30, max_size=30))
def test_properties_prefilter_is_sound_on_hard_joins(real_checker, words, glue):
    text = "".join(w + g for w, g in zip(words, glue))
    full = real_checker.check(text)
    if full.claims:
        assert real_checker.may_contain_claim(text)
    assert real_checker.check(text, prefilter=True).to_dict() == full.to_dict()
