"""A blank line, a heading line and a list item end a sentence; any other single line break does not."""

from __future__ import annotations

import pytest


def _pairs(checker, text):
    return [(c.claim.intervention.id, c.claim.condition.id) for c in checker.check(text).claims]


def test_paragraphs_names_are_never_paired_across_a_blank_line(checker):
    # A heading or paragraph without final punctuation used to run into the next one: LDN was paired with covid.
    text = "Is LDN a miracle cure for MS\n\nIvermectin works for covid"
    assert _pairs(checker, text) == [("low-dose-naltrexone", "multiple-sclerosis"), ("ivermectin", "covid-19")]


@pytest.mark.parametrize(
    "text",
    [
        "* LDN cured my MS\n* Ivermectin works for covid",
        "• LDN cured my MS\n• Ivermectin works for covid",
        "1. LDN cured my MS\n2. Ivermectin works for covid",
        "LDN cured my MS\n# Ivermectin works for covid",
    ],
)
def test_paragraphs_list_items_and_headings_are_sentences_of_their_own(checker, text):
    assert _pairs(checker, text) == [("low-dose-naltrexone", "multiple-sclerosis"), ("ivermectin", "covid-19")]


def test_paragraphs_a_single_line_break_stays_inside_its_sentence(checker):
    # Text wrapped at a fixed width breaks lines in mid-sentence.
    assert _pairs(checker, "my neurologist says LDN\ncured her MS patients") == [("low-dose-naltrexone", "multiple-sclerosis")]


def test_paragraphs_the_prefilter_reads_the_same_sentences(checker):
    text = "LDN for MS\n\nivermectin cured my covid. LDN is a cure\n \n\nfor covid\n* LDN cures MS\n# LDN cures\nMS. ok\n# LDN for\n- MS"
    assert checker.check(text, prefilter=True) == checker.check(text)
