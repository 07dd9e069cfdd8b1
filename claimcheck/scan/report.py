"""Bounded aggregates of a scan and the summary report built from them.

Memory stays bounded whatever the input size: frequent claims, interventions,
conditions and NOT_IN_KB pairs are tracked with Space-Saving summaries of fixed
capacity, each claim keeps a fixed number of example posts, and the timeline
holds one bucket per day (dates are limited to 1990–2100).

Aggregates merge: each worker builds one per batch (or per partition) and the
main process merges them in input order, so the result does not depend on the
number of jobs.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Hashable, Iterable
from functools import lru_cache
from typing import Any

from claimcheck.results import LABEL_MEANINGS, Label

DEFAULT_CAPACITY = 1000
DEFAULT_EXAMPLES = 3
SENTENCE_CHARS = 240
MIN_YEAR, MAX_YEAR = 1990, 2100
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")

Key = Hashable


class SpaceSaving:
    """Approximate top-k counter with a fixed number of slots.

    Counts of tracked keys overestimate the truth by at most their ``error``,
    and any key whose true count exceeds total/capacity is tracked (Metwally,
    Agrawal & El Abbadi 2005). Summaries merge as in Agarwal et al. 2012,
    "Mergeable summaries". While fewer distinct keys than ``capacity`` are seen,
    every count is exact.

    Args:
        capacity: Number of keys kept.
    """

    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        self.capacity = capacity
        self.counts: dict[Key, int] = {}
        self.errors: dict[Key, int] = {}

    def __len__(self) -> int:
        return len(self.counts)

    def __contains__(self, key: Key) -> bool:
        return key in self.counts

    def _min_count(self) -> int:
        return min(self.counts.values()) if len(self.counts) >= self.capacity else 0

    def add(self, key: Key, weight: int = 1) -> None:
        """Count ``key`` ``weight`` more times."""
        if key in self.counts:
            self.counts[key] += weight
        elif len(self.counts) < self.capacity:
            self.counts[key] = weight
            self.errors[key] = 0
        else:
            victim = min(self.counts, key=lambda k: (self.counts[k], _order(k)))
            floor = self.counts.pop(victim)
            self.errors.pop(victim)
            self.counts[key] = floor + weight
            self.errors[key] = floor

    def merge(self, other: SpaceSaving) -> None:
        """Merge another summary into this one."""
        if not other.counts:
            return
        if len(self.counts) + len(other.counts) <= self.capacity and len(other.counts) < other.capacity:
            for key, count in other.counts.items():  # neither is full: counts just add
                if key in self.counts:
                    self.counts[key] += count
                    self.errors[key] += other.errors[key]
                else:
                    self.counts[key] = count
                    self.errors[key] = other.errors[key]
            return
        mine, theirs = self._min_count(), other._min_count()
        counts: dict[Key, int] = {}
        errors: dict[Key, int] = {}
        for key in self.counts.keys() | other.counts.keys():
            counts[key] = self.counts.get(key, mine) + other.counts.get(key, theirs)
            errors[key] = self.errors.get(key, mine) + other.errors.get(key, theirs)
        kept = sorted(counts, key=lambda k: (-counts[k], _order(k)))[: self.capacity]
        self.counts = {k: counts[k] for k in kept}
        self.errors = {k: errors[k] for k in kept}

    def top(self, n: int | None = None) -> list[tuple[Key, int, int]]:
        """``(key, count, error)`` by decreasing count (ties by key)."""
        keys = sorted(self.counts, key=lambda k: (-self.counts[k], _order(k)))
        return [(k, self.counts[k], self.errors[k]) for k in keys[:n]]

    def to_state(self) -> dict[str, Any]:
        return {
            "capacity": self.capacity,
            "items": [[_jsonable(k), c, self.errors[k]] for k, c in self.counts.items()],
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> SpaceSaving:
        summary = cls(state["capacity"])
        for key, count, error in state["items"]:
            key = _hashable(key)
            summary.counts[key] = count
            summary.errors[key] = error
        return summary


def _order(key: Key) -> str:
    return repr(key)


def _jsonable(key: Key) -> Any:
    return list(key) if isinstance(key, tuple) else key


def _hashable(key: Any) -> Key:
    return tuple(key) if isinstance(key, list) else key


def parse_day(value: Any) -> str | None:
    """The UTC day (``YYYY-MM-DD``) of an ISO date/time or unix seconds, or None.

    Numbers above 10^11 are read as milliseconds.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = value.strip()
        if _NUMBER.match(text):
            value = float(text)
        else:
            try:
                parsed = dt.datetime.fromisoformat(
                    text.replace("Z", "+00:00") if text.endswith("Z") else text
                )
            except ValueError:
                match = _ISO_DATE.match(text)
                if not match:
                    return None
                try:
                    parsed = dt.datetime(int(match[1]), int(match[2]), int(match[3]))
                except ValueError:
                    return None
            if parsed.tzinfo is not None:
                parsed = parsed.astimezone(dt.UTC)
            day = parsed.date()
            return day.isoformat() if MIN_YEAR <= day.year <= MAX_YEAR else None
    if isinstance(value, (int, float)):
        seconds = float(value)
        if abs(seconds) > 1e11:
            seconds /= 1000.0
        try:
            return _unix_day(math.floor(seconds / 86400))
        except (OverflowError, ValueError):  # inf, nan
            return None
    return None


