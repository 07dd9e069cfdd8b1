"""Command line: parse arguments, call the checker, pick a writer, map exit codes. No logic here.

Exit codes: 0 nothing flagged; 1 at least one claim with a verdict in --fail-on;
2 usage or input error (also when a line was rejected in --lines mode and
nothing was flagged: an incomplete run never reports a clean 0).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from claimcheck.errors import InputError, KnowledgeBaseError

LABEL_CHOICES = ["SUPPORTED", "CONTRADICTED", "MISLEADING", "UNPROVEN", "NOT_IN_KB"]
kb_option = click.option(
    "--kb", "kb_path", type=click.Path(file_okay=False, path_type=Path), envvar="CLAIMCHECK_KB",
    help="Knowledge-base folder (default: the bundled one; env CLAIMCHECK_KB).",
)

#: ``check --lines`` skips pieces that cannot hold a claim after this many lines (same results, faster).
PREFILTER_AFTER_LINES = 50
#: A document longer than this is checked with the pre-filter (same results, faster).
PREFILTER_FROM_CHARS = 50_000


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="claimcheck")
def cli() -> None:
    """Find health claims in text and check them against curated, cited evidence.

    claimcheck informs about evidence; it does not give medical advice.
    """


def _checker(kb_path: Path | None, fail_on: tuple[str, ...]):
    from claimcheck.checker import Checker

    try:
        return Checker(kb_path, fail_on=fail_on)
    except KnowledgeBaseError as exc:
        raise InputError(str(exc)) from None


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl", "html"]), default="text", show_default=True,
              help="Output format: text for people, json (one object per document), jsonl, or html (one self-contained "
                   "review page: each document's text with every claim marked in place, its verdict and sources).")
@click.option("--fail-on", multiple=True, type=click.Choice(LABEL_CHOICES, case_sensitive=False),
              default=("CONTRADICTED", "MISLEADING"), show_default=True, help="Verdicts that make the exit code 1 (repeatable).")
@click.option("--lines", is_flag=True, help="Read stdin line by line; write one JSON line per input line, flushed.")
@click.option("--encoding", default="utf-8", show_default=True, help="Text encoding of the input.")
@click.option("--color/--no-color", "colour", default=None, help="Colour the text output (default: only on a terminal).")
@kb_option
def check(files: tuple[str, ...], fmt: str, fail_on: tuple[str, ...], lines: bool, encoding: str, colour: bool | None, kb_path: Path | None) -> None:
    """Check the health claims in FILES (or stdin).

    \b
    Examples:
      echo "LDN cured my MS" | claimcheck check
      claimcheck check --format json article.txt
      tail -f posts.txt | claimcheck check --lines --fail-on CONTRADICTED
      claimcheck check --format html draft.md > review.html
    """
    from claimcheck import reader, render

    fail_on = tuple(x.upper() for x in fail_on)
    out = sys.stdout
    use_colour = out.isatty() if colour is None else colour
    if lines:
        if files:
            raise click.UsageError("--lines reads stdin; do not name files")
        if fmt == "html":
            raise click.UsageError("--lines writes JSON lines; --format html is for whole documents")
        checker = _checker(kb_path, fail_on)
        flagged = rejected = False
        for item in reader.read_lines(sys.stdin.buffer, encoding=encoding):
            if isinstance(item, InputError):
                click.echo(f"claimcheck: skipped {item.message}", err=True)
                out.write('{"error": ' + render.orjson.dumps(item.message).decode() + "}\n")
                out.flush()
                rejected = True
                continue
            # Past the first lines, a stream is long enough to repay building the pre-filter's index
            # (about 0.4 s); the results are the same either way.
            result = checker.check(item.text, source=f"<stdin>:{item.line}", prefilter=item.line > PREFILTER_AFTER_LINES)
            flagged |= result.flagged
            render.write(result, "jsonl", out, colour=False)
        sys.exit(1 if flagged else 2 if rejected else 0)
    documents = list(reader.read_documents(files, encoding=encoding))
    checker = _checker(kb_path, fail_on)
    flagged = False
    reviewed = []
    for document in documents:
        result = checker.check(document.text, source=document.source, prefilter=len(document.text) > PREFILTER_FROM_CHARS)
        flagged |= result.flagged
        if fmt == "html":
            reviewed.append((document.text, result))
        else:
            render.write(result, fmt, out, colour=use_colour)
    if fmt == "html":
        from claimcheck.review_html import to_html

        out.write(to_html(reviewed))
        out.flush()
    sys.exit(1 if flagged else 0)


@cli.group()
def kb() -> None:
    """Inspect and validate the knowledge base."""


@kb.command()
@kb_option
@click.option("--warnings/--no-warnings", default=False, help="Also list warnings (e.g. studies cited by no assessment).")
def validate(kb_path: Path | None, warnings: bool) -> None:
    """Check every record and reference; exit 1 if any error is found.

    \b
    Example:
      claimcheck kb validate --kb knowledge/
    """
    from claimcheck.kb.load import default_kb_path
    from claimcheck.kb.validate import validate_kb

    root = kb_path or default_kb_path()
    problems = validate_kb(root)
    errors = [p for p in problems if p.severity == "error"]
    for problem in problems:
        if problem.severity == "error" or warnings:
            click.echo(str(problem))
    n_warn = len(problems) - len(errors)
    click.echo(f"{root}: {len(errors)} error(s), {n_warn} warning(s)", err=True)
    sys.exit(1 if errors else 0)


def _load(kb_path: Path | None):
    from claimcheck.kb.load import load_kb

    try:
        return load_kb(kb_path)
    except KnowledgeBaseError as exc:
        raise InputError(str(exc)) from None


@kb.command()
@kb_option
@click.option("--stale-years", default=3, show_default=True, help="Report assessments not reviewed for this many years.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def stats(kb_path: Path | None, stale_years: int, as_json: bool) -> None:
    """Counts by kind, certainty and design; stale assessments; uncited studies.

    \b
    Example:
      claimcheck kb stats --stale-years 2
    """
    import json

    from claimcheck.kb.curate import stats as kb_stats

    data = kb_stats(_load(kb_path), stale_years=stale_years)
    if as_json:
        click.echo(json.dumps(data, indent=2))
        return
    for key, value in data.items():
        if isinstance(value, dict):
            click.echo(f"{key}: " + ", ".join(f"{k} {v}" for k, v in value.items()))
        elif isinstance(value, list):
            click.echo(f"{key}: {len(value)}" + (f" ({', '.join(value[:20])}{', ...' if len(value) > 20 else ''})" if value else ""))
        else:
            click.echo(f"{key}: {value}")


@kb.command()
@click.argument("record_id")
@kb_option
def show(record_id: str, kb_path: Path | None) -> None:
    """Show the record(s) with this id, and the assessments of an entity.

    \b
    Example:
      claimcheck kb show low-dose-naltrexone
    """
    import yaml

    from claimcheck.kb.curate import show as kb_show

    found = kb_show(_load(kb_path), record_id)
    if not found:
        raise InputError(f"no record with id {record_id!r}; try 'claimcheck kb search {record_id}'")
    for kind, data in found:
        click.echo(f"# {kind}")
        click.echo(yaml.safe_dump(data, sort_keys=False, allow_unicode=True).rstrip())


@kb.command()
@click.argument("text")
@click.option("--limit", default=10, show_default=True)
@kb_option
def search(text: str, limit: int, kb_path: Path | None) -> None:
    """Fuzzy search over names, synonyms, study titles and assessment ids.

    \b
    Example:
      claimcheck kb search "naltrexon"
    """
    from claimcheck.kb.curate import search as kb_search

    for kind, rid, form, score in kb_search(_load(kb_path), text, limit):
        click.echo(f"{score:5.1f}  {kind:<12} {rid:<45} {form}")


@kb.command()
@click.argument("kind", type=click.Choice(["study", "assessment", "intervention", "condition"]))
def new(kind: str) -> None:
    """Print a template record that passes the schema once filled in.

    \b
    Example:
      claimcheck kb new study > knowledge/studies/smith2024.yaml
    """
    from claimcheck.kb.curate import template

    click.echo(template(kind), nl=False)


@kb.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("knowledge/schema"), show_default=True)
def schema(out: Path) -> None:
    """Export the record schemas as JSON Schema, for editors and check-jsonschema.

    \b
    Example:
      claimcheck kb schema --out knowledge/schema
    """
    from claimcheck.kb.curate import export_schemas

    for path in export_schemas(out):
        click.echo(str(path))


@cli.command()
@click.option("--corpus", type=click.Path(file_okay=False, path_type=Path), default=None, help="Annotated corpus folder (default: models/corpus).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None, help="Where to write the artifacts (default: models/claim-models).")
@kb_option
def train(corpus: Path | None, out: Path | None, kb_path: Path | None) -> None:
    """Rebuild every model artifact from the annotated corpus, deterministically.

    \b
    Example:
      claimcheck train
    """
    from claimcheck.kb.load import packaged_path
    from claimcheck.models.runtime import MODELS_DIR
    from claimcheck.models.train import train_all
    from claimcheck.nlp import build_pipeline

    corpus = corpus or packaged_path("models") / "corpus"
    out = out or packaged_path("models") / MODELS_DIR
    nlp = build_pipeline(kb_path, models=False)
    manifest = train_all(corpus, out, nlp, log=lambda m: click.echo(m, err=True))
    click.echo(manifest["test_scores"]["report"])
    click.echo(f"wrote {out}", err=True)


@cli.command()
@click.option("--corpus", type=click.Path(file_okay=False, path_type=Path), default=None, help="Annotated corpus folder (default: models/corpus).")
@click.option("--models", "model_dir", type=click.Path(file_okay=False, path_type=Path), default=None, help="Model folder (default: the bundled one).")
@click.option("--dev-claims", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also score verdicts on a JSON Lines file of claims with expert verdicts (e.g. ../shared/data/dev_claims.jsonl).")
@kb_option
def evaluate(corpus: Path | None, model_dir: Path | None, dev_claims: Path | None, kb_path: Path | None) -> None:
    """Precision, recall and F1 per task and label on the fixed test split; verdict confusion matrix.

    \b
    Example:
      claimcheck evaluate --dev-claims ../shared/data/dev_claims.jsonl
    """
    from claimcheck.kb.load import packaged_path
    from claimcheck.models.corpus import load_corpus
    from claimcheck.models.evaluate import evaluate_split
    from claimcheck.models.runtime import MODELS_DIR
    from claimcheck.nlp import build_pipeline

    corpus = corpus or packaged_path("models") / "corpus"
    model_dir = model_dir or packaged_path("models") / MODELS_DIR
    nlp = build_pipeline(kb_path, models=False)
    e2e_nlp = build_pipeline(kb_path, models=False, gazetteer=str(model_dir / "gazetteer.tsv"))
    test = [s for s in load_corpus(corpus) if s.test]
    click.echo(evaluate_split(test, nlp, model_dir, e2e_nlp=e2e_nlp)["report"])
    if dev_claims:
        from claimcheck.checker import Checker
        from claimcheck.models.verdicts import verdict_report

        click.echo(verdict_report(Checker(kb_path), dev_claims))


def _add_scan() -> None:
    from claimcheck.scan.command import scan

    cli.add_command(scan)


_add_scan()

