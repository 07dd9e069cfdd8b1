"""``claimcheck train``: rebuild every model artifact from the annotated corpus, deterministically.

For each task (is this pair a claim; its predicate, polarity, certainty, and
whether it is a question, an anecdote, reported speech) three readers compete:
the rules alone, a model on text features, and a model that also sees the
rules' reading. The winner is chosen by 5-fold cross-validation on the training
split only; the fixed test split is used once, to report scores.
"""

from __future__ import annotations

import datetime as dt
import json
import platform
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold, StratifiedGroupKFold
from sklearn.pipeline import Pipeline

from claimcheck.claims import rule_claim
from claimcheck.models.corpus import (
    PairExample,
    Sentence,
    corpus_hash,
    load_corpus,
    pair_examples,
    rival_flags,
)
from claimcheck.models.features import pair_features
from claimcheck.models.linear import LinearModel
from claimcheck.models.reproducible import deterministic_skops
from claimcheck.models.runtime import can_overrule, rule_reading, spare_most_probable

TASKS = ("claim", "predicate", "polarity", "certainty", "question", "anecdote", "reported")
VARIANTS = ("rules", "model", "model+rules")
C_GRID = (1.0, 4.0, 16.0)
MIN_DF = 2  # a feature must occur in at least this many training pairs
THRESHOLD_REPEATS = 5  # shuffled grouped 5-fold splits whose out-of-fold F1 curves are averaged to place the claim threshold
RIVAL_TOLERANCE = 0.001  # the rival threshold: the lowest whose mean out-of-fold F1 is this close to the best


def prune(feats: list[dict[str, float]], min_df: int = MIN_DF) -> list[dict[str, float]]:
    """Drop features seen in fewer than ``min_df`` examples: smaller artifacts, less over-fitting."""
    df: Counter[str] = Counter(name for f in feats for name in f)
    keep = {name for name, n in df.items() if n >= min_df}
    return [{k: v for k, v in f.items() if k in keep} for f in feats]


def gold_label(task: str, ex: PairExample) -> str:
    """The gold label of an example for a task."""
    if task == "claim":
        return "claim" if ex.gold is not None else "none"
    assert ex.gold is not None
    value = ex.gold[task]
    return str(value).lower() if isinstance(value, bool) else str(value)


def rule_label(task: str, ex: PairExample) -> str:
    """What the rules say for a task."""
    if task == "claim":
        return "claim" if rule_claim(ex.reading) is not None else "none"
    return rule_reading(task, ex.reading)


_FEATURES: dict[tuple[int, bool], dict[str, float]] = {}


def features_of(ex: PairExample, with_rules: bool) -> dict[str, float]:
    """Pair features, computed once per example and variant during a training run."""
    key = (id(ex), with_rules)
    if key not in _FEATURES:
        _FEATURES[key] = pair_features(ex.reading, with_rules=with_rules)
    return _FEATURES[key]


def task_examples(task: str, examples: list[PairExample]) -> list[PairExample]:
    """Candidate pairs for the claim task; gold claims for the attribute tasks."""
    return examples if task == "claim" else [e for e in examples if e.gold is not None]


def make_pipeline(c: float) -> Pipeline:
    """DictVectorizer → TfidfTransformer → LogisticRegression (deterministic solver)."""
    return Pipeline([
        ("vectorize", DictVectorizer(sort=True)),
        ("tfidf", TfidfTransformer(sublinear_tf=False, norm="l2", use_idf=True, smooth_idf=True)),
        ("classify", LogisticRegression(C=c, max_iter=5000, solver="lbfgs", class_weight="balanced")),
    ])


def macro_f1(gold: list[str], pred: list[str]) -> float:
    return float(f1_score(gold, pred, average="macro", zero_division=0))


@dataclass
class TaskResult:
    """The chosen reader for one task and the scores behind the choice."""

    task: str
    chosen: str
    c: float | None
    cv_scores: dict[str, float]
    pipeline: Pipeline | None
    thresholds: dict[str, Any] | None = None


