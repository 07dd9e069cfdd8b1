"""``claimcheck scan``: find health claims in whole forum dumps.

The lead's CLI group adds this command with ``cli.add_command(scan)``; it also
runs on its own as ``python -m claimcheck.scan``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import time
from typing import IO, Any

import click
import orjson

from claimcheck.errors import InputError
from claimcheck.scan import checkpoint as checkpoints
from claimcheck.scan.options import (
    DEFAULT_BATCH_BYTES,
    DEFAULT_CHECKER,
    DEFAULT_MAX_RECORD_BYTES,
    FORMATS,
    ScanOptions,
    check_factory_spec,
)
from claimcheck.scan.progress import Progress
from claimcheck.scan.report import ScanAggregate
from claimcheck.scan.sources import (
    STDIN,
    Input,
    expand_inputs,
    resolve_formats,
    total_size,
)

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?)b?\s*$", re.IGNORECASE)


class ByteSize(click.ParamType):
    """A size such as ``1048576``, ``512k``, ``4MB`` or ``1GiB``."""

    name = "size"

    def convert(self, value: Any, param: Any, ctx: Any) -> int:
        if isinstance(value, int):
            return value
        match = _SIZE.match(str(value))
        if not match:
            self.fail(f"{value!r} is not a size (examples: 1048576, 512k, 4MB, 1GiB)", param, ctx)
        number, unit, binary = match.groups()
        base = 1024 if binary else 1000
        power = " kmgt".index(unit.lower() or " ")
        size = int(float(number) * base**power)
        if size < 1:
            self.fail("size must be at least 1 byte", param, ctx)
        return size


def default_jobs() -> int:
    """All the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _without_outputs(
    items: list[Input], out: str | None, errors_path: str | None, engine: str
) -> list[Input]:
    """Drop this scan's own output files from the inputs (``scan dump/ -o dump/found.jsonl``)."""
    if not out or out == STDIN:
        return items
    own = {os.path.realpath(p) for p in (out, errors_path or f"{out}.errors.jsonl", f"{out}.checkpoint.json")}
    out_dir = os.path.realpath(out) + os.sep if engine == "dask" else None
    kept = [
        item
        for item in items
        if item.is_stdin
        or item.is_url
        or not (
            os.path.realpath(item.path) in own
            or (out_dir and os.path.realpath(item.path).startswith(out_dir))
        )
    ]
    if not kept:
        raise InputError("no input files besides this scan's own outputs")
    return kept


def _summary_line(counts: dict[str, int], elapsed: float, emit_all: bool) -> str:
    posts = counts.get("posts_read", 0)
    rate = posts / elapsed if elapsed > 0 else 0.0
    written = counts.get("written", 0)
    line = (
        f"scan: {posts:,} posts read = {counts.get('with_claims', 0):,} with claims"
        f" + {counts.get('without_claims', 0):,} without claims + {counts.get('rejected', 0):,} rejected;"
        f" {written:,} written{' (--all)' if emit_all else ''}, {counts.get('claims', 0):,} claims"
    )
    if counts.get("inputs_failed"):
        line += f"; {counts['inputs_failed']:,} input(s) unreadable"
    return line + f"; {elapsed:,.1f} s ({rate:,.0f} posts/s)"


def _write_reports(
    aggregate: ScanAggregate,
    *,
    report_html: str | None,
    report_json: str | None,
    top: int,
    meta: dict[str, Any],
) -> None:
    if not report_html and not report_json:
        return
    report = aggregate.to_report(top=top, meta=meta)
    if report_json:
        with open(report_json, "wb") as handle:
            handle.write(orjson.dumps(report, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS) + b"\n")
    if report_html:
        from claimcheck.scan.html_report import render_html

        with open(report_html, "w", encoding="utf-8") as handle:
            handle.write(render_html(report))


