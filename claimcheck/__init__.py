"""claimcheck: find health claims in text and check them against curated, cited evidence.

Public API: :func:`check`, :class:`Checker` and the result types.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Checker", "Citation", "Claim", "ClaimResult", "DocumentResult", "Label", "Mention", "Verdict", "__version__", "check"]

if TYPE_CHECKING:
    from claimcheck.checker import Checker, check
    from claimcheck.results import (
        Citation,
        Claim,
        ClaimResult,
        DocumentResult,
        Label,
        Mention,
        Verdict,
    )


def __getattr__(name: str) -> Any:
    # Lazy imports keep `claimcheck --help` and `claimcheck kb …` from loading spaCy.
    if name in ("Checker", "check"):
        from claimcheck import checker

        return getattr(checker, name)
    if name in ("Label", "DocumentResult", "ClaimResult", "Claim", "Verdict", "Citation", "Mention"):
        from claimcheck import results

        return getattr(results, name)
    raise AttributeError(name)
