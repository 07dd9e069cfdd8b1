"""Verdicts against expert labels: coverage, agreement and the confusion matrix.

Used by ``claimcheck evaluate --dev-claims`` and ``bench/coverage.py`` on the
dev claims (read where they are; their licences forbid copying them). Their
labels are SUPPORTED, CONTRADICTED, INSUFFICIENT and MIXED; ours map onto them
(MISLEADING counts as CONTRADICTED, UNPROVEN as INSUFFICIENT or MIXED).
Questions (HealthFC, TREC) are compared through the evidence's answer.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimcheck.results import ClaimResult

ANSWER_TO_VERDICT = {"yes": "SUPPORTED", "no": "CONTRADICTED", "insufficient": "INSUFFICIENT", "mixed": "MIXED"}
LABEL_TO_VERDICT = {"SUPPORTED": "SUPPORTED", "CONTRADICTED": "CONTRADICTED", "MISLEADING": "CONTRADICTED", "UNPROVEN": "INSUFFICIENT"}
GOLD = ("SUPPORTED", "CONTRADICTED", "INSUFFICIENT", "MIXED")
OURS = ("SUPPORTED", "CONTRADICTED", "INSUFFICIENT", "NOT_IN_KB", "NO_CLAIM")


def agrees(ours: str, theirs: str) -> bool:
    """Whether our mapped verdict agrees with the expert label."""
    if ours == "INSUFFICIENT":
        return theirs in ("INSUFFICIENT", "MIXED")
    return ours == theirs


def our_verdict(item: ClaimResult) -> str:
    """Our verdict in the dataset's terms; a question is answered with the evidence's answer."""
    if item.claim.question and item.verdict.evidence_answer and item.claim.predicate != "is_approved":
        verdict = ANSWER_TO_VERDICT[item.verdict.evidence_answer]
        if item.claim.negated and verdict in ("SUPPORTED", "CONTRADICTED"):
            verdict = "CONTRADICTED" if verdict == "SUPPORTED" else "SUPPORTED"
        if verdict == "MIXED":
            verdict = "INSUFFICIENT"
        return verdict
    return LABEL_TO_VERDICT.get(item.verdict.label.value, "INSUFFICIENT")


@dataclass
class Scores:
    """Counts per dataset and the confusion matrix (gold → ours)."""

    stats: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    confusion: Counter = field(default_factory=Counter)
    misses: list[tuple[str, ...]] = field(default_factory=list)
    disagreements: list[tuple[str, ...]] = field(default_factory=list)


def score(checker: Any, path: Path) -> Scores:
    """Check every row of a JSON Lines file of claims with expert verdicts."""
    out = Scores()
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            result = checker.check(row["text"])
            covered = [c for c in result.claims if c.verdict.assessment]
            for key in ("ALL", row["dataset"]):
                out.stats[key]["rows"] += 1
                out.stats[key]["extracted"] += bool(result.claims)
                out.stats[key]["covered"] += bool(covered)
            if not covered:
                out.confusion[(row["verdict"], "NOT_IN_KB" if result.claims else "NO_CLAIM")] += 1
                out.misses.append((row["dataset"], row["text"][:110], str([(c.claim.intervention.name, c.claim.condition.name) for c in result.claims])))
                continue
            ours = our_verdict(covered[0])
            out.confusion[(row["verdict"], ours)] += 1
            ok = agrees(ours, row["verdict"])
            for key in ("ALL", row["dataset"]):
                out.stats[key]["agree"] += ok
            if not ok:
                out.disagreements.append((row["dataset"], row["verdict"], ours, covered[0].verdict.assessment or "", row["text"][:120]))
    return out


def table(scores: Scores) -> str:
    """Coverage and agreement per dataset."""
    lines = [f"{'dataset':<14}{'rows':>6}{'extracted':>11}{'covered':>10}{'agree|covered':>15}"]
    for key in ["ALL"] + sorted(k for k in scores.stats if k != "ALL"):
        s = scores.stats[key]
        agree = f"{s['agree'] / s['covered']:.1%}" if s["covered"] else "-"
        lines.append(f"{key:<14}{s['rows']:>6}{s['extracted'] / s['rows']:>11.1%}{s['covered'] / s['rows']:>10.1%}{agree:>15}")
    return "\n".join(lines)


def confusion_table(scores: Scores) -> str:
    """Rows: expert verdict; columns: ours (NOT_IN_KB: a claim, no assessment; NO_CLAIM: nothing extracted)."""
    lines = ["expert \\ ours  " + "".join(f"{c:>14}" for c in OURS)]
    for gold in GOLD:
        lines.append(f"{gold:<15}" + "".join(f"{scores.confusion[(gold, c)]:>14}" for c in OURS))
    return "\n".join(lines)


def verdict_report(checker: Any, path: Path) -> str:
    """Coverage, agreement and confusion matrix, as text."""
    scores = score(checker, path)
    return "\n".join([
        f"== verdicts on {path.name} (knowledge base {checker.kb_version})", table(scores), "", confusion_table(scores),
    ])