def _open_outputs(
    out: str | None, errors_path: str | None, *, resume: bool, restart: bool, fingerprint: str
) -> tuple[IO[bytes], IO[bytes] | None, str | None, checkpoints.Checkpoint | None]:
    """Open the findings and errors files, truncated to the checkpoint when resuming."""
    if out is None or out == "-":
        if resume:
            raise InputError("--resume needs --out FILE (findings on stdout cannot be resumed)")
        errors = open(errors_path, "wb") if errors_path else None  # noqa: SIM115 - the caller closes it
        return sys.stdout.buffer, errors, None, None
    errors_path = errors_path or f"{out}.errors.jsonl"
    cp_path = checkpoints.checkpoint_path(out)
    existing = checkpoints.load(cp_path)
    if existing is not None and not resume and not restart and not existing.complete:
        raise InputError(
            f"{cp_path} holds an unfinished scan: add --resume to continue it, or --restart to start over"
        )
    if resume and existing is not None:
        if existing.fingerprint != fingerprint:
            raise InputError(f"cannot resume: {cp_path} belongs to a scan with other inputs or options")
        checkpoints.truncate_to(out, existing.findings_bytes)
        checkpoints.truncate_to(errors_path, existing.errors_bytes)
        findings = open(out, "ab")  # noqa: SIM115 - the caller closes both
        errors = open(errors_path, "ab")  # noqa: SIM115
        return findings, errors, cp_path, existing
    for path in (out, errors_path):
        parent = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(parent):
            raise InputError(f"cannot write {path!r}: no directory {parent!r}")
    if existing is not None:
        os.remove(cp_path)  # a new scan: the old checkpoint no longer describes the outputs
    return open(out, "wb"), open(errors_path, "wb"), cp_path, None


