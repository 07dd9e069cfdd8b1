"""The literal-prefix guard answers exactly as re does, only faster."""

from __future__ import annotations

import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.literal_guard import LiteralGuard, PatternSet, literal_prefixes
from claimcheck.rules import load_rules
from tests.conftest import REPO

RULES = load_rules()
CUE_WORDS = st.sampled_from(["helps", "help", "cured", "no longer have", "pain", "free", "does", "nothing", "for", "ms",
                             "not", "work", "works", "anti-cancer", "side effects", "safe", "x", "-", "'", ".", " "])


def test_literal_prefixes_of_the_cue_pattern_are_the_starts_of_its_alternatives():
    prefixes = literal_prefixes(RULES.any_predicate)
    assert prefixes is not None
    assert {"help", "cure", "no longer "} & prefixes
    assert all(p for p in prefixes)


def test_literal_prefixes_refuse_patterns_that_may_start_anywhere():
    assert literal_prefixes(re.compile(r"\w+ing|help")) is None
    assert literal_prefixes(re.compile(r"(?:a)?b")) is None
    assert literal_prefixes(re.compile(r"colou?r|shade")) == {"colo", "shade"}


@settings(max_examples=300, deadline=None)
@given(st.lists(CUE_WORDS, max_size=20).map("".join))
def test_guarded_search_and_finditer_equal_re(text):
    guard = LiteralGuard(RULES.any_predicate)
    expected = RULES.any_predicate.search(text)
    found = guard.search(text)
    assert (found is None) == (expected is None)
    if expected is not None:
        assert found.span() == expected.span()
    each = PatternSet([c.regex for c in RULES.predicates]).finditer_each(text)
    assert [[m.span() for m in ms] for ms in each] == [[m.span() for m in c.regex.finditer(text)] for c in RULES.predicates]


def test_guarded_search_equals_re_on_the_corpus():
    guard = LiteralGuard(RULES.any_predicate)
    texts = [json.loads(line)["text"].lower() for name in ("forum", "prose")
             for line in (REPO / "models" / "corpus" / f"{name}.jsonl").read_text().splitlines() if line.strip()]
    for text in texts:
        expected = RULES.any_predicate.search(text)
        found = guard.search(text)
        assert (found and found.span()) == (expected and expected.span())


@settings(max_examples=300, deadline=None)
@given(st.lists(CUE_WORDS, max_size=20).map("".join))
def test_the_guard_of_the_rules_tries_only_the_alternatives_that_own_a_prefix_found_there_and_answers_as_re(text):
    guard = RULES.cue_search
    assert guard.guarded and guard._alternatives  # the rules' guard groups its alternatives by their prefixes
    starts, masks = guard.places(text)
    assert starts == sorted({m.start() for m in RULES.any_predicate.finditer(text)} | set(starts))  # every match start is a place
    for start, mask in zip(starts, masks, strict=True):
        expected = RULES.any_predicate.match(text, start)
        found = guard._group(mask).match(text, start)
        assert (found is None) == (expected is None)
        if expected is not None:
            assert found.span() == expected.span()
        assert guard.matches_at(text, [start], [mask]) == (expected is not None)


def test_a_guard_whose_alternative_may_start_anywhere_tries_the_whole_pattern():
    pattern = re.compile(r"\w+|help")
    guard = LiteralGuard(pattern, [re.compile(r"\w+"), re.compile("help")])
    assert not guard.guarded and guard.search("a help") is not None
    guard = LiteralGuard(re.compile("help|cure"), [re.compile(r"\w+"), re.compile("help")])
    assert guard.guarded and guard.places("to help")[0] == [3] and guard.search("to help").span() == (3, 7)
