"""Validate a forum corpus file line by line and print label counts.

Usage: ``python models/corpus/src/forum_check.py [FILE ...]`` (default: models/corpus/forum.jsonl).
Checks JSON, keys, id format/uniqueness/order, register, unique texts, span offsets
(``text[start:end] == surface``, whole-word boundaries), label vocabularies, duplicate
pairs and overlapping spans. Optionally flags near-copies of the evaluation material
(dev_claims.jsonl and seed/) by word overlap, printing only ids. Exits 1 on any error.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus_lib import CLAIM_KEYS, PREDICATES, RECORD_KEYS, check_span, words

CORPUS = HERE.parent / "forum.jsonl"
EXPECTED_SIZE = 1100
EVAL_FILES = [Path("/work/shared/data/dev_claims.jsonl")]
SEED_DIR = Path("/work/shared/seed")


def check(lines: list[str], errors: list[str]) -> list[dict]:
    records, ids, texts = [], set(), {}
    first: int | None = None  # id number of line 1; ids must then run consecutively
    for n, line in enumerate(lines, 1):
        where = f"line {n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{where}: invalid JSON ({exc})")
            continue
        if set(rec) != RECORD_KEYS:
            errors.append(f"{where}: keys {sorted(rec)}")
            continue
        where = f"line {n} ({rec['id']})"
        if not re.fullmatch(r"forum-\d{4}", str(rec["id"])):
            errors.append(f"{where}: bad id")
        if first is None and re.fullmatch(r"forum-\d{4}", str(rec["id"])):
            first = int(rec["id"][6:]) - (n - 1)
        expected = f"forum-{first + n - 1:04d}" if first is not None else None
        if expected and rec["id"] != expected:
            errors.append(f"{where}: id out of sequence (expected {expected})")
        if rec["id"] in ids:
            errors.append(f"{where}: duplicate id")
        ids.add(rec["id"])
        if rec["register"] != "forum":
            errors.append(f"{where}: register {rec['register']!r}")
        text = rec["text"]
        if not isinstance(text, str) or not text.strip() or text != text.strip():
            errors.append(f"{where}: empty text or surrounding whitespace")
        key = " ".join(text.lower().split())
        if key in texts:
            errors.append(f"{where}: duplicate text of {texts[key]}")
        texts[key] = rec["id"]
        if not isinstance(rec["claims"], list):
            errors.append(f"{where}: claims is not a list")
            continue
        pairs = set()
        for k, c in enumerate(rec["claims"]):
            cw = f"{where} claim {k}"
            if set(c) != CLAIM_KEYS:
                errors.append(f"{cw}: keys {sorted(c)}")
                continue
            check_span(text, c["intervention_span"], c["intervention"], cw + " intervention", errors)
            check_span(text, c["condition_span"], c["condition"], cw + " condition", errors)
            i_s, c_s = c["intervention_span"], c["condition_span"]
            if max(i_s[0], c_s[0]) < min(i_s[1], c_s[1]):
                errors.append(f"{cw}: intervention and condition spans overlap")
            pair = (tuple(i_s), tuple(c_s))
            if pair in pairs:
                errors.append(f"{cw}: duplicate intervention-condition pair")
            pairs.add(pair)
            if c["predicate"] not in PREDICATES:
                errors.append(f"{cw}: predicate {c['predicate']!r}")
            if c["polarity"] not in {"positive", "negative"}:
                errors.append(f"{cw}: polarity {c['polarity']!r}")
            if c["certainty"] not in {"hedged", "neutral", "absolute"}:
                errors.append(f"{cw}: certainty {c['certainty']!r}")
            for flag in ("question", "anecdote", "reported"):
                if not isinstance(c[flag], bool):
                    errors.append(f"{cw}: {flag} is not a bool")
        records.append(rec)
    return records


def near_copies(records: list[dict]) -> list[str]:
    """Ids whose wording overlaps an evaluation sentence heavily (Jaccard >= 0.6)."""
    refs = []
    for path in EVAL_FILES:
        if path.exists():
            refs += [words(json.loads(l)["text"]) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    if SEED_DIR.exists():
        for p in SEED_DIR.glob("*.txt"):
            refs += [words(s) for s in re.split(r"(?<=[.!?])\s+", p.read_text(encoding="utf-8"))]
    flagged = []
    for rec in records:
        w = words(rec["text"])
        for r in refs:
            if len(r) >= 4 and len(w & r) / len(w | r) >= 0.6:
                flagged.append(rec["id"])
                break
    return flagged


def pct(n: int, d: int) -> str:
    return f"{n:4d} ({100 * n / d:5.1f}%)" if d else f"{n:4d}"


def report(records: list[dict]) -> None:
    claims = [c for r in records for c in r["claims"]]
    n, nc = len(records), len(claims)
    with_claims = sum(1 for r in records if r["claims"])
    print(f"posts: {n}   with claims: {pct(with_claims, n)}   without: {pct(n - with_claims, n)}")
    print(f"claims: {nc}   multi-claim posts: {sum(1 for r in records if len(r['claims']) > 1)}")
    print("predicate:")
    for p, k in sorted(Counter(c["predicate"] for c in claims).items(), key=lambda x: -x[1]):
        print(f"  {p:12s} {pct(k, nc)}")
    for field in ("polarity", "certainty"):
        print(f"{field}: " + ", ".join(f"{v} {pct(k, nc).strip()}" for v, k in Counter(c[field] for c in claims).most_common()))
    for flag in ("question", "anecdote", "reported"):
        print(f"{flag}: {pct(sum(c[flag] for c in claims), nc).strip()}")
    print("predicate x polarity (negative):", dict(Counter(c["predicate"] for c in claims if c["polarity"] == "negative")))
    mentions = Counter(c["intervention"].lower() for c in claims)
    print("top interventions:", ", ".join(f"{k} {v}" for k, v in mentions.most_common(25)))
    conds = Counter(c["condition"].lower() for c in claims)
    print("top conditions:", ", ".join(f"{k} {v}" for k, v in conds.most_common(25)))


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or [CORPUS]
    errors: list[str] = []
    lines = []
    for p in paths:
        lines += [l for l in p.read_text(encoding="utf-8").splitlines() if l.strip()]
    records = check(lines, errors)
    if not argv:  # the assembled corpus: exactly forum-0001 .. forum-0800
        ids = [r["id"] for r in records]
        if ids != [f"forum-{n:04d}" for n in range(1, EXPECTED_SIZE + 1)]:
            errors.append(f"corpus must hold ids forum-0001..forum-{EXPECTED_SIZE:04d} in order ({len(ids)} records)")
    flagged = near_copies(records)
    if flagged:
        print("near-copies of evaluation material (check wording):", ", ".join(flagged))
    for e in errors:
        print("ERROR", e)
    report(records)
    print("OK" if not errors else f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