@lru_cache(maxsize=4096)
def _unix_day(number: int) -> str | None:
    """The UTC day ``number`` days after 1970-01-01 (a scan's posts fall on few days: cached)."""
    try:
        day = _EPOCH + dt.timedelta(days=number)
    except OverflowError:
        return None
    return day.isoformat() if MIN_YEAR <= day.year <= MAX_YEAR else None


_EPOCH = dt.date(1970, 1, 1)


def entity_key(mention: Any) -> str:
    """Aggregation key of a mention: its KB id, else its lower-cased name."""
    return mention.id or f"name:{mention.name.lower()}"


class ScanAggregate:
    """Counts and bounded summaries of the posts seen so far.

    Args:
        capacity: Keys kept by each Space-Saving summary.
        examples: Example posts kept per frequent claim.
    """

    COUNTS = (
        "posts_read",
        "with_claims",
        "without_claims",
        "rejected",
        "claims",
        "written",
        "inputs_failed",
        "time_unparsed",
    )

    def __init__(self, capacity: int = DEFAULT_CAPACITY, examples: int = DEFAULT_EXAMPLES) -> None:
        self.capacity = capacity
        self.max_examples = examples
        self.counts: Counter[str] = Counter()
        self.rejected: Counter[str] = Counter()
        self.verdicts: Counter[str] = Counter()
        self.claims = SpaceSaving(capacity)
        self.interventions = SpaceSaving(capacity)
        self.conditions = SpaceSaving(capacity)
        self.not_in_kb = SpaceSaving(capacity)
        self.names: dict[str, str] = {}
        self.examples: dict[Key, list[dict[str, Any]]] = {}
        self.timeline: dict[str, Counter[str]] = {}
        self.kb_version: str | None = None

    # -- adding -----------------------------------------------------------------------

    def add_rejection(self, code: str) -> None:
        self.counts["posts_read"] += 1
        self.counts["rejected"] += 1
        self.rejected[code] += 1

    def add_post(
        self, claims: Iterable[Any], *, name: str, line: int, post_id: Any, time: Any, written: bool
    ) -> None:
        """Count one post and its claims (``ClaimResult`` objects)."""
        counts = self.counts
        counts["posts_read"] += 1
        if written:
            counts["written"] += 1
        day = None
        if time is not None:
            day = parse_day(time)
            if day is None:
                counts["time_unparsed"] += 1
        claims = tuple(claims)
        if not claims:
            counts["without_claims"] += 1
            if day:
                self._bucket(day)["posts"] += 1
            return
        counts["with_claims"] += 1
        counts["claims"] += len(claims)
        bucket = self._bucket(day) if day else None
        if bucket is not None:
            bucket["posts"] += 1
            bucket["posts_with_claims"] += 1
        for result in claims:
            claim = result.claim
            label = result.verdict.label
            label = label.value if isinstance(label, Label) else str(label)
            iv, cond = entity_key(claim.intervention), entity_key(claim.condition)
            self.names.setdefault(iv, claim.intervention.name)
            self.names.setdefault(cond, claim.condition.name)
            self.verdicts[label] += 1
            self.claims.add((iv, cond, label))
            self.interventions.add(iv)
            self.conditions.add(cond)
            example = {"id": post_id, "file": name, "line": line, "sentence": claim.sentence[:SENTENCE_CHARS]}
            self._example((iv, cond, label), example)
            if label == Label.NOT_IN_KB.value:
                self.not_in_kb.add((iv, cond))
                self._example(("NOT_IN_KB", iv, cond), example)
            if bucket is not None:
                bucket[label] += 1

    def _bucket(self, day: str) -> Counter[str]:
        bucket = self.timeline.get(day)
        if bucket is None:
            bucket = self.timeline[day] = Counter()
        return bucket

    def _example(self, key: Key, example: dict[str, Any]) -> None:
        kept = self.examples.setdefault(key, [])
        if len(kept) < self.max_examples:
            kept.append(example)

    # -- merging ----------------------------------------------------------------------

    def merge(self, other: ScanAggregate) -> None:
        """Add another aggregate (later in input order) into this one."""
        self.counts.update(other.counts)
        self.rejected.update(other.rejected)
        self.verdicts.update(other.verdicts)
        self.claims.merge(other.claims)
        self.interventions.merge(other.interventions)
        self.conditions.merge(other.conditions)
        self.not_in_kb.merge(other.not_in_kb)
        for key, name in other.names.items():
            self.names.setdefault(key, name)
        for key, examples in other.examples.items():
            for example in examples:
                self._example(key, example)
        for day, bucket in other.timeline.items():
            self._bucket(day).update(bucket)
        if self.kb_version is None:
            self.kb_version = other.kb_version
        self._prune()

    def _prune(self) -> None:
        """Drop names and examples of keys no summary tracks any more."""
        if len(self.examples) > 4 * self.capacity:
            self.examples = {
                k: v
                for k, v in self.examples.items()
                if k in self.claims or (k[0] == "NOT_IN_KB" and k[1:] in self.not_in_kb)
            }
        if len(self.names) > 4 * self.capacity:
            live = set(self.interventions.counts) | set(self.conditions.counts)
            for key in self.claims.counts:
                live.update(key[:2])
            for key in self.not_in_kb.counts:
                live.update(key)
            self.names = {k: v for k, v in self.names.items() if k in live}

    # -- state (checkpoints, partition summaries) ----------------------------------------

    def to_state(self) -> dict[str, Any]:
        return {
            "capacity": self.capacity,
            "max_examples": self.max_examples,
            "counts": dict(self.counts),
            "rejected": dict(self.rejected),
            "verdicts": dict(self.verdicts),
            "claims": self.claims.to_state(),
            "interventions": self.interventions.to_state(),
            "conditions": self.conditions.to_state(),
            "not_in_kb": self.not_in_kb.to_state(),
            "names": self.names,
            "examples": [[_jsonable(k), v] for k, v in self.examples.items()],
            "timeline": {day: dict(bucket) for day, bucket in self.timeline.items()},
            "kb_version": self.kb_version,
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> ScanAggregate:
        agg = cls(state["capacity"], state["max_examples"])
        agg.counts = Counter(state["counts"])
        agg.rejected = Counter(state["rejected"])
        agg.verdicts = Counter(state["verdicts"])
        agg.claims = SpaceSaving.from_state(state["claims"])
        agg.interventions = SpaceSaving.from_state(state["interventions"])
        agg.conditions = SpaceSaving.from_state(state["conditions"])
        agg.not_in_kb = SpaceSaving.from_state(state["not_in_kb"])
        agg.names = dict(state["names"])
        agg.examples = {_hashable(k): v for k, v in state["examples"]}
        agg.timeline = {day: Counter(bucket) for day, bucket in state["timeline"].items()}
        agg.kb_version = state.get("kb_version")
        return agg

    # -- the report ---------------------------------------------------------------------

    def _entity(self, key: str) -> dict[str, Any]:
        return {
            "id": None if key.startswith("name:") else key,
            "name": self.names.get(key, key.removeprefix("name:")),
        }

    def to_report(self, *, top: int = 20, meta: dict[str, Any] | None = None) -> dict[str, Any]:
        """The JSON summary of the scan (also the input of the HTML report)."""
        counts = {name: self.counts.get(name, 0) for name in self.COUNTS}
        top_claims = []
        for (iv, cond, label), count, error in self.claims.top(top):
            top_claims.append(
                {
                    "intervention": self._entity(iv),
                    "condition": self._entity(cond),
                    "verdict": label,
                    "count": count,
                    "max_overcount": error,
                    "examples": self.examples.get((iv, cond, label), []),
                }
            )
        not_in_kb = []
        for (iv, cond), count, error in self.not_in_kb.top(top):
            not_in_kb.append(
                {
                    "intervention": self._entity(iv),
                    "condition": self._entity(cond),
                    "count": count,
                    "max_overcount": error,
                    "examples": self.examples.get(("NOT_IN_KB", iv, cond), []),
                }
            )
        return {
            "meta": meta or {},
            "kb_version": self.kb_version,
            "counts": counts,
            "rejected": dict(sorted(self.rejected.items())),
            "verdicts": {label.value: self.verdicts.get(label.value, 0) for label in Label},
            "verdict_meanings": LABEL_MEANINGS,
            "top_claims": top_claims,
            "interventions": [
                {**self._entity(k), "count": c, "max_overcount": e} for k, c, e in self.interventions.top(top)
            ],
            "conditions": [
                {**self._entity(k), "count": c, "max_overcount": e} for k, c, e in self.conditions.top(top)
            ],
            "not_in_kb": not_in_kb,
            "timeline": timeline(self.timeline),
            "distinct_tracked": {
                "claims": len(self.claims),
                "interventions": len(self.interventions),
                "conditions": len(self.conditions),
                "capacity": self.capacity,
            },
        }


def timeline(days: dict[str, Counter[str]]) -> dict[str, Any]:
    """Bucket day counts by day, month or year, whichever gives a readable chart."""
    if not days:
        return {"granularity": None, "buckets": []}
    first, last = min(days), max(days)
    span = (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days
    if span <= 92:
        granularity, width = "day", 10
    elif span <= 366 * 8:
        granularity, width = "month", 7
    else:
        granularity, width = "year", 4
    buckets: dict[str, Counter[str]] = {}
    for day, bucket in days.items():
        buckets.setdefault(day[:width], Counter()).update(bucket)
    rows = []
    for period in _periods(first[:width], last[:width], granularity):
        bucket = buckets.get(period, Counter())
        rows.append(
            {
                "period": period,
                "posts": bucket.get("posts", 0),
                "posts_with_claims": bucket.get("posts_with_claims", 0),
                "claims": {label.value: bucket.get(label.value, 0) for label in Label},
            }
        )
    return {"granularity": granularity, "buckets": rows}


def _periods(first: str, last: str, granularity: str) -> list[str]:
    """Every period from first to last inclusive, so that gaps show as zeros."""
    if granularity == "year":
        return [str(y) for y in range(int(first), int(last) + 1)]
    if granularity == "month":
        year, month = int(first[:4]), int(first[5:7])
        out = []
        while f"{year:04d}-{month:02d}" <= last:
            out.append(f"{year:04d}-{month:02d}")
            month += 1
            if month > 12:
                year, month = year + 1, 1
        return out
    start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    return [(start + dt.timedelta(days=i)).isoformat() for i in range((end - start).days + 1)]
