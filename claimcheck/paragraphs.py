"""Paragraph breaks end sentences: a blank line closes a heading or a paragraph that has no final punctuation.

spaCy's sentencizer splits on ".", "!" and "?" only, so "Is LDN a cure for MS\n\nIvermectin works for covid" was one
sentence, and its names were paired across the break (LDN with covid). This component, run after the sentencizer,
starts a new sentence after every whitespace token that holds a blank line, and at a line that opens with a list or
heading marker ("* ", "- ", "• ", "# ", "1. ", "2) "). Any other single line break is left alone: text wrapped at a
fixed width breaks lines inside sentences. Each rule looks only at the line break and the token after it, so a text
read in pieces (the pre-filter's) splits into the same sentences as the whole text.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

_MARKER = re.compile(r"[*\-–—•·‣▪◦>#]+|\d{1,3}[.)]")


@Language.component("claimcheck_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """Mark as sentence starts the token after a blank line, and a list or heading marker opening a line."""
    for token in doc[:-1]:
        if not token.is_space or "\n" not in token.text:
            continue
        following = doc[token.i + 1]
        if token.text.count("\n") >= 2 or (_MARKER.fullmatch(following.text) and following.whitespace_):
            following.is_sent_start = True
    return doc
