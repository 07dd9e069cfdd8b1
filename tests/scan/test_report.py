"""Bounded aggregates, the JSON report and the HTML page."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.scan.html_report import render_html
from claimcheck.scan.report import ScanAggregate, SpaceSaving, parse_day
from tests.scan.scan_fakes import FakeChecker


def test_report_space_saving_is_exact_below_capacity_and_bounded_above():
    rng = random.Random(1)
    stream = [f"k{min(int(rng.paretovariate(1.2)), 500)}" for _ in range(20_000)]
    truth = Counter(stream)
    small = SpaceSaving(capacity=1000)
    for key in stream:
        small.add(key)
    assert dict(small.counts) == dict(truth)
    bounded = SpaceSaving(capacity=50)
    for key in stream:
        bounded.add(key)
    assert len(bounded) == 50
    for key, count, error in bounded.top():
        assert count - error <= truth[key] <= count
    heavy = [k for k, c in truth.items() if c > len(stream) / 50]
    assert set(heavy) <= set(bounded.counts)


def test_report_space_saving_merge_keeps_the_guarantee():
    rng = random.Random(2)
    parts = [[f"k{min(int(rng.paretovariate(1.1)), 300)}" for _ in range(3000)] for _ in range(6)]
    truth = Counter(k for part in parts for k in part)
    merged = SpaceSaving(capacity=40)
    for part in parts:
        summary = SpaceSaving(capacity=40)
        for key in part:
            summary.add(key)
        merged.merge(summary)
    for key, count, error in merged.top():
        assert count - error <= truth[key] <= count
    total = sum(truth.values())
    assert {k for k, c in truth.items() if c > total / 40} <= set(merged.counts)
    assert SpaceSaving.from_state(merged.to_state()).top() == merged.top()


@pytest.mark.parametrize(
    "value,day",
    [
        ("2021-03-04", "2021-03-04"),
        ("2021-03-04T23:30:00-05:00", "2021-03-05"),
        ("2021-03-04T10:00:00Z", "2021-03-04"),
        ("2021-03-04 10:00", "2021-03-04"),
        (1614816000, "2021-03-04"),
        ("1614816000", "2021-03-04"),
        (1614816000123, "2021-03-04"),
        (1614816000.5, "2021-03-04"),
        ("yesterday", None),
        (True, None),
        (None, None),
        ("1850-01-01", None),
    ],
)
def test_report_parse_day(value, day):
    assert parse_day(value) == day


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.integers(-10**13, 10**13), st.floats(allow_nan=True, allow_infinity=True)))
def test_report_parse_day_of_unix_time_is_the_utc_date_of_the_timestamp(value):
    seconds = value / 1000 if abs(value) > 1e11 else value
    try:
        day = dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()
    except (OverflowError, OSError, ValueError):
        expected = None
    else:
        expected = day.isoformat() if 1990 <= day.year <= 2100 else None
    assert parse_day(value) == expected


def aggregate_of(texts: list[str], times: list[object] | None = None) -> ScanAggregate:
    checker = FakeChecker()
    agg = ScanAggregate()
    for i, text in enumerate(texts):
        claims = checker.check(text).claims
        agg.add_post(
            claims,
            name="f",
            line=i + 1,
            post_id=i,
            time=(times or [None] * len(texts))[i],
            written=bool(claims),
        )
    return agg


def test_report_counts_rankings_examples_and_timeline():
    texts = ["LDN cured my multiple sclerosis"] * 5 + ["turmeric cures covid"] * 3 + ["hello"] * 2
    times = ["2021-01-05"] * 4 + ["2021-03-01"] * 4 + ["garbage"] * 2
    agg = aggregate_of(texts, times)
    agg.add_rejection("broken_json")
    report = agg.to_report(top=5)
    assert report["counts"]["posts_read"] == 11 and report["counts"]["rejected"] == 1
    assert report["counts"]["time_unparsed"] == 2
    top = report["top_claims"][0]
    assert (top["intervention"]["id"], top["condition"]["id"], top["verdict"], top["count"]) == (
        "low-dose-naltrexone",
        "multiple-sclerosis",
        "MISLEADING",
        5,
    )
    assert len(top["examples"]) == 3 and top["examples"][0] == {
        "id": 0,
        "file": "f",
        "line": 1,
        "sentence": "LDN cured my multiple sclerosis",
    }
    [gap] = report["not_in_kb"]
    assert gap["intervention"] == {"id": None, "name": "turmeric"} and gap["count"] == 3
    assert report["timeline"]["granularity"] == "day"
    buckets = {b["period"]: b for b in report["timeline"]["buckets"]}
    assert buckets["2021-01-05"]["claims"]["MISLEADING"] == 4 and buckets["2021-02-01"]["posts"] == 0
    assert report["rejected"] == {"broken_json": 1}


def test_report_merge_equals_one_pass_and_state_round_trips():
    texts = [
        "LDN cured my multiple sclerosis",
        "ivermectin treats covid",
        "hello",
        "turmeric cures covid",
    ] * 10
    whole = aggregate_of(texts)
    left, right = aggregate_of(texts[:17]), aggregate_of(texts[17:])
    left.merge(ScanAggregate.from_state(right.to_state()))
    a, b = whole.to_report(), left.to_report()
    for key in ("counts", "verdicts", "interventions", "conditions"):
        assert a[key] == b[key]
    assert [c["count"] for c in a["top_claims"]] == [c["count"] for c in b["top_claims"]]


def test_report_html_is_self_contained_and_escaped():
    agg = aggregate_of(
        ["LDN cured my multiple sclerosis <script>alert(1)</script>", "turmeric cures covid"],
        ["2020-01-01", 1700000000],
    )
    page = render_html(agg.to_report(meta={"inputs": ["<b>x</b>.jsonl"], "elapsed_s": 1.0}))
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "&lt;b&gt;x&lt;/b&gt;.jsonl" in page
    assert page.count("<svg") >= 4
    for forbidden in ("<link", "src=", "@import", "url("):
        assert forbidden not in page
