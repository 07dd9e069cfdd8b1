"""Paragraph breaks end sentences: a blank line closes a heading or a paragraph that has no final punctuation.

spaCy's sentencizer splits on ".", "!" and "?" only, so "Is LDN a cure for MS\n\nIvermectin works for covid" was one
sentence, and its names were paired across the break (LDN with covid). This component, run after the sentencizer,
starts a new sentence after every whitespace token that holds a blank line. A single line break is left alone: text
wrapped at a fixed width breaks lines inside sentences.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("claimcheck_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """Mark the token after each blank line as a sentence start."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc
