"""The raw-text pre-filter may let through posts without claims, but never drops one with a claim."""

from __future__ import annotations

import pytest

from claimcheck.models.corpus import load_corpus
from tests.conftest import REPO


@pytest.mark.parametrize("text", ["hello there, how was your weekend?", "I walked the cat in hot weather today", "my job is fine"])
def test_prefilter_skips_posts_without_health_names(real_checker, text):
    assert not real_checker.may_contain_claim(text)


@pytest.mark.parametrize(
    "text",
    ["LDN cured my MS", "ldn helped my ms", "naltrexonne cured my multiple sclerosus", "fenbendazole cures crohns",
     "Tylenol destroys your liver.", "Fine weather. Creatine damages the kidneys!",  # an organ names a condition there
     "B12 shots give you energy.", "Long day. Maca improves fertility, they say.", "THE VACCINE CHANGES YOUR DNA",
     "ldn? waste of money for my fibro", "Long day. Turmeric?  Did nothing for my arthritis!"],  # a question sets the topic
)
def test_prefilter_passes_claims(real_checker, text):
    assert real_checker.may_contain_claim(text)
    assert real_checker.check(text, prefilter=True) == real_checker.check(text)


@pytest.mark.parametrize(
    "text",
    ["B12 helps a lot, I have so much energy lately", "my liver is fine and tylenol works", "Zinc works. Fertility is up."],
)
def test_prefilter_skips_an_organ_without_a_verb_of_its_group(real_checker, text):
    # An organ names a condition only right after a verb of its group ("destroys your liver"): alone it pairs with nothing.
    assert not real_checker.may_contain_claim(text)
    assert real_checker.check(text).claims == ()


def test_prefilter_never_drops_a_claim_of_the_annotated_corpus(real_checker):
    sentences = load_corpus(REPO / "models" / "corpus")
    dropped = [s.text for s in sentences if real_checker.check(s.text).claims and not real_checker.may_contain_claim(s.text)]
    assert dropped == []


def test_prefilter_skipping_pieces_gives_the_same_result_on_the_annotated_corpus(real_checker):
    sentences = load_corpus(REPO / "models" / "corpus")
    texts = [" ".join(s.text for s in sentences[i : i + 5]) for i in range(0, len(sentences), 5)]
    differ = [t for t in texts if real_checker.check(t, prefilter=True).to_dict() != real_checker.check(t).to_dict()]
    assert differ == []


def test_prefilter_pieces_cover_the_text_and_end_after_a_sentence_mark(real_checker):
    text = "I have MS.  LDN helped!\n\nDr. Smith said no. e.g. this? Yes"
    pieces = real_checker.prefilter.pieces(text)
    assert "".join(text[s:e] for s, e in pieces) == text
    assert [text[s:e] for s, e in pieces][:3] == ["I have MS. ", " LDN helped!", "\n\nDr. Smith said no. "]
