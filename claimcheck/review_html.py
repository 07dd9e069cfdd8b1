"""An editor's review page: each document's text with every claim marked in place, its verdict and its sources.

``claimcheck check --format html draft.txt > review.html`` writes one self-contained page (inline CSS, no
scripts, fonts or images), so it can be mailed or archived as one file. The text is shown as written, with
each sentence that holds a claim highlighted in its verdict's colour and numbered; the notes below give, for
each number, the verdict, what was read from the sentence, the explanation and the studies behind it.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from claimcheck.results import ClaimResult, DocumentResult, Label

COLOURS = {  # (highlight, badge)
    Label.CONTRADICTED: ("#fde0dc", "#c62828"),
    Label.MISLEADING: ("#ffe9d2", "#d35400"),
    Label.UNPROVEN: ("#fff6cc", "#8a6d00"),
    Label.SUPPORTED: ("#e3f4e4", "#2e7d32"),
    Label.NOT_IN_KB: ("#ebeef5", "#546e7a"),
}

CSS = """
body{font:16px/1.55 Georgia,"Times New Roman",serif;margin:0;color:#1d1d1f;background:#f6f7f9}
main{max-width:860px;margin:0 auto;padding:24px}
h1{font:600 24px system-ui,sans-serif;margin:0 0 4px}h2{font:600 18px system-ui,sans-serif;margin:32px 0 8px}
.meta,.legend,.note,.cite,.read{font:13px/1.5 system-ui,sans-serif;color:#555}
.doc{background:#fff;border:1px solid #dde;border-radius:8px;padding:16px 20px;white-space:pre-wrap;overflow-wrap:anywhere}
mark{border-radius:3px;padding:0 1px}mark a,sup a{text-decoration:none;color:inherit}
sup{font:700 11px system-ui,sans-serif}
.badge{display:inline-block;color:#fff;border-radius:4px;padding:1px 7px;font:600 12px system-ui,sans-serif}
ol.notes{padding-left:0;list-style:none}ol.notes>li{background:#fff;border:1px solid #dde;border-radius:8px;padding:12px 16px;margin:10px 0}
.num{font:700 13px system-ui,sans-serif;margin-right:6px}.quote{font-style:italic;margin:6px 0}
.cite{margin:4px 0 0 0;padding-left:18px}.cite li{margin-bottom:4px}.retracted{color:#c62828;font-weight:600}
.legend span{display:inline-block;margin-right:12px}.legend i{display:inline-block;width:11px;height:11px;margin-right:4px;border-radius:2px;vertical-align:-1px}
"""


def _badge(label: Label) -> str:
    return f'<span class="badge" style="background:{COLOURS[label][1]}">{escape(label.value)}</span>'


def _marked_text(doc_no: int, text: str, numbered: list[tuple[int, ClaimResult]]) -> str:
    """The document's text, escaped, with each claimed sentence highlighted and numbered (claims of one sentence share it)."""
    spans: list[tuple[int, int, Label, list[int]]] = []
    for number, item in sorted(numbered, key=lambda x: (x[1].claim.start, x[0])):
        start, end = item.claim.start, item.claim.end
        if spans and start < spans[-1][1]:  # the same (or an overlapping) sentence: one mark, several numbers
            s, e, label, numbers = spans[-1]
            worst = min(label, item.verdict.label, key=lambda x: list(COLOURS).index(x))
            spans[-1] = (s, max(e, end), worst, numbers + [number])
        else:
            spans.append((start, end, item.verdict.label, [number]))
    out, pos = [], 0
    for start, end, label, numbers in spans:
        start, end = max(start, pos), min(end, len(text))
        while start < end and text[start].isspace():  # a sentence's span may hold the white space before it
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            continue
        out.append(escape(text[pos:start]))
        refs = "".join(f'<sup><a href="#n{doc_no}-{n}">[{n}]</a></sup>' for n in numbers)
        out.append(f'<mark id="m{doc_no}-{numbers[0]}" style="background:{COLOURS[label][0]}" title="{escape(label.value)}">'
                   f"{escape(text[start:end])}</mark>{refs}")
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def _read_as(item: ClaimResult) -> str:
    claim = item.claim
    tags = [t for t, on in (("question", claim.question), ("anecdote", claim.anecdote), ("reported speech", claim.reported),
                            ("hedged", claim.certainty == "hedged"), ("denied", claim.negated)) if on]
    parts = [f"{claim.intervention.name} → {claim.predicate.replace('_', ' ')} → {claim.condition.name}"]
    if tags:
        parts.append(", ".join(tags))
    if claim.exaggeration:
        parts.append("overstated: " + ", ".join(claim.exaggeration))
    if claim.comparison:
        parts.append("compared: " + claim.comparison)
    if claim.antecedent:
        parts.append(f"'{claim.antecedent}' read as {claim.intervention.text}, named in the sentence before")
    return "Read as: " + "; ".join(parts)


def _note(doc_no: int, number: int, item: ClaimResult) -> str:
    verdict = item.verdict
    flagged = " · flagged" if verdict.flagged else ""
    lines = [
        (f'<li id="n{doc_no}-{number}"><span class="num"><a href="#m{doc_no}-{number}">[{number}]</a></span>'
         f'{_badge(verdict.label)} <span class="meta">confidence {verdict.confidence:.2f}{flagged}</span>'),
        f'<div class="quote">“{escape(item.claim.sentence.strip())}”</div>',
        f'<div class="read">{escape(_read_as(item))}</div>',
        f"<p>{escape(verdict.explanation)}</p>",
    ]
    if verdict.citations:
        lines.append('<ul class="cite">')
        for ref in verdict.citations:
            n = f", n={ref.n:,} {escape(ref.n_unit)}" if ref.n else ""
            link = ref.link
            title = (f'<a href="{escape(link)}">{escape(ref.title)}</a>' if link and link.startswith("https://")
                     else escape(ref.title))
            retracted = ' <span class="retracted">RETRACTED</span>' if ref.retracted else ""
            lines.append(f"<li>{escape(ref.authors)} ({ref.year}). {title}. <i>{escape(ref.journal)}</i>. "
                         f"{escape(ref.design.replace('_', ' '))}{n}.{retracted}<br>{escape(ref.finding)}</li>")
        lines.append("</ul>")
    lines.append("</li>")
    return "\n".join(lines)


def to_html(documents: list[tuple[str, DocumentResult]], *, generated: dt.datetime | None = None) -> str:
    """One page for ``documents``: (text, result) pairs, in the order given."""
    generated = generated or dt.datetime.now(dt.UTC)
    n_claims = sum(len(r.claims) for _, r in documents)
    n_flagged = sum(c.verdict.flagged for _, r in documents for c in r.claims)
    versions = sorted({r.kb_version for _, r in documents}) or ["-"]
    legend = "".join(f'<span><i style="background:{bg}"></i>{escape(label.value)}</span>' for label, (bg, _) in COLOURS.items())
    body = [
        "<h1>claimcheck review</h1>",
        (f'<div class="meta">{len(documents)} document(s), {n_claims} claim(s), {n_flagged} flagged · knowledge base '
         f"{escape(', '.join(versions))} · {generated:%Y-%m-%d %H:%M} UTC</div>"),
        f'<p class="legend">{legend}</p>',
        '<p class="note">claimcheck reports what current evidence says about each claim; it does not give medical advice.</p>',
    ]
    for doc_no, (text, result) in enumerate(documents, 1):
        numbered = list(enumerate(result.claims, 1))
        body.append(f"<h2>{escape(result.source or f'document {doc_no}')}</h2>")
        if not numbered:
            body.append('<p class="note">No health claims found.</p>')
        body.append(f'<div class="doc">{_marked_text(doc_no, text, numbered)}</div>')
        if numbered:
            body.append('<ol class="notes">')
            body.extend(_note(doc_no, number, item) for number, item in numbered)
            body.append("</ol>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>claimcheck review</title><style>{CSS}</style></head>\n<body><main>\n" + "\n".join(body) + "\n</main></body></html>\n"
    )
