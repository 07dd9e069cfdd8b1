"""The editor's review page: claims marked in place, one mark per sentence, notes in claim order."""

from __future__ import annotations

import datetime as dt

from claimcheck.review_html import to_html


def test_review_two_claims_in_one_sentence_share_one_mark_with_both_numbers(real_checker):
    text = "Honestly, LDN cured my MS and my Crohn's disease."
    result = real_checker.check(text)
    assert len(result.claims) == 2
    page = to_html([(text, result)], generated=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert page.count("<mark ") == 1
    assert 'href="#n1-1">[1]' in page and 'href="#n1-2">[2]' in page
    assert "2026-01-01 00:00 UTC" in page


def test_review_the_text_outside_claims_is_kept_verbatim_and_escaped(real_checker):
    text = "Intro <i>x</i> & more.\n\nivermectin works for covid.\n\nOutro."
    page = to_html([(text, real_checker.check(text))])
    body = page.split('<div class="doc">', 1)[1].split("</div>", 1)[0]
    assert body.startswith("Intro &lt;i&gt;x&lt;/i&gt; &amp; more.\n\n<mark")
    assert body.endswith("\n\nOutro.")
