"""A blank line ends a sentence; a single line break does not."""

from __future__ import annotations


def _pairs(checker, text):
    return [(c.claim.intervention.id, c.claim.condition.id) for c in checker.check(text).claims]


def test_paragraphs_names_are_never_paired_across_a_blank_line(checker):
    # A heading or paragraph without final punctuation used to run into the next one: LDN was paired with covid.
    text = "Is LDN a miracle cure for MS\n\nIvermectin works for covid"
    assert _pairs(checker, text) == [("low-dose-naltrexone", "multiple-sclerosis"), ("ivermectin", "covid-19")]


def test_paragraphs_a_single_line_break_stays_inside_its_sentence(checker):
    # Text wrapped at a fixed width breaks lines in mid-sentence.
    assert _pairs(checker, "my neurologist says LDN\ncured her MS patients") == [("low-dose-naltrexone", "multiple-sclerosis")]


def test_paragraphs_the_prefilter_reads_the_same_sentences(checker):
    text = "LDN for MS\n\nivermectin cured my covid. LDN is a cure\n \n\nfor covid"
    assert checker.check(text, prefilter=True) == checker.check(text)