def choose(task: str, train: list[PairExample], log: Callable[[str], None]) -> TaskResult:
    """Cross-validate rules and both model variants on the training split; fit the winner."""
    examples = task_examples(task, train)
    gold = [gold_label(task, e) for e in examples]
    groups = [e.sentence.id for e in examples]
    scores: dict[str, float] = {"rules": macro_f1(gold, [rule_label(task, e) for e in examples])}
    best_c: dict[str, float] = {}
    if len(set(gold)) < 2:
        return TaskResult(task, "rules", None, scores, None)
    folds = list(GroupKFold(n_splits=5).split(examples, gold, groups))
    for variant in ("model", "model+rules"):
        feats = prune([features_of(e, variant == "model+rules") for e in examples])
        for c in C_GRID:
            pred = [""] * len(examples)
            for train_idx, test_idx in folds:
                y = [gold[i] for i in train_idx]
                if len(set(y)) < 2:
                    for i in test_idx:
                        pred[i] = y[0]
                    continue
                pipe = make_pipeline(c).fit([feats[i] for i in train_idx], y)
                for i, p in zip(test_idx, pipe.predict([feats[i] for i in test_idx])):
                    pred[i] = str(p)
            score = macro_f1(gold, pred)
            if score > scores.get(variant, -1.0):
                scores[variant], best_c[variant] = score, c
    chosen = max(VARIANTS, key=lambda v: (round(scores.get(v, -1.0), 4), -VARIANTS.index(v)))
    log(f"  {task:<10} cv macro-F1 " + "  ".join(f"{v} {scores[v]:.3f}" for v in VARIANTS if v in scores) + f"  -> {chosen}")
    if chosen == "rules":
        return TaskResult(task, chosen, None, scores, None)
    feats = prune([features_of(e, chosen == "model+rules") for e in examples])
    if task == "claim":
        thresholds = claim_thresholds(examples, feats, gold, groups, best_c[chosen], log)
    else:
        thresholds = overrule_threshold(task, examples, feats, gold, folds, best_c[chosen], log)
    pipeline = make_pipeline(best_c[chosen]).fit(feats, gold)
    return TaskResult(task, chosen, best_c[chosen], scores, pipeline, thresholds)


def _oof_proba(feats: list[dict[str, float]], gold: list[str], folds: list[Any], c: float) -> tuple[np.ndarray, list[str]]:
    """Out-of-fold class probabilities on the training split (rows: examples, columns: sorted classes)."""
    classes = sorted(set(gold))
    proba = np.zeros((len(gold), len(classes)))
    for train_idx, test_idx in folds:
        pipe = make_pipeline(c).fit([feats[i] for i in train_idx], [gold[i] for i in train_idx])
        cols = [classes.index(str(k)) for k in pipe.classes_]
        proba[np.ix_(test_idx, cols)] = pipe.predict_proba([feats[i] for i in test_idx])
    return proba, classes


def overrule_threshold(
    task: str, examples: list[PairExample], feats: list[dict[str, float]], gold: list[str], folds: list[Any], c: float,
    log: Callable[[str], None],
) -> dict[str, dict[str, float]]:
    """How sure the model must be to overrule the rules, for each label it would put in their place.

    Chosen on out-of-fold probabilities of the training split. The overrulings to
    different labels touch different pairs, so each label's threshold is chosen on
    its own: the one with the best out-of-fold accuracy, the highest on a tie (a
    flip that is right no more often than the rules is not made). Flipping a
    polarity inverts a verdict, and the two directions need not be equally safe.
    Flips that :func:`~claimcheck.models.runtime.can_overrule` forbids are left out,
    as at run time.
    """
    proba, classes = _oof_proba(feats, gold, folds, c)
    top = [classes[j] for j in proba.argmax(axis=1)]
    p_top = proba.max(axis=1)
    rules = [rule_label(task, e) for e in examples]
    grid = [round(x, 2) for x in np.arange(1.0, -0.001, -0.05)]  # highest first: ties keep the rules
    thresholds: dict[str, float] = {}
    for label in classes:
        flips = [
            (p, m == g, r == g)
            for m, r, p, g, e in zip(top, rules, p_top, gold, examples, strict=True)
            if m == label and m != r and can_overrule(task, label, e.reading)
        ]
        best = (0, 1.0)
        for t in grid:
            gain = sum(model_right - rules_right for p, model_right, rules_right in flips if p >= t)
            if gain > best[0]:
                best = (gain, t)
        thresholds[label] = best[1]
        log(f"  {task}: the model overrules the rules with {label!r} at p >= {best[1]} (out of fold, {best[0]:+d} right)")
    return {"overrule_rules": thresholds}


