"""Build claimcheck's spaCy pipeline: blank English, sentencizer, mentions, claims.

No statistical spaCy model is needed (or downloaded): the default pipeline runs
on ``spacy.blank("en")``. The same components can be added to any English
pipeline with ``nlp.add_pipe("claimcheck_mentions")`` and
``nlp.add_pipe("claimcheck_claims")``.
"""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

import claimcheck.claims  # noqa: F401 - registers the claimcheck_claims factory
import claimcheck.mentions  # noqa: F401 - registers the claimcheck_mentions factory


def build_pipeline(kb_path: Path | str | None = None, *, fuzzy: bool = True, external: bool = True) -> Language:
    """A blank English pipeline with claimcheck's components.

    Args:
        kb_path: knowledge-base folder; the bundled one (or ``$CLAIMCHECK_KB``) by default.
        fuzzy: match misspellings of knowledge-base names.
        external: recognise drugs and conditions outside the knowledge base.
    """
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(
        "claimcheck_mentions",
        config={"fuzzy": fuzzy, "external": external, "kb_path": str(kb_path) if kb_path else None},
    )
    nlp.add_pipe("claimcheck_claims")
    return nlp
