"""Result objects: offsets move with the piece of text a claim was read in."""

from __future__ import annotations

import dataclasses

from claimcheck.results import Claim, Mention


def _mention(kind: str, start: int) -> Mention:
    return Mention(kind, "x", start, start + 1, "id", "name", "kb-fuzzy", 0.9)


def test_shifted_claim_moves_every_offset_and_keeps_every_other_field():
    claim = Claim("s", 3, 9, _mention("intervention", 3), _mention("condition", 6), "cures", "cured", True, True,
                  "absolute", True, True, True, ("miracle",), 0.7)
    expected = dataclasses.replace(
        claim, start=13, end=19,
        intervention=dataclasses.replace(claim.intervention, start=13, end=14),
        condition=dataclasses.replace(claim.condition, start=16, end=17),
    )
    assert claim.shifted(10) == expected
    assert claim.shifted(0) == claim