def claim_thresholds(
    examples: list[PairExample], feats: list[dict[str, float]], gold: list[str], groups: list[str], c: float,
    log: Callable[[str], None],
) -> dict[str, float]:
    """The claim model's threshold for pairs that no rule cue links, from out-of-fold probabilities.

    Pairs that a predicate cue links are always kept: the corpus marks the outcome
    ("improved quality of life") rather than the population ("people with Crohn's")
    as a claim's condition, and a checker needs the population pair too, since that
    is what the knowledge base assesses. The model adds the pairs the rules miss.

    The exception: a cue-linked pair whose condition the cue also links to another
    intervention (:func:`claimcheck.claims.rivals`: "beta carotene pills raised lung
    cancer rates in smokers") is dropped when the model's probability of a claim is
    below ``competing``, unless it is the most probable of its condition's rivals.

    The out-of-fold F1 is nearly flat over a wide range of thresholds, so the best
    point of one split is noise: the curves of ``THRESHOLD_REPEATS`` shuffled,
    stratified grouped 5-fold splits (fixed seeds) are averaged and the threshold
    with the best mean is taken (the lowest on a tie). For ``competing``, chosen
    next with that threshold in place, the lowest within ``RIVAL_TOLERANCE`` of the
    best mean: every pair it drops is one a verdict could have used.
    """
    cue = np.array([e.reading.predicate is not None for e in examples])
    no_claim = np.array([e.reading.asserts_nothing for e in examples])  # never a claim, as at run time
    rival = np.array(rival_flags(examples))
    truth = np.array([g == "claim" for g in gold])
    grid = [round(x, 2) for x in np.arange(0.3, 0.96, 0.05)]
    rival_grid = [round(x, 2) for x in np.arange(0.0, 0.96, 0.05)]
    probabilities = []
    for seed in range(THRESHOLD_REPEATS):
        folds = list(StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=seed).split(examples, gold, groups))
        proba, classes = _oof_proba(feats, gold, folds, c)
        probabilities.append(proba[:, classes.index("claim")])

    def f1(pred: np.ndarray) -> float:
        return 2 * int((pred & truth).sum()) / max(int(pred.sum()) + int(truth.sum()), 1)

    mean = np.mean([[f1((cue | (p >= t)) & ~no_claim) for t in grid] for p in probabilities], axis=0)
    best = int(np.argmax(mean))  # the first (lowest) threshold on a tie
    other = grid[best]
    log(f"  claim threshold for pairs without a linking cue: {other} (mean out-of-fold F1 {mean[best]:.4f} over "
        f"{THRESHOLD_REPEATS} shuffled grouped 5-fold splits; range over the grid {mean.min():.4f}-{mean.max():.4f})")
    keys = [(e.sentence.id, e.reading.condition) for e in examples]
    droppable = [np.array(spare_most_probable(keys, list(rival), list(p))) for p in probabilities]
    rival_mean = np.mean(
        [[f1((cue | (p >= other)) & ~no_claim & ~(drop & (p < t))) for t in rival_grid]
         for p, drop in zip(probabilities, droppable, strict=True)], axis=0,
    )
    chosen = next(k for k, value in enumerate(rival_mean) if value >= rival_mean.max() - RIVAL_TOLERANCE)
    log(f"  claim threshold for cue-linked pairs with a rival ({int(rival.sum())} pairs): {rival_grid[chosen]} (mean "
        f"out-of-fold F1 {rival_mean[chosen]:.4f}; without dropping any {rival_mean[0]:.4f}, best on the grid "
        f"{rival_mean.max():.4f})")
    return {"other": other, "competing": rival_grid[chosen]}


def build_examples(sentences: list[Sentence], nlp: Any) -> list[PairExample]:
    """Candidate pairs of every sentence."""
    return [ex for s in sentences for ex in pair_examples(s, nlp)]


