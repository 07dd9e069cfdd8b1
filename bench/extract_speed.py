"""Sentences per second of the checker with and without the trained models (issue #4).

    python bench/extract_speed.py [--repeat 3]

Runs every sentence of the annotated corpus (models/corpus/*.jsonl) through ``Checker.check``, once with the
bundled models and once with the rules alone, after a warm-up, and prints the best of ``--repeat`` runs.
Benchmarks print figures; tests never time anything.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from claimcheck.checker import Checker
from claimcheck.models.corpus import load_corpus

CORPUS = Path(__file__).resolve().parents[1] / "models" / "corpus"


def best_rate(checker: Checker, texts: list[str], repeat: int) -> tuple[float, int]:
    checker.check(texts[0])
    best, claims = 0.0, 0
    for _ in range(repeat):
        started = time.perf_counter()
        claims = sum(len(checker.check(t).claims) for t in texts)
        best = max(best, len(texts) / (time.perf_counter() - started))
    return best, claims


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = [s.text for s in load_corpus(CORPUS)]
    print(f"{len(texts)} corpus sentences, best of {args.repeat}")
    for label, models in (("rules + models", True), ("rules only", False)):
        rate, claims = best_rate(Checker(models=models), texts, args.repeat)
        print(f"{label:<16}{rate:>10,.0f} sentences/s   {claims} claims found")


if __name__ == "__main__":
    main()
