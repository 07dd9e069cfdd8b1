"""Context check for ambiguous short forms: "MS" is multiple sclerosis in "my MS", not in "MS Word"."""

from __future__ import annotations

from spacy.tokens import Doc

from claimcheck.rules import Rules, load_rules


def abbreviation_fits(doc: Doc, i: int, *, exact: bool, rules: Rules | None = None) -> bool:
    """Whether token ``i`` reads as the medical abbreviation.

    Args:
        doc: the document.
        i: index of the candidate token.
        exact: the token has the abbreviation's own case ("MS"); a lower-case
            form ("ms") is refused after a number ("200 ms").
    """
    rules = rules or load_rules()
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    prev = doc[i - 1] if i > 0 else None
    if nxt is not None and nxt.lower_ in rules.abbr_reject_next:
        return False
    if nxt is not None and nxt.text == "." and i + 2 < len(doc) and doc[i + 2].is_title:
        return False  # "MS. Jones" as a title
    if prev is not None and prev.lower_.strip(".") in rules.abbr_reject_prev:
        return False
    if nxt is not None and nxt.text == "-":
        return False  # MS-DOS, MS-Word
    return exact or prev is None or not prev.like_num  # after a number: "10 ms"
