"""A small, fast stand-in for :class:`claimcheck.checker.Checker` used by the scan tests.

It finds an intervention and a condition from fixed word lists in the same
sentence and gives a verdict from a fixed table. ``may_contain_claim`` is a
substring test, so it passes some posts on which ``check`` finds nothing (a
sound but imperfect pre-filter, like the real one).
"""

from __future__ import annotations

import os
import re
import time

from claimcheck.results import (
    Claim,
    ClaimResult,
    DocumentResult,
    Label,
    Mention,
    Verdict,
)

INTERVENTIONS = {
    "ldn": ("low-dose-naltrexone", "low-dose naltrexone"),
    "ivermectin": ("ivermectin", "ivermectin"),
    "vitamin d": ("vitamin-d", "vitamin D"),
    "turmeric": (None, "turmeric"),
}
CONDITIONS = {
    "multiple sclerosis": ("multiple-sclerosis", "multiple sclerosis"),
    "covid": ("covid-19", "COVID-19"),
}
VERDICTS = {
    ("low-dose-naltrexone", "multiple-sclerosis"): Label.MISLEADING,
    ("ivermectin", "covid-19"): Label.CONTRADICTED,
    ("vitamin-d", "multiple-sclerosis"): Label.UNPROVEN,
}
KB_VERSION = "fake-1"

_SENTENCE = re.compile(r"[^.!?\n]+")
_I = re.compile(r"\b(" + "|".join(map(re.escape, INTERVENTIONS)) + r")\b", re.IGNORECASE)
_C = re.compile(r"\b(" + "|".join(map(re.escape, CONDITIONS)) + r")\b", re.IGNORECASE)


class FakeChecker:
    """Checker stand-in: same interface, no spaCy, deterministic."""

    kb_version = KB_VERSION

    def may_contain_claim(self, text: str) -> bool:
        lower = text.lower()
        return any(k in lower for k in INTERVENTIONS) and any(k in lower for k in CONDITIONS)

    def check(self, text: str, source: str | None = None, prefilter: bool = False) -> DocumentResult:
        if "BOOM" in text:
            raise ValueError("boom")
        results = []
        for sentence in _SENTENCE.finditer(text):
            i = _I.search(sentence.group())
            c = _C.search(sentence.group())
            if not (i and c):
                continue
            base = sentence.start()
            iv_id, iv_name = INTERVENTIONS[i.group().lower()]
            c_id, c_name = CONDITIONS[c.group().lower()]
            claim = Claim(
                sentence=sentence.group(),
                start=sentence.start(),
                end=sentence.end(),
                intervention=Mention(
                    "intervention", i.group(), base + i.start(), base + i.end(), iv_id, iv_name
                ),
                condition=Mention("condition", c.group(), base + c.start(), base + c.end(), c_id, c_name),
                predicate="treats",
                predicate_text=None,
            )
            label = VERDICTS.get((iv_id, c_id), Label.NOT_IN_KB)
            verdict = Verdict(label, 0.9, label in (Label.MISLEADING, Label.CONTRADICTED), "fake", ("fake",))
            results.append(ClaimResult(claim, verdict))
        return DocumentResult(
            text_length=len(text), claims=tuple(results), kb_version=KB_VERSION, source=source
        )


class BrokenChecker:
    """A factory that fails, as a checker with a missing knowledge base would."""

    def __init__(self) -> None:
        raise RuntimeError("knowledge base not found")


class SlowChecker(FakeChecker):
    """Takes $SCAN_TEST_SLOW seconds per full check when it is set, so a scan can be killed half-way."""

    def check(self, text: str, source: str | None = None, prefilter: bool = False) -> DocumentResult:
        if os.environ.get("SCAN_TEST_SLOW"):
            time.sleep(float(os.environ["SCAN_TEST_SLOW"]))
        return super().check(text, source)
