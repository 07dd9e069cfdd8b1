"""Verdicts against expert labels: coverage, agreement and the confusion matrix.

Used by ``claimcheck evaluate --dev-claims`` and ``bench/coverage.py`` on the
dev claims (read where they are; their licences forbid copying them). Their
labels are SUPPORTED, CONTRADICTED, INSUFFICIENT and MIXED; ours map onto them
(MISLEADING counts as CONTRADICTED, UNPROVEN as INSUFFICIENT or MIXED).
Questions (HealthFC, TREC) are judged as the assertion they ask about.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimcheck.results import ClaimResult

LABEL_TO_VERDICT = {"SUPPORTED": "SUPPORTED", "CONTRADICTED": "CONTRADICTED", "MISLEADING": "CONTRADICTED", "UNPROVEN": "INSUFFICIENT"}
GOLD = ("SUPPORTED", "CONTRADICTED", "INSUFFICIENT", "MIXED")
OURS = ("SUPPORTED", "CONTRADICTED", "INSUFFICIENT", "NOT_IN_KB", "NO_CLAIM")


def agrees(ours: str, theirs: str) -> bool:
    """Whether our mapped verdict agrees with the expert label."""
    if ours == "INSUFFICIENT":
        return theirs in ("INSUFFICIENT", "MIXED")
    return ours == theirs


def our_verdict(item: ClaimResult) -> str:
    """Our verdict in the dataset's terms.

    A question is judged as the assertion it asks about ("Can X cure Y?" as "X cures Y"), which is how the
    dataset's yes/no answer reads: MISLEADING and CONTRADICTED both answer "no".
    """
    return LABEL_TO_VERDICT.get(item.verdict.label.value, "INSUFFICIENT")


@dataclass
class Scores:
    """Counts per dataset and the confusion matrix (gold → ours)."""

    stats: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    confusion: Counter = field(default_factory=Counter)
    misses: list[tuple[str, ...]] = field(default_factory=list)
    disagreements: list[tuple[str, ...]] = field(default_factory=list)


def kb_ids(kb: Any, kind: str, label: str) -> set[str]:
    """Knowledge-base ids named by a dataset's approximate label ("face masks", "dementia/alzheimer", "a + b")."""
    names = {form.lower(): rid for form, _, rid in kb.names(kind)}
    found = set()
    for part in label.replace(" + ", "/").split("/"):
        rid = names.get(part.strip().lower())
        if rid:
            found.add(rid)
    return found


def _right_pair(kb: Any, item: ClaimResult, interventions: set[str], conditions: set[str]) -> bool:
    i, c = item.claim.intervention.id, item.claim.condition.id
    if i is None or c is None:
        return False
    i_ok = any(x in interventions for x in kb.intervention_lineage(i)) or any(i in kb.intervention_lineage(x) for x in interventions)
    c_ok = any(x in conditions for x in kb.condition_lineage(c)) or any(c in kb.condition_lineage(x) for x in conditions)
    return i_ok and c_ok


def score(checker: Any, path: Path) -> Scores:
    """Check every row of a JSON Lines file of claims with expert verdicts."""
    out = Scores()
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            result = checker.check(row["text"])
            interventions = kb_ids(checker.kb, "intervention", row.get("intervention", ""))
            conditions = kb_ids(checker.kb, "condition", row.get("condition", ""))
            if interventions and conditions:
                right = any(_right_pair(checker.kb, c, interventions, conditions) for c in result.claims)
                for key in ("ALL", row["dataset"]):
                    out.stats[key]["kb_rows"] += 1
                    out.stats[key]["kb_rows_right"] += right
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
    lines = [f"{'dataset':<14}{'rows':>6}{'extracted':>11}{'covered':>10}{'agree|covered':>15}{'kb rows':>9}{'right pair':>12}"]
    for key in ["ALL"] + sorted(k for k in scores.stats if k != "ALL"):
        s = scores.stats[key]
        agree = f"{s['agree'] / s['covered']:.1%}" if s["covered"] else "-"
        right = f"{s['kb_rows_right'] / s['kb_rows']:.1%}" if s["kb_rows"] else "-"
        lines.append(f"{key:<14}{s['rows']:>6}{s['extracted'] / s['rows']:>11.1%}{s['covered'] / s['rows']:>10.1%}{agree:>15}{s['kb_rows']:>9}{right:>12}")
    lines.append("kb rows: rows whose labelled intervention and condition both name knowledge-base entries; "
                 "right pair: share of those with an extracted claim on that pair")
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
