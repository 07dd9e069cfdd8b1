"""``claimcheck evaluate``: scores on the fixed test split, per task and per label.

Two views: each task's classifier on the test split's candidate pairs (gold
mentions plus the mention finder's), against the rules on the same pairs; and
end to end, where the full pipeline finds the mentions itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sklearn.metrics import (
    classification_report,
    f1_score,
    precision_recall_fscore_support,
)

from claimcheck.claims import ClaimExtractor
from claimcheck.models.corpus import PairExample, Sentence, pair_examples, rival_flags
from claimcheck.models.runtime import ClaimModels, spare_most_probable


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _task_predictions(task: str, examples: list[PairExample], models: ClaimModels) -> list[str]:
    from claimcheck.models.train import rule_label

    if task not in models.models:
        return [rule_label(task, e) for e in examples]
    if task == "claim":  # the same decisions as at run time, thresholds included
        flags = rival_flags(examples)
        p = [models.claim_probability(e.reading) or 0.0 for e in examples]
        flags = spare_most_probable([(e.sentence.id, e.reading.condition) for e in examples], flags, p)
        return ["claim" if models.decide(e.reading, rival=r) is not None else "none" for e, r in zip(examples, flags, strict=True)]
    return [models.attribute(task, e.reading) for e in examples]


def evaluate_split(test: list[Sentence], nlp: Any, folder: Path, *, e2e_nlp: Any = None) -> dict[str, Any]:
    """Per-task scores of rules and of the used reader, plus end-to-end claim detection.

    ``nlp`` finds candidate pairs (as in training); ``e2e_nlp`` is the pipeline as
    shipped (with the gazetteer), for the end-to-end figures.
    """
    from claimcheck.models.train import TASKS, gold_label, rule_label, task_examples

    models = ClaimModels(folder)
    examples = [ex for s in test for ex in pair_examples(s, nlp)]
    report_lines, scores = [], {}
    for task in TASKS:
        exs = task_examples(task, examples)
        gold = [gold_label(task, e) for e in exs]
        rules = [rule_label(task, e) for e in exs]
        used = _task_predictions(task, exs, models)
        accuracy = sum(g == p for g, p in zip(gold, used)) / max(len(gold), 1)
        scores[task] = {
            "n": len(gold),
            "used": models.manifest["tasks"][task]["chosen"],
            "accuracy": round(accuracy, 4),
            "macro_f1": round(float(f1_score(gold, used, average="macro", zero_division=0)), 4),
            "rules_accuracy": round(sum(g == p for g, p in zip(gold, rules)) / max(len(gold), 1), 4),
            "rules_macro_f1": round(float(f1_score(gold, rules, average="macro", zero_division=0)), 4),
        }
        if task == "claim":
            p, r, f, _ = precision_recall_fscore_support(gold, used, pos_label="claim", average="binary", zero_division=0)
            scores[task].update(precision=round(float(p), 4), recall=round(float(r), 4), f1=round(float(f), 4))
        report_lines.append(f"== {task} ({len(gold)} pairs; used: {scores[task]['used']}; accuracy {accuracy:.3f}, "
                            f"rules alone {scores[task]['rules_accuracy']:.3f})")
        report_lines.append(classification_report(gold, used, digits=3, zero_division=0).rstrip())
    e2e = end_to_end(test, e2e_nlp or nlp, models)
    scores["end_to_end"] = e2e
    rules_only = end_to_end(test, e2e_nlp or nlp, None)
    scores["end_to_end_rules_only"] = rules_only
    report_lines.append(
        f"== end to end (mentions found by the pipeline): claim pairs P {e2e['precision']:.3f} R {e2e['recall']:.3f} "
        f"F1 {e2e['f1']:.3f}; sentences with a claim F1 {e2e['sentence_f1']:.3f}; on matched claims: polarity "
        f"{e2e['polarity_accuracy']:.3f}, question {e2e['question_accuracy']:.3f}, certainty {e2e['certainty_accuracy']:.3f}"
    )
    report_lines.append(
        f"== end to end, rules only: claim pairs P {rules_only['precision']:.3f} R {rules_only['recall']:.3f} "
        f"F1 {rules_only['f1']:.3f}; sentences with a claim F1 {rules_only['sentence_f1']:.3f}; on matched claims: polarity "
        f"{rules_only['polarity_accuracy']:.3f}, question {rules_only['question_accuracy']:.3f}, certainty {rules_only['certainty_accuracy']:.3f}"
    )
    return {"report": "\n".join(report_lines), **scores}


def end_to_end(test: list[Sentence], nlp: Any, models: ClaimModels | None) -> dict[str, float]:
    """The full pipeline (its own mentions) against the gold claims, matched by overlapping spans."""
    extractor: ClaimExtractor = nlp.get_pipe("claimcheck_claims")
    saved = extractor.models
    extractor.models = models
    tp = fp = fn = 0
    sent_tp = sent_fp = sent_fn = 0
    attrs = {"polarity": [0, 0], "question": [0, 0], "certainty": [0, 0]}
    try:
        for sentence in test:
            claims = nlp(sentence.text)._.claimcheck_claims
            gold = list(sentence.claims)
            sent_tp += bool(claims) and bool(gold)
            sent_fp += bool(claims) and not gold
            sent_fn += not claims and bool(gold)
            used: set[int] = set()
            for claim in claims:
                match = next(
                    (k for k, g in enumerate(gold) if k not in used
                     and _overlaps((claim.intervention.start, claim.intervention.end), tuple(g["intervention_span"]))
                     and _overlaps((claim.condition.start, claim.condition.end), tuple(g["condition_span"]))),
                    None,
                )
                if match is None:
                    fp += 1
                    continue
                used.add(match)
                tp += 1
                g = gold[match]
                for name, ok in (("polarity", (g["polarity"] == "negative") == claim.negated),
                                 ("question", g["question"] == claim.question), ("certainty", g["certainty"] == claim.certainty)):
                    attrs[name][0] += ok
                    attrs[name][1] += 1
            fn += len(gold) - len(used)
    finally:
        extractor.models = saved
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    sp = sent_tp / (sent_tp + sent_fp) if sent_tp + sent_fp else 0.0
    sr = sent_tp / (sent_tp + sent_fn) if sent_tp + sent_fn else 0.0
    return {
        "precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
        "sentence_f1": round(2 * sp * sr / (sp + sr) if sp + sr else 0.0, 4),
        **{f"{k}_accuracy": round(v[0] / v[1], 4) if v[1] else 0.0 for k, v in attrs.items()},
    }
