"""Validate the prose corpus line by line and print label counts.

Usage: ``python models/corpus/src/prose_check.py [FILE ...]`` (default: models/corpus/prose.jsonl).

Checks JSON, keys, id format/uniqueness/sequence, register, unique texts, span offsets
(``text[start:end] == surface``, whole-word boundaries), label vocabularies, duplicate
pairs, overlapping spans and a few label-consistency rules (no_effect is never negative,
a question claim needs a question mark). Flags near-copies of the evaluation material
(dev_claims.jsonl and seed/) by word overlap, printing only ids. Prints label counts for
the whole file and for the fixed test split (sha1(id) % 5 == 0). Exits 1 on any error.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus_lib import CLAIM_KEYS, PREDICATES, RECORD_KEYS, check_span, words

CORPUS = HERE.parent / "prose.jsonl"
N_EXPECTED = 900
REGISTERS = ("news", "blog", "draft", "marketing", "headline")
EVAL_FILES = [Path("/work/shared/data/dev_claims.jsonl")]
SEED_DIR = Path("/work/shared/seed")
# Targets from the brief, as shares of all claims (predicates: at least 25 claims each).
TARGETS = {"negative": 0.15, "question": 0.08, "hedged": 0.25, "absolute": 0.10, "reported": 0.35}
MIN_PER_PREDICATE = 25


def in_test_split(record_id: str) -> bool:
    """The fixed test split: about one sentence in five, chosen by a hash of the id."""
    return int(hashlib.sha1(record_id.encode("utf-8")).hexdigest(), 16) % 5 == 0


def check_claim(text: str, c: dict, cw: str, errors: list[str]) -> None:
    if set(c) != CLAIM_KEYS:
        errors.append(f"{cw}: keys {sorted(c)}")
        return
    check_span(text, c["intervention_span"], c["intervention"], cw + " intervention", errors)
    check_span(text, c["condition_span"], c["condition"], cw + " condition", errors)
    if c["predicate"] not in PREDICATES:
        errors.append(f"{cw}: predicate {c['predicate']!r}")
    if c["polarity"] not in ("positive", "negative"):
        errors.append(f"{cw}: polarity {c['polarity']!r}")
    if c["certainty"] not in ("hedged", "neutral", "absolute"):
        errors.append(f"{cw}: certainty {c['certainty']!r}")
    for flag in ("question", "anecdote", "reported"):
        if type(c[flag]) is not bool:
            errors.append(f"{cw}: {flag} is not a bool")
    if c["predicate"] == "no_effect" and c["polarity"] == "negative":
        errors.append(f"{cw}: no_effect claims are always polarity positive")
    if c["question"] and "?" not in text:
        errors.append(f"{cw}: question claim in a sentence without '?'")


def check(lines: list[str], errors: list[str]) -> list[dict]:
    records, ids, texts = [], set(), {}
    for n, line in enumerate(lines, 1):
        where = f"line {n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{where}: invalid JSON ({exc})")
            continue
        if not isinstance(rec, dict) or set(rec) != RECORD_KEYS:
            errors.append(f"{where}: keys {sorted(rec) if isinstance(rec, dict) else type(rec).__name__}")
            continue
        where = f"line {n} ({rec['id']})"
        if not re.fullmatch(r"prose-\d{4}", str(rec["id"])):
            errors.append(f"{where}: bad id")
        elif rec["id"] != f"prose-{n:04d}":
            errors.append(f"{where}: id out of sequence (expected prose-{n:04d})")
        if rec["id"] in ids:
            errors.append(f"{where}: duplicate id")
        ids.add(rec["id"])
        if rec["register"] not in REGISTERS:
            errors.append(f"{where}: register {rec['register']!r}")
        text = rec["text"]
        if not isinstance(text, str) or not text.strip() or text != text.strip():
            errors.append(f"{where}: empty text or surrounding whitespace")
            continue
        key = " ".join(words_in_order(text))
        if key in texts:
            errors.append(f"{where}: duplicate text of {texts[key]}")
        texts[key] = rec["id"]
        if not isinstance(rec["claims"], list):
            errors.append(f"{where}: claims is not a list")
            continue
        pairs = set()
        for k, c in enumerate(rec["claims"]):
            cw = f"{where} claim {k}"
            if not isinstance(c, dict):
                errors.append(f"{cw}: not an object")
                continue
            check_claim(text, c, cw, errors)
            if set(c) != CLAIM_KEYS:
                continue
            i_s, c_s = c["intervention_span"], c["condition_span"]
            if isinstance(i_s, list) and isinstance(c_s, list) and len(i_s) == len(c_s) == 2:
                if max(i_s[0], c_s[0]) < min(i_s[1], c_s[1]):
                    errors.append(f"{cw}: intervention and condition spans overlap")
                pair = (tuple(i_s), tuple(c_s))
                if pair in pairs:
                    errors.append(f"{cw}: duplicate intervention-condition pair")
                pairs.add(pair)
        records.append(rec)
    if len(records) != N_EXPECTED:
        errors.append(f"{len(records)} records, expected {N_EXPECTED}")
    return records


def words_in_order(s: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", s.lower())


def near_copies(records: list[dict]) -> list[str]:
    """Ids whose wording overlaps an evaluation sentence heavily (Jaccard >= 0.6)."""
    refs = []
    for path in EVAL_FILES:
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    refs.append(words(json.loads(line).get("text", "")))
    if SEED_DIR.exists():
        for p in SEED_DIR.glob("*.txt"):
            refs += [words(s) for s in re.split(r"(?<=[.!?])\s+", p.read_text(encoding="utf-8"))]
    flagged = []
    for rec in records:
        w = words(rec["text"])
        for r in refs:
            if len(r) >= 4 and w and len(w & r) / len(w | r) >= 0.6:
                flagged.append(rec["id"])
                break
    return flagged


def pct(n: int, d: int) -> str:
    return f"{n} ({100 * n / d:.1f}%)" if d else f"{n}"


def report(records: list[dict], title: str) -> None:
    claims = [c for r in records for c in r["claims"]]
    n, nc = len(records), len(claims)
    with_claims = sum(1 for r in records if r["claims"])
    print(f"== {title}")
    print(f"sentences: {n}   with claims: {pct(with_claims, n)}   without: {pct(n - with_claims, n)}")
    print(f"claims: {nc}   sentences with 2+ claims: {sum(1 for r in records if len(r['claims']) > 1)}")
    print("register:", ", ".join(f"{k} {v}" for k, v in Counter(r["register"] for r in records).most_common()))
    pred = Counter(c["predicate"] for c in claims)
    neg = Counter(c["predicate"] for c in claims if c["polarity"] == "negative")
    print("predicate (all / of which negative):")
    for p in PREDICATES:
        print(f"  {p:12s} {pred[p]:4d} / {neg[p]:3d}")
    print("polarity:", ", ".join(f"{v} {pct(k, nc)}" for v, k in Counter(c["polarity"] for c in claims).most_common()))
    print("certainty:", ", ".join(f"{v} {pct(k, nc)}" for v, k in Counter(c["certainty"] for c in claims).most_common()))
    for flag in ("question", "anecdote", "reported"):
        print(f"{flag}: {pct(sum(c[flag] for c in claims), nc)}")


def target_report(records: list[dict]) -> None:
    claims = [c for r in records for c in r["claims"]]
    nc = len(claims) or 1
    shares = {
        "negative": sum(c["polarity"] == "negative" for c in claims) / nc,
        "question": sum(c["question"] for c in claims) / nc,
        "hedged": sum(c["certainty"] == "hedged" for c in claims) / nc,
        "absolute": sum(c["certainty"] == "absolute" for c in claims) / nc,
        "reported": sum(c["reported"] for c in claims) / nc,
    }
    print("== targets (share of claims)")
    for k, target in TARGETS.items():
        print(f"  {k:9s} {100 * shares[k]:5.1f}%  (target ~{100 * target:.0f}%)")
    pred = Counter(c["predicate"] for c in claims)
    low = [p for p in PREDICATES if pred[p] < MIN_PER_PREDICATE]
    print(f"  predicates below {MIN_PER_PREDICATE}: {', '.join(low) if low else 'none'}")
    neg_sent = sum(1 for r in records if not r["claims"])
    print(f"  sentences without claims: {100 * neg_sent / max(len(records), 1):.1f}% (target ~33%)")


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or [CORPUS]
    errors: list[str] = []
    lines: list[str] = []
    for p in paths:
        lines += [line for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = check(lines, errors)
    flagged = near_copies(records)
    if flagged:
        print("near-copies of evaluation material (reword these):", ", ".join(flagged))
        errors.append(f"{len(flagged)} near-copies of evaluation material")
    report(records, "all")
    target_report(records)
    report([r for r in records if in_test_split(r["id"])], "test split (sha1(id) % 5 == 0)")
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