@click.command("scan")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("auto", *FORMATS)),
    default="auto",
    show_default=True,
    help="Record format; auto: by extension (.jsonl/.ndjson/.json, .csv, .tsv, .txt), else sniffed.",
)
@click.option(
    "--text-field",
    "text_fields",
    multiple=True,
    metavar="FIELD",
    help="Field (dotted path for nested JSON) holding the post text; repeat to join several, e.g. title and body.  [default: text]",
)
@click.option(
    "--id-field", default="id", show_default=True, metavar="FIELD", help="Field holding the post id."
)
@click.option(
    "--time-field",
    metavar="FIELD",
    help="Field holding the post time (ISO date or unix seconds), for claims over time.",
)
@click.option(
    "--paragraphs",
    is_flag=True,
    help="Plain text: posts are separated by blank lines (default: one post per line).",
)
@click.option(
    "-o",
    "--out",
    metavar="FILE",
    help="Findings, JSON Lines (default: stdout). With --engine dask: a directory.",
)
@click.option(
    "--errors",
    "errors_path",
    metavar="FILE",
    help="Rejected records, JSON Lines.  [default: OUT.errors.jsonl, or stderr]",
)
@click.option("--all", "emit_all", is_flag=True, help="Write every post, not only those holding a claim.")
@click.option("--report", "report_html", metavar="FILE", help="Write a self-contained HTML summary.")
@click.option("--report-json", metavar="FILE", help="Write the summary as JSON.")
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="Rows in each ranking of the report.",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=None, help="Worker processes.  [default: all cores]"
)
@click.option(
    "--no-prefilter",
    is_flag=True,
    help="Run the full check on every post (findings are identical, only slower).",
)
@click.option(
    "--resume", is_flag=True, help="Continue a killed scan from its checkpoint (OUT.checkpoint.json)."
)
@click.option("--restart", is_flag=True, help="Discard an unfinished scan's checkpoint and start over.")
@click.option("--strict", is_flag=True, help="Exit 2 if any record was rejected.")
@click.option(
    "--max-record-bytes",
    type=ByteSize(),
    default=DEFAULT_MAX_RECORD_BYTES,
    show_default=True,
    help="Reject longer records without parsing them.",
)
@click.option(
    "--batch-bytes",
    type=ByteSize(),
    default=DEFAULT_BATCH_BYTES,
    show_default=True,
    help="Size of the raw batches sent to workers.",
)
@click.option(
    "--engine",
    type=click.Choice(("local", "dask")),
    default="local",
    show_default=True,
    help="local: this machine's cores; dask: a Dask cluster (pip install 'claimcheck[dask]').",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Dask scheduler, e.g. tcp://scheduler:8786 (default: a LocalCluster).",
)
@click.option(
    "--partition-bytes",
    type=ByteSize(),
    default=128 * 1024 * 1024,
    show_default=True,
    help="Dask: split large uncompressed line files into ranges of this size.",
)
@click.option(
    "--progress/--no-progress",
    "show_progress",
    default=None,
    help="Progress bar on a terminal, log lines otherwise.  [default: on]",
)
@click.option(
    "--log-interval", type=float, default=10.0, show_default=True, help="Seconds between progress log lines."
)
@click.option(
    "--checker",
    "checker_spec",
    default=DEFAULT_CHECKER,
    show_default=True,
    metavar="MODULE:FACTORY",
    help="Checker factory to call in each worker.",
)
@click.pass_context
def scan(
    ctx: click.Context,
    inputs: tuple[str, ...],
    fmt: str,
    text_fields: tuple[str, ...],
    id_field: str,
    time_field: str | None,
    paragraphs: bool,
    out: str | None,
    errors_path: str | None,
    emit_all: bool,
    report_html: str | None,
    report_json: str | None,
    top: int,
    jobs: int | None,
    no_prefilter: bool,
    resume: bool,
    restart: bool,
    strict: bool,
    max_record_bytes: int,
    batch_bytes: int,
    engine: str,
    scheduler: str | None,
    partition_bytes: int,
    show_progress: bool | None,
    log_interval: float,
    checker_spec: str,
) -> None:
    """Scan large post dumps for health claims, writing one JSON line per post with claims.

    INPUT is a file, a glob, a directory or - for stdin: JSON Lines, CSV/TSV or
    plain text, optionally gzip/bz2/xz/zstd compressed. Every record is
    accounted for: posts read = with claims + without claims + rejected, and
    each rejected record is listed with its location and reason in the errors
    file. Exit status: 0 when the scan completed; 2 on a usage error, an
    unreadable input, or (with --strict) any rejected record.

    \b
    Examples:
      claimcheck scan posts.jsonl.zst --text-field body --id-field id \\
          --out findings.jsonl --report report.html
      claimcheck scan dump/*.csv --text-field message --jobs 8 -o found.jsonl
      zcat posts.jsonl.gz | claimcheck scan - --text-field data.selftext
      claimcheck scan partitions/ --engine dask --scheduler tcp://scheduler:8786 -o found/
    """
    if resume and restart:
        raise click.UsageError("--resume and --restart exclude each other")
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    try:
        check_factory_spec(checker_spec)
    except ValueError as exc:
        raise InputError(str(exc)) from exc
    options = ScanOptions(
        text_fields=text_fields or ("text",),
        id_field=id_field or None,
        time_field=time_field,
        paragraphs=paragraphs,
        prefilter=not no_prefilter,
        emit_all=emit_all,
        max_record_bytes=max_record_bytes,
        batch_bytes=batch_bytes,
        checker=checker_spec,
    )
    items = resolve_formats(_without_outputs(expand_inputs(inputs, fmt), out, errors_path, engine))
    jobs = jobs or default_jobs()
    fingerprint = checkpoints.fingerprint(items, options)
    meta: dict[str, Any] = {
        "inputs": [item.name for item in items],
        "engine": engine if engine == "local" else f"dask ({scheduler or 'LocalCluster'})",
        "jobs": jobs,
        "text_fields": list(options.text_fields),
        "prefilter": options.prefilter,
    }
    started = time.monotonic()
    if engine == "dask":
        aggregate, elapsed = _run_dask(
            items,
            options,
            out,
            errors_path,
            scheduler,
            jobs,
            partition_bytes,
            resume,
            fingerprint,
            show_progress,
            log_interval,
        )
        meta["errors_file"] = os.path.join(out or "", "part-*.errors.jsonl")
    else:
        aggregate, elapsed = _run_local(
            items,
            options,
            out,
            errors_path,
            jobs,
            resume,
            restart,
            fingerprint,
            show_progress,
            log_interval,
            ctx,
        )
        meta["errors_file"] = errors_path or (f"{out}.errors.jsonl" if out and out != "-" else "stderr")
    meta["elapsed_s"] = round(elapsed if elapsed is not None else time.monotonic() - started, 3)
    meta["finished"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    _write_reports(aggregate, report_html=report_html, report_json=report_json, top=top, meta=meta)
    counts = aggregate.counts
    click.echo(_summary_line(counts, meta["elapsed_s"], emit_all), err=True)
    if counts.get("inputs_failed"):
        raise InputError(
            f"{counts['inputs_failed']} input(s) could not be read completely; see {meta['errors_file']}"
        )
    if strict and counts.get("rejected"):
        raise InputError(f"{counts['rejected']:,} record(s) rejected (--strict); see {meta['errors_file']}")


def _run_local(
    items: list[Input],
    options: ScanOptions,
    out: str | None,
    errors_path: str | None,
    jobs: int,
    resume: bool,
    restart: bool,
    fingerprint: str,
    show_progress: bool | None,
    log_interval: float,
    ctx: click.Context,
) -> tuple[ScanAggregate, float]:
    from claimcheck.scan.engine_local import Position, Sink, run_local

    findings, errors, cp_path, existing = _open_outputs(
        out, errors_path, resume=resume, restart=restart, fingerprint=fingerprint
    )
    start = None
    aggregate = None
    elapsed_before = 0.0
    initial_bytes = 0
    if existing is not None:
        aggregate = ScanAggregate.from_state(existing.aggregate) if existing.aggregate else None
        elapsed_before = existing.elapsed
        start = Position(
            existing.input_index,
            existing.offset,
            existing.line,
            tuple(existing.header) if existing.header is not None else None,
            existing.format or "",
            0,
        )
        initial_bytes = sum(item.size or 0 for item in items[: existing.input_index])
        if existing.complete:
            click.echo(f"scan: {cp_path} says the scan is complete; nothing to do", err=True)
            findings.close()
            if errors is not None:
                errors.close()
            return aggregate or ScanAggregate(), elapsed_before
        click.echo(
            f"scan: resuming at input {existing.input_index + 1}/{len(items)}, line {existing.line:,}"
            f" ({(aggregate.counts['posts_read'] if aggregate else 0):,} posts already done)",
            err=True,
        )
    elif resume:
        click.echo("scan: no checkpoint found; starting from the beginning", err=True)
    sink = Sink(
        findings,
        errors,
        checkpoint_path=cp_path,
        fingerprint=fingerprint,
        aggregate=aggregate,
        elapsed_before=elapsed_before,
    )
    if start is not None:
        sink.position = start
    progress = Progress.auto(
        total_size(items), show_progress, interval=log_interval, initial_bytes=initial_bytes
    )
    try:
        run_local(items, options, sink, jobs=jobs, progress=progress, start=start)
        sink.save(complete=True)
    except KeyboardInterrupt:
        progress.close()
        done = sink.aggregate.counts["posts_read"]
        hint = "; run the same command with --resume to continue" if cp_path else ""
        click.echo(f"scan: interrupted after {done:,} posts{hint}", err=True)
        ctx.exit(130)
    except BrokenPipeError:  # e.g. `claimcheck scan … | head`
        progress.close()
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        click.echo("scan: output closed before the scan ended", err=True)
        ctx.exit(141)
    finally:
        progress.close()
        if findings is not sys.stdout.buffer:
            findings.close()
        else:
            try:
                findings.flush()
            except BrokenPipeError:
                pass
        if errors is not None:
            errors.close()
    return sink.aggregate, sink.elapsed()


def _run_dask(
    items: list[Input],
    options: ScanOptions,
    out: str | None,
    errors_path: str | None,
    scheduler: str | None,
    jobs: int,
    partition_bytes: int,
    resume: bool,
    fingerprint: str,
    show_progress: bool | None,
    log_interval: float,
) -> tuple[ScanAggregate, float]:
    if not out or out == STDIN:
        raise InputError("--engine dask needs --out DIRECTORY (one output part per partition)")
    if errors_path:
        raise InputError("--errors does not apply to --engine dask: errors go to OUT/part-NNNNN.errors.jsonl")
    if os.path.isfile(out):
        raise InputError(f"--out {out!r} is a file; --engine dask writes a directory of parts")
    from claimcheck.scan.engine_dask import run_dask

    started = time.monotonic()
    progress = Progress.auto(total_size(items), show_progress, interval=log_interval)
    try:
        aggregate, _ = run_dask(
            items,
            options,
            out,
            scheduler=scheduler,
            jobs=jobs,
            progress=progress,
            partition_bytes=partition_bytes,
            resume=resume,
            fingerprint=fingerprint,
        )
    finally:
        progress.close()
    return aggregate, time.monotonic() - started