def learn_gazetteer(train: list[Sentence], nlp: Any) -> list[tuple[str, str]]:
    """Annotated names the mention finder misses in the training split (one kind only, 4+ letters, not stop words)."""
    from claimcheck.mentions import MentionFinder

    finder: MentionFinder = nlp.get_pipe("claimcheck_mentions")
    stop = set(finder.kb.stop_synonyms)
    kinds: dict[str, set[str]] = {}
    for sentence in train:
        mentions = nlp(sentence.text)._.claimcheck_mentions
        for claim in sentence.claims:
            for kind in ("intervention", "condition"):
                span = tuple(claim[f"{kind}_span"])
                if any(m.kind == kind and m.start < span[1] and span[0] < m.end for m in mentions):
                    continue
                surface = " ".join(sentence.text[span[0] : span[1]].lower().split())
                if len(surface) >= 4 and surface not in stop and surface not in finder.vocab.phrases:
                    kinds.setdefault(surface, set()).add(kind)
    return sorted((s, next(iter(k))) for s, k in kinds.items() if len(k) == 1)


def train_all(corpus: Path, out: Path, nlp: Any, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Train every task, check the fast path, save skops + npz artifacts and the manifest."""
    import skops.io as sio

    from claimcheck.models.evaluate import evaluate_split

    sentences = load_corpus(corpus)
    train = [s for s in sentences if not s.test]
    test = [s for s in sentences if s.test]
    log(f"corpus: {len(sentences)} sentences ({len(train)} train, {len(test)} test)")
    train_ex = build_examples(train, nlp)
    out.mkdir(parents=True, exist_ok=True)
    gazetteer = learn_gazetteer(train, nlp)
    with (out / "gazetteer.tsv").open("w", encoding="utf-8") as handle:
        handle.write("# Names of interventions and conditions annotated in the training split that neither the knowledge base\n")
        handle.write("# nor the external vocabularies know; written by 'claimcheck train'. Columns: name, kind.\n")
        for surface, kind in gazetteer:
            handle.write(f"{surface}\t{kind}\n")
    log(f"gazetteer: {len(gazetteer)} names learned from the training split")
    tasks: dict[str, Any] = {}
    for task in TASKS:
        result = choose(task, train_ex, log)
        entry: dict[str, Any] = {"chosen": result.chosen, "C": result.c, "cv_macro_f1": {k: round(v, 4) for k, v in result.cv_scores.items()}}
        if result.thresholds:
            entry["thresholds"] = result.thresholds
        if result.pipeline is not None:
            fast = LinearModel.from_pipeline(result.pipeline)
            _check_fast_path(task, result, fast, train_ex)
            sio.dump(result.pipeline, out / f"{task}.skops", compression=zipfile.ZIP_DEFLATED, compresslevel=9)
            deterministic_skops(out / f"{task}.skops")
            fast.save(out / f"{task}.npz")
            entry["files"] = [f"{task}.skops", f"{task}.npz"]
            entry["n_features"] = len(fast.vocabulary)
        tasks[task] = entry
    manifest: dict[str, Any] = {
        "name": "claimcheck-claim-models",
        "trained": dt.date.today().isoformat(),
        "corpus": {"path": "models/corpus/*.jsonl", "sha256": corpus_hash(corpus), "sentences": len(sentences),
                   "train": len(train), "test": len(test), "split": "test when int(sha1(id), 16) % 5 == 0"},
        "features": "masked word 1-3-grams, character 3-4-grams (features seen in fewer than 2 training pairs dropped), words between the mentions, gap and order; "
                    "model+rules also sees the rules' reading (predicate cue, negation, certainty, question, anecdote, reported)",
        "estimator": "DictVectorizer -> TfidfTransformer -> LogisticRegression(lbfgs, class_weight=balanced), C chosen by 5-fold GroupKFold; the claim threshold by the mean out-of-fold F1 of 5 shuffled StratifiedGroupKFold splits",
        "versions": {"python": platform.python_version(), "scikit-learn": sklearn.__version__, "numpy": np.__version__,
                     "skops": sio.__version__ if hasattr(sio, "__version__") else _skops_version()},
        "tasks": tasks,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    manifest["test_scores"] = evaluate_split(test, nlp, out, e2e_nlp=_pipeline_with_gazetteer(nlp, out))
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    (out / "MODEL_CARD.md").write_text(model_card(manifest))
    return manifest


def _pipeline_with_gazetteer(nlp: Any, out: Path) -> Any:
    """A pipeline like ``nlp`` whose mention finder also knows the gazetteer just learned."""
    from claimcheck.nlp import build_pipeline

    finder = nlp.get_pipe("claimcheck_mentions")
    return build_pipeline(finder.kb.root, models=False, gazetteer=str(out / "gazetteer.tsv"))


def _skops_version() -> str:
    import skops

    return str(getattr(skops, "__version__", "unknown"))


def _check_fast_path(task: str, result: TaskResult, fast: LinearModel, examples: list[PairExample]) -> None:
    """Refuse to save an export whose probabilities differ from scikit-learn's."""
    assert result.pipeline is not None
    sample = task_examples(task, examples)[:300]
    feats = [pair_features(e.reading, with_rules=result.chosen == "model+rules") for e in sample]
    expected = result.pipeline.predict_proba(feats)
    classes = [str(c) for c in result.pipeline.classes_]
    for row, f in zip(expected, feats):
        got = fast.proba(f)
        if max(abs(got[c] - p) for c, p in zip(classes, row)) > 1e-9:
            raise RuntimeError(f"fast inference differs from scikit-learn for task {task}")


def model_card(manifest: dict[str, Any]) -> str:
    """The model card, in Markdown."""
    lines = [
        "# claimcheck claim models", "",
        (f"Trained {manifest['trained']} by `claimcheck train` from the annotated corpus "
        f"({manifest['corpus']['sentences']} sentences; sha256 {manifest['corpus']['sha256'][:16]}…)."),
        "", (f"- Split: {manifest['corpus']['split']} ({manifest['corpus']['train']} train, {manifest['corpus']['test']} test). "
        "Model choice and hyper-parameters use the training split only."),
        f"- Features: {manifest['features']}.", f"- Estimator: {manifest['estimator']}.",
        f"- Versions: {', '.join(f'{k} {v}' for k, v in manifest['versions'].items())}.",
        ("- Artifacts: `<task>.skops` (the scikit-learn pipeline, safe to load with skops) and `<task>.npz` "
        "(the same weights as plain arrays, used at run time without importing scikit-learn; training checks "
        "both give the same probabilities to 1e-9)."), "",
        "## Which reader wins where (5-fold cross-validation on the training split, macro-F1)", "",
        "| task | rules | model | model+rules | used |", "|---|---|---|---|---|",
    ]
    for task, entry in manifest["tasks"].items():
        cv = entry["cv_macro_f1"]
        lines.append(f"| {task} | {cv.get('rules', '-')} | {cv.get('model', '-')} | {cv.get('model+rules', '-')} | {entry['chosen']} |")
    lines += [
        "", "## When a model overrules the rules", "",
        (
            "A pair that a rule cue links is a claim, unless the cue also links its condition to an intervention in "
            "another list (\"beta carotene pills raised lung cancer rates in smokers\") and the claim model gives it "
            f"p < {manifest['tasks']['claim'].get('thresholds', {}).get('competing', '-')}; the claim model decides the "
            f"others (p >= {manifest['tasks']['claim'].get('thresholds', {}).get('other', '-')}). For each attribute, the model's "
            "label replaces the rules' reading only when the model is at least this sure of it (chosen out of fold on the "
            "training split, label by label; a tie keeps the rules; 1.0 means never). Moving a predicate between `no_effect` and "
            "an efficacy class changes the claim's side: it also needs the polarity threshold of that direction (and "
            "a word that denies, towards `no_effect`). A predicate is never moved between a harm (`causes`, `harms`) "
            "and a benefit when a rule cue names the direction (\"increases the risk of\" is not \"prevents\"). "
            "Predicate and polarity are then made to agree, so that mixing "
            "the model's and the rules' readings never inverts a claim (\"dangerous\" is is_safe denied, or harms); "
            "and the model reads a denial (`negative`) only in a sentence holding a negation, an epistemic-denial cue "
            "or an irony marker, and never overrules a denial of the evidence that the rules found. A sentence that "
            "opens with an auxiliary and ends with \"?\" (\"Do cough medicines relieve cough?\") is never read as an "
            "assertion:"
        ),
        "",
        "| task | thresholds |", "|---|---|",
    ]
    for task, entry in manifest["tasks"].items():
        overrule = entry.get("thresholds", {}).get("overrule_rules")
        if overrule:
            lines.append(f"| {task} | {', '.join(f'{label} {t}' for label, t in overrule.items())} |")
    lines += ["", "## Scores on the fixed test split", "", "```", manifest.get("test_scores", {}).get("report", ""), "```", ""]
    return "\n".join(lines)
