"""Render a scan report as one self-contained HTML page with inline SVG charts.

No scripts, fonts, stylesheets or images are fetched: everything is inline, so
the page can be mailed or archived as a single file.
"""

from __future__ import annotations

import math
from html import escape
from typing import Any

from claimcheck.results import Label

COLOURS = {
    Label.SUPPORTED.value: "#2e7d32",
    Label.CONTRADICTED.value: "#c62828",
    Label.MISLEADING.value: "#ef6c00",
    Label.UNPROVEN.value: "#546e7a",
    Label.NOT_IN_KB.value: "#7b1fa2",
}
ACCENT = "#1565c0"

CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d1d1f;background:#f6f7f9}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 10px;border-bottom:1px solid #dde;padding-bottom:4px}
.meta{color:#555;font-size:13px}.cards{display:flex;flex-wrap:wrap;gap:12px;margin-top:16px}
.card{background:#fff;border:1px solid #dde;border-radius:8px;padding:10px 16px;min-width:130px}
.card b{display:block;font-size:22px}.card span{color:#555;font-size:12px;text-transform:uppercase;letter-spacing:.04em}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #dde}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #eef;vertical-align:top}th{background:#f0f2f6;font-size:13px}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.badge{display:inline-block;color:#fff;border-radius:4px;padding:1px 7px;font-size:12px;font-weight:600}
details{margin-top:4px}summary{cursor:pointer;color:#1565c0;font-size:13px}
.ex{font-size:13px;color:#333;margin:4px 0 0 0;padding-left:16px}.ex li{margin-bottom:4px}.loc{color:#777;font-size:12px}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:20px}@media(max-width:800px){.grid{grid-template-columns:1fr}}
.legend span{display:inline-block;margin-right:14px;font-size:12px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}
svg text{font:12px system-ui,sans-serif;fill:#333}.note{color:#666;font-size:13px}
"""


def _badge(label: str) -> str:
    return f'<span class="badge" style="background:{COLOURS.get(label, "#555")}">{escape(label)}</span>'


def _entity(entity: dict[str, Any]) -> str:
    name = escape(str(entity.get("name") or ""))
    ident = entity.get("id")
    if ident:
        return f'{name} <span class="loc">{escape(str(ident))}</span>'
    return f'{name} <span class="loc">(not in KB)</span>'


def bar_chart(rows: list[tuple[str, int, str]], *, width: int = 520, label_width: int = 170) -> str:
    """Horizontal bars: ``(label, value, colour)`` per row."""
    if not rows:
        return '<p class="note">Nothing to show.</p>'
    bar_h, gap = 20, 6
    height = len(rows) * (bar_h + gap) + gap
    peak = max(value for _, value, _ in rows) or 1
    room = width - label_width - 70
    parts = [
        f'<svg role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (label, value, colour) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        length = max(room * value / peak, 1 if value else 0)
        short = label if len(label) <= 26 else label[:25] + "…"
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end"><title>{escape(label)}</title>{escape(short)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_h}" rx="3" fill="{colour}"/>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + 14}">{value:,}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def timeline_chart(timeline: dict[str, Any], *, width: int = 1040, height: int = 260) -> str:
    """Stacked bars of claims per period, coloured by verdict."""
    buckets = timeline.get("buckets") or []
    if not buckets:
        return '<p class="note">No timestamps: give <code>--time-field</code> to see claims over time.</p>'
    left, right, bottom, top = 50, 40, 40, 10
    plot_w, plot_h = width - left - right, height - bottom - top
    totals = [sum(b["claims"].values()) for b in buckets]
    peak = max(totals) or 1
    step = plot_w / len(buckets)
    bar_w = max(step * 0.8, 1)
    parts = [
        f'<svg role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for frac in (0, 0.5, 1):
        y = top + plot_h * (1 - frac)
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#dde"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{round(peak * frac):,}</text>')
    label_px = 7 * max(len(b["period"]) for b in buckets) + 12  # about 7 px per character at 12 px
    label_every = max(1, math.ceil(label_px / step))
    for i, bucket in enumerate(buckets):
        x = left + i * step + (step - bar_w) / 2
        y = top + plot_h
        tooltip = f"{bucket['period']}: {totals[i]:,} claims in {bucket['posts_with_claims']:,} posts ({bucket['posts']:,} posts)"
        parts.append(f"<g><title>{escape(tooltip)}</title>")
        for label, colour in COLOURS.items():
            value = bucket["claims"].get(label, 0)
            if not value:
                continue
            h = plot_h * value / peak
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{colour}"/>'
            )
        parts.append("</g>")
        if i % label_every == 0:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle">{escape(bucket["period"])}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _legend() -> str:
    return (
        '<p class="legend">'
        + "".join(f'<span><i style="background:{c}"></i>{escape(l)}</span>' for l, c in COLOURS.items())
        + "</p>"
    )


def _examples(examples: list[dict[str, Any]]) -> str:
    if not examples:
        return ""
    items = []
    for ex in examples:
        where = f"{ex.get('file')}:{ex.get('line')}"
        ident = f" · id {ex['id']}" if ex.get("id") not in (None, "") else ""
        items.append(
            f'<li>{escape(str(ex.get("sentence", "")))} <span class="loc">{escape(where + ident)}</span></li>'
        )
    return f'<details><summary>{len(examples)} example{"s" if len(examples) > 1 else ""}</summary><ul class="ex">{"".join(items)}</ul></details>'


def render_html(report: dict[str, Any]) -> str:
    """The whole page for a report from ``ScanAggregate.to_report``."""
    counts = report["counts"]
    meta = report.get("meta", {})
    out: list[str] = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>claimcheck scan report</title><style>{CSS}</style></head><body><main>",
        "<h1>claimcheck scan report</h1>",
    ]
    meta_bits = []
    if meta.get("inputs"):
        inputs = meta["inputs"]
        shown = ", ".join(inputs[:5]) + (f" and {len(inputs) - 5} more" if len(inputs) > 5 else "")
        meta_bits.append(f"Inputs: {escape(shown)}")
    if report.get("kb_version"):
        meta_bits.append(f"Knowledge base: {escape(str(report['kb_version']))}")
    if meta.get("finished"):
        meta_bits.append(f"Finished: {escape(str(meta['finished']))}")
    if meta.get("elapsed_s") is not None:
        meta_bits.append(f"Scan time: {meta['elapsed_s']:,.1f} s")
    if meta.get("engine"):
        meta_bits.append(f"Engine: {escape(str(meta['engine']))}")
    out.append(f'<p class="meta">{" · ".join(meta_bits)}</p>')

    cards = [
        ("posts read", counts["posts_read"]),
        ("with claims", counts["with_claims"]),
        ("without claims", counts["without_claims"]),
        ("records rejected", counts["rejected"]),
        ("claims", counts["claims"]),
    ]
    if counts.get("inputs_failed"):
        cards.append(("inputs unreadable", counts["inputs_failed"]))
    out.append(
        '<div class="cards">'
        + "".join(f'<div class="card"><b>{v:,}</b><span>{escape(k)}</span></div>' for k, v in cards)
        + "</div>"
    )

    out.append("<h2>Verdicts</h2>")
    verdict_rows = [(label, n, COLOURS.get(label, ACCENT)) for label, n in report["verdicts"].items()]
    out.append(bar_chart(verdict_rows))
    meanings = report.get("verdict_meanings", {})
    out.append(
        '<p class="note">'
        + " ".join(f"<b>{escape(k)}</b>: {escape(v)}" for k, v in meanings.items())
        + "</p>"
    )

    out.append("<h2>Most frequent claims</h2>")
    if report["top_claims"]:
        peak = max(c["count"] for c in report["top_claims"]) or 1
        rows = []
        for claim in report["top_claims"]:
            bar = f'<svg width="80" height="10" xmlns="http://www.w3.org/2000/svg"><rect width="{80 * claim["count"] / peak:.1f}" height="10" rx="2" fill="{COLOURS.get(claim["verdict"], ACCENT)}"/></svg>'
            approx = (
                f' <span class="loc">(±{claim["max_overcount"]:,})</span>'
                if claim.get("max_overcount")
                else ""
            )
            rows.append(
                f"<tr><td>{_entity(claim['intervention'])}</td><td>{_entity(claim['condition'])}</td>"
                f'<td>{_badge(claim["verdict"])}</td><td class="n">{claim["count"]:,}{approx} {bar}</td></tr>'
                f'<tr><td colspan="4" style="border-top:0;padding-top:0">{_examples(claim.get("examples", []))}</td></tr>'
            )
        out.append(
            "<table><tr><th>Intervention</th><th>Condition</th><th>Verdict</th><th>Claims</th></tr>"
            + "".join(rows)
            + "</table>"
        )
    else:
        out.append('<p class="note">No claims found.</p>')

    out.append('<h2>Interventions and conditions seen</h2><div class="grid"><div><h3>Interventions</h3>')
    out.append(
        bar_chart(
            [(e["name"], e["count"], ACCENT) for e in report["interventions"]], width=500, label_width=180
        )
    )
    out.append("</div><div><h3>Conditions</h3>")
    out.append(
        bar_chart(
            [(e["name"], e["count"], "#00838f") for e in report["conditions"]], width=500, label_width=180
        )
    )
    out.append("</div></div>")

    out.append("<h2>Not in the knowledge base: what to cover next</h2>")
    if report["not_in_kb"]:
        rows = [
            f'<tr><td class="n">{i}</td><td>{_entity(item["intervention"])}</td><td>{_entity(item["condition"])}</td>'
            f'<td class="n">{item["count"]:,}</td><td>{_examples(item.get("examples", []))}</td></tr>'
            for i, item in enumerate(report["not_in_kb"], 1)
        ]
        out.append(
            "<table><tr><th>#</th><th>Intervention</th><th>Condition</th><th>Claims</th><th>Examples</th></tr>"
            + "".join(rows)
            + "</table>"
        )
    else:
        out.append('<p class="note">Every claim found has an assessment in the knowledge base.</p>')

    timeline = report.get("timeline", {})
    granularity = timeline.get("granularity")
    out.append(f"<h2>Claims over time{f' (per {granularity})' if granularity else ''}</h2>")
    out.append(timeline_chart(timeline))
    if timeline.get("buckets"):
        out.append(_legend())
    if counts.get("time_unparsed"):
        out.append(
            f'<p class="note">{counts["time_unparsed"]:,} posts had a time value that could not be read.</p>'
        )

    out.append("<h2>Rejected records</h2>")
    if report["rejected"]:
        rows = [
            f'<tr><td>{escape(code)}</td><td class="n">{n:,}</td></tr>'
            for code, n in report["rejected"].items()
        ]
        out.append("<table><tr><th>Reason</th><th>Records</th></tr>" + "".join(rows) + "</table>")
        if meta.get("errors_file"):
            out.append(
                f'<p class="note">Each one is listed, with its location, in {escape(str(meta["errors_file"]))}.</p>'
            )
    else:
        out.append('<p class="note">None.</p>')
    tracked = report.get("distinct_tracked", {})
    if tracked:
        out.append(
            f'<p class="note">Frequencies come from bounded top-k summaries of {tracked.get("capacity", 0):,} entries; '
            "counts are exact unless a ± bound is shown.</p>"
        )
    out.append("</main></body></html>\n")
    return "".join(out)
