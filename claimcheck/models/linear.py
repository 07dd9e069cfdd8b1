"""Fast inference for the trained linear models, with numpy only.

Importing scikit-learn costs over a second, more than a one-line
``claimcheck check`` may take, so each trained pipeline
(DictVectorizer → TfidfTransformer → LogisticRegression) is also exported as
plain arrays. ``claimcheck train`` checks that this path reproduces
scikit-learn's probabilities before it writes anything.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np


@dataclass(frozen=True)
class LinearModel:
    """A multinomial or binary logistic model over sparse, tf-idf-weighted, L2-normalised features."""

    vocabulary: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray  # (n_classes or 1, n_features)
    intercept: np.ndarray
    classes: tuple[str, ...]

    def proba(self, features: dict[str, float]) -> dict[str, float]:
        """Class probabilities for one feature dict."""
        idx, vals = [], []
        for name, value in features.items():
            j = self.vocabulary.get(name)
            if j is not None:
                idx.append(j)
                vals.append(value * self.idf[j])
        if idx:
            v = np.asarray(vals)
            v = v / np.sqrt(np.dot(v, v))
            scores = self.coef[:, idx] @ v + self.intercept
        else:
            scores = self.intercept.copy()
        if len(self.classes) == 2 and scores.shape[0] == 1:
            p1 = 1.0 / (1.0 + np.exp(-scores[0]))
            probs = np.array([1.0 - p1, p1])
        else:
            e = np.exp(scores - scores.max())
            probs = e / e.sum()
        return {c: float(p) for c, p in zip(self.classes, probs)}

    def predict(self, features: dict[str, float]) -> tuple[str, float]:
        """The most probable class and its probability."""
        probs = self.proba(features)
        best = max(probs, key=probs.__getitem__)
        return best, probs[best]

    @classmethod
    def from_pipeline(cls, pipeline: Any) -> LinearModel:
        """Export a fitted DictVectorizer → TfidfTransformer → LogisticRegression pipeline."""
        vec, tfidf, clf = (step for _, step in pipeline.steps)
        return cls(
            vocabulary={str(k): int(v) for k, v in vec.vocabulary_.items()},
            idf=np.asarray(tfidf.idf_, dtype=np.float64),
            coef=np.asarray(clf.coef_, dtype=np.float64),
            intercept=np.asarray(clf.intercept_, dtype=np.float64),
            classes=tuple(str(c) for c in clf.classes_),
        )

    def save(self, path: Path) -> None:
        """Write as a compressed .npz (no pickle)."""
        names = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        np.savez_compressed(
            path, names=np.array(names, dtype=np.str_), idf=self.idf, coef=self.coef,
            intercept=self.intercept, classes=np.array(self.classes, dtype=np.str_),
        )

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        """Read a model written by :meth:`save` (``allow_pickle`` stays off)."""
        with np.load(path, allow_pickle=False) as data:
            names = [str(n) for n in data["names"]]
            return cls(
                vocabulary={n: i for i, n in enumerate(names)}, idf=data["idf"], coef=data["coef"],
                intercept=data["intercept"], classes=tuple(str(c) for c in data["classes"]),
            )


class LinearBank:
    """Several :class:`LinearModel` s over one shared vocabulary, scored together.

    A pair's features are looked up once and every task's scores come from one
    gather and two small products, instead of one dictionary pass and one product
    per task. Each task keeps its own idf weights and L2 normalisation (features
    a task never saw weigh 0 for it), so the probabilities equal the single
    models'. Per feature row, the table holds idf × coefficient for every class
    column, then idf² for every task (the squared norm is Σ tf² · idf²).
    """

    def __init__(self, models: dict[str, LinearModel]) -> None:
        self.tasks = tuple(models)
        names = sorted({name for m in models.values() for name in m.vocabulary})
        self.vocabulary = {name: i for i, name in enumerate(names)}
        n, t = len(names), len(self.tasks)
        columns = sum(m.coef.shape[0] for m in models.values())
        table = np.zeros((n + 1, columns + t))  # the last row, all zeros, stands for unknown features
        self._intercept = np.zeros(columns)
        task_of_column = np.zeros(columns, dtype=np.intp)
        self._layout: list[tuple[str, int, int, tuple[str, ...]]] = []
        col = 0
        for k, (task, model) in enumerate(models.items()):
            rows = np.array([self.vocabulary[name] for name in sorted(model.vocabulary, key=model.vocabulary.__getitem__)], dtype=np.intp)
            width = model.coef.shape[0]
            table[rows, col : col + width] = model.coef.T * model.idf[:, None]
            table[rows, columns + k] = model.idf**2
            self._intercept[col : col + width] = model.intercept
            task_of_column[col : col + width] = k
            self._layout.append((task, col, col + width, model.classes))
            col += width
        self._table = table
        self._unknown = repeat(n)  # map() stops at the shorter iterable: this one never ends
        self._columns = columns
        self._task_of_column = task_of_column

    def _scores(self, features: dict[str, float]) -> list[float]:
        if not features:
            return self._intercept.tolist()
        count = len(features)
        rows = self._table[np.fromiter(map(self.vocabulary.get, features, self._unknown), dtype=np.intp, count=count)]
        v = np.fromiter(features.values(), dtype=np.float64, count=count)
        raw = v @ rows[:, : self._columns]
        norms = np.sqrt(v * v @ rows[:, self._columns :])
        norms[norms == 0.0] = 1.0
        return (raw / norms[self._task_of_column] + self._intercept).tolist()

    def best(self, features: dict[str, float]) -> dict[str, tuple[str, float]]:
        """Every task's most probable class and its probability (the first class on a tie, as ``max``)."""
        scores = self._scores(features)
        out: dict[str, tuple[str, float]] = {}
        for task, lo, hi, classes in self._layout:
            if hi - lo == 1 and len(classes) == 2:
                p1 = _sigmoid(scores[lo])
                out[task] = (classes[1], p1) if p1 > 1.0 - p1 else (classes[0], 1.0 - p1)
            else:
                row = scores[lo:hi]
                top = max(row)
                out[task] = (classes[row.index(top)], 1.0 / sum(math.exp(x - top) for x in row))
        return out


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)
