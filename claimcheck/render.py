"""Writers for results: human-readable text (colour only on a terminal), JSON and JSON Lines."""

from __future__ import annotations

from typing import TextIO

import click
import orjson

from claimcheck.results import DocumentResult, Label

COLOURS = {
    Label.SUPPORTED: "green",
    Label.CONTRADICTED: "red",
    Label.MISLEADING: "magenta",
    Label.UNPROVEN: "yellow",
    Label.NOT_IN_KB: "blue",
}


def to_json(result: DocumentResult, *, indent: bool = False) -> str:
    """One document's result as JSON."""
    option = orjson.OPT_INDENT_2 if indent else 0
    return orjson.dumps(result.to_dict(), option=option).decode()


def _marked(sentence: str, offset: int, spans: list[tuple[int, int, str]], colour: bool) -> str:
    """The sentence with the mentions bracketed (and underlined on a terminal)."""
    out, pos = [], 0
    for start, end, kind in sorted(spans):
        s, e = start - offset, end - offset
        if s < pos or e > len(sentence):
            continue
        out.append(sentence[pos:s])
        word = sentence[s:e]
        out.append(click.style(f"[{word}]", underline=True, bold=True) if colour else f"[{word}]")
        pos = e
    out.append(sentence[pos:])
    return "".join(out)


def to_text(result: DocumentResult, *, colour: bool) -> str:
    """One document's result for people."""
    lines: list[str] = []
    header = result.source or "input"
    if not result.claims:
        return f"{header}: no health claims found (knowledge base {result.kb_version})\n"
    lines.append(f"{header}: {len(result.claims)} claim(s) (knowledge base {result.kb_version})")
    for n, item in enumerate(result.claims, 1):
        claim, verdict = item.claim, item.verdict
        label = verdict.label.value
        shown = click.style(label, fg=COLOURS[verdict.label], bold=True) if colour else label
        tags = [t for t, on in (("question", claim.question), ("anecdote", claim.anecdote), ("reported", claim.reported), ("hedged", claim.certainty == "hedged"), ("negated", claim.negated)) if on]
        lines.append("")
        lines.append(f"{n}. {shown}  confidence {verdict.confidence:.2f}{'  flagged' if verdict.flagged else ''}{'  [' + ', '.join(tags) + ']' if tags else ''}")
        spans = [(claim.intervention.start, claim.intervention.end, "i"), (claim.condition.start, claim.condition.end, "c")]
        lines.append(f"   \"{_marked(claim.sentence.strip(), claim.start + (len(claim.sentence) - len(claim.sentence.lstrip())), spans, colour)}\"")
        i, c = claim.intervention, claim.condition
        lines.append(f"   intervention: {i.name} ({i.id or 'not in knowledge base: ' + i.source}; matched {i.text!r}"
                     + (f", referred to as {claim.antecedent!r} in this sentence)" if claim.antecedent else ")"))
        lines.append(f"   condition:    {c.name} ({c.id or 'not in knowledge base: ' + c.source}; matched {c.text!r})")
        lines.append(f"   claimed:      {claim.predicate}{' (negated)' if claim.negated else ''}, certainty {claim.certainty}"
                     + (f", exaggeration: {', '.join(claim.exaggeration)}" if claim.exaggeration else "")
                     + (f", compared: {claim.comparison!r}" if claim.comparison else ""))
        lines.append(f"   {click.wrap_text(verdict.explanation, width=100, subsequent_indent='   ')}")
        for ref in verdict.citations:
            n_part = f", n={ref.n} {ref.n_unit}" if ref.n else ""
            retracted = " [RETRACTED]" if ref.retracted else ""
            lines.append(f"   - {ref.authors} ({ref.year}). {ref.title}. {ref.journal}. {ref.design.replace('_', ' ')}{n_part}.{retracted}")
            lines.append(f"     {ref.finding}")
            if ref.link:
                lines.append(f"     {ref.link}")
    return "\n".join(lines) + "\n"


def write(result: DocumentResult, fmt: str, stream: TextIO, *, colour: bool) -> None:
    """Write one result in ``fmt`` (text, json or jsonl) and flush."""
    if fmt == "text":
        stream.write(to_text(result, colour=colour))
    elif fmt == "json":
        stream.write(to_json(result, indent=True) + "\n")
    else:
        stream.write(to_json(result) + "\n")
    stream.flush()
