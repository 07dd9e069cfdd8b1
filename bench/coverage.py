"""Coverage and verdict agreement on the dev claims (read from ../shared/data/dev_claims.jsonl, never copied).

    python bench/coverage.py [--data PATH] [--show-misses N] [--show-disagreements N] [--no-models]

Prints, overall and per source dataset: the share of rows with an extracted claim, the share whose claim
reaches an assessment (coverage), and the agreement of our verdict with the dataset's on covered rows,
then the confusion matrix. Questions (HealthFC, TREC) are compared through the knowledge base's answer.
These dev claims were looked at while the knowledge base was curated: the figures are development
figures, not a held-out estimate.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from claimcheck.checker import Checker
from claimcheck.models.verdicts import confusion_table, score, table

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "dev_claims.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--show-misses", type=int, default=0)
    parser.add_argument("--show-disagreements", type=int, default=0)
    parser.add_argument("--no-models", action="store_true", help="rules only")
    args = parser.parse_args()
    checker = Checker(models=not args.no_models)
    started = time.perf_counter()
    scores = score(checker, args.data)
    print(f"knowledge base {checker.kb_version}; models {'off' if args.no_models else 'on'}; "
          f"{time.perf_counter() - started:.1f} s (development figures: not held out)")
    print(table(scores))
    print()
    print(confusion_table(scores))
    for row in scores.misses[: args.show_misses]:
        print("MISS", *row, sep=" | ")
    for row in scores.disagreements[: args.show_disagreements]:
        print("DISAGREE", *row, sep=" | ")


if __name__ == "__main__":
    main()
