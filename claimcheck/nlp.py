"""Build claimcheck's spaCy pipeline: blank English, sentencizer, paragraph breaks, mentions, claims.

No statistical spaCy model is needed (or downloaded): the default pipeline runs
on ``spacy.blank("en")``. The same components can be added to any English
pipeline with ``nlp.add_pipe("claimcheck_mentions")`` and
``nlp.add_pipe("claimcheck_claims")``.
"""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

import claimcheck.claims
import claimcheck.mentions  # noqa: F401 - registers the claimcheck_mentions factory
import claimcheck.paragraphs  # noqa: F401 - registers the claimcheck_paragraphs component


def build_pipeline(
    kb_path: Path | str | None = None,
    *,
    fuzzy: bool = True,
    external: bool = True,
    models: bool = True,
    gazetteer: bool | str | None = None,
) -> Language:
    """A blank English pipeline with claimcheck's components.

    Args:
        kb_path: knowledge-base folder; the bundled one (or ``$CLAIMCHECK_KB``) by default.
        fuzzy: match misspellings of knowledge-base names.
        external: recognise drugs and conditions outside the knowledge base.
        models: let the bundled trained models read claims where they beat the rules, and
            recognise the names learned from the corpus (off while training, so training
            never depends on a previous training's output).
        gazetteer: override the corpus-learned names: a gazetteer.tsv path, or False.
    """
    if gazetteer is None:
        gazetteer = models
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("claimcheck_paragraphs")
    nlp.add_pipe(
        "claimcheck_mentions",
        config={"fuzzy": fuzzy, "external": external, "gazetteer": gazetteer, "kb_path": str(kb_path) if kb_path else None},
    )
    nlp.add_pipe("claimcheck_claims", config={"use_models": models})
    return nlp
