"""The text of a Doc, built once: spaCy rebuilds ``doc.text`` from its tokens on every access."""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "claimcheck_text"


def remember_text(doc: Doc, text: str) -> Doc:
    """Record ``text`` (the string ``doc`` was made from) so :func:`doc_text` need not rebuild it."""
    doc.user_data[_KEY] = text
    return doc


def doc_text(doc: Doc) -> str:
    """``doc.text``, built at most once per Doc."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
