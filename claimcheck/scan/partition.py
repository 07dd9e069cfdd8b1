"""The partition function: check the posts of a batch or of a whole partition.

Both engines call it. The local engine sends raw batches to a process pool and
calls :meth:`BatchProcessor.process` in each worker; the Dask engine (and a
Spark ``mapInPandas`` job, see ``docs/scanning.md``) calls
:func:`scan_partition`, which reads one input file or byte range, checks it
batch by batch and writes one output part.

The output of a post is one JSON line::

    {"id": …, "file": "posts.jsonl", "line": 12, "offset": 3456, "time": …, <doc.to_dict()>}

and a rejected record gives one line in the errors file::

    {"file": …, "line": …, "offset": …, "id": …, "code": "broken_json", "reason": …, "excerpt": …}
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import orjson

from claimcheck.results import DocumentResult
from claimcheck.scan.batches import Batch, BatchReader, splittable_by_bytes
from claimcheck.scan.memory import release_free_memory
from claimcheck.scan.options import ScanOptions, resolve_factory
from claimcheck.scan.records import Record, RecordParser, header_problem
from claimcheck.scan.report import ScanAggregate
from claimcheck.scan.sources import open_stream


@dataclass(slots=True)
class BatchResult:
    """What a worker returns for one batch: output lines and small aggregates."""

    seq: int
    findings: bytes
    errors: bytes
    aggregate: ScanAggregate
    failure: str | None = None  # "name: reason" when the input could not be read


def kb_version_of(checker: Any) -> str:
    """The checker's knowledge-base version (asked once, from an empty check)."""
    version = getattr(checker, "kb_version", None)
    if isinstance(version, str):
        return version
    return checker.check("").kb_version


def error_line(
    name: str, line: int, offset: int | None, post_id: Any, code: str, reason: str, excerpt: str | None
) -> bytes:
    """One line of the errors file."""
    return (
        orjson.dumps(
            {
                "file": name,
                "line": line,
                "offset": offset,
                "id": post_id,
                "code": code,
                "reason": reason,
                "excerpt": excerpt,
            }
        )
        + b"\n"
    )


class BatchProcessor:
    """Parses, pre-filters and checks the posts of raw batches.

    Args:
        checker: Object with ``check(text, source=None, prefilter=False)`` and ``may_contain_claim(text)``.
        options: The scan options.
    """

    def __init__(self, checker: Any, options: ScanOptions) -> None:
        self.checker = checker
        self.options = options
        self.parser = RecordParser(options)
        self.kb_version = kb_version_of(checker)

    def process(self, batch: Batch) -> BatchResult:
        """Check every post of ``batch``; never raises for a bad record."""
        options = self.options
        aggregate = ScanAggregate()
        aggregate.kb_version = self.kb_version
        if batch.failure:
            aggregate.counts["inputs_failed"] += 1
            errors = error_line(
                batch.name, batch.first_line, batch.offset, None, "unreadable", batch.failure, None
            )
            return BatchResult(batch.seq, b"", errors, aggregate, failure=f"{batch.name}: {batch.failure}")
        findings: list[bytes] = []
        errors: list[bytes] = []
        check = self.checker.check
        may_contain = self.checker.may_contain_claim if options.prefilter else None
        name = batch.name
        for record in self.parser.parse(batch):
            if record.text is None:
                aggregate.add_rejection(record.code or "rejected")
                errors.append(
                    error_line(
                        name,
                        record.line,
                        record.offset,
                        record.post_id,
                        record.code or "rejected",
                        record.reason or "",
                        record.excerpt,
                    )
                )
                continue
            source = f"{name}:{record.line}"
            try:
                doc: DocumentResult | None = None
                if may_contain is None or may_contain(record.text):
                    doc = check(record.text, source=source, prefilter=options.prefilter)
                claims = doc.claims if doc is not None else ()
                line = self._finding(name, record, doc, source) if claims or options.emit_all else None
            except Exception as exc:  # noqa: BLE001 - one bad record never ends the run
                aggregate.add_rejection("checker_error")
                reason = f"checker failed: {type(exc).__name__}: {exc}"
                errors.append(
                    error_line(
                        name,
                        record.line,
                        record.offset,
                        record.post_id,
                        "checker_error",
                        reason,
                        record.text[:120],
                    )
                )
                continue
            aggregate.add_post(
                claims,
                name=name,
                line=record.line,
                post_id=record.post_id,
                time=record.time,
                written=line is not None,
            )
            if line is not None:
                findings.append(line)
        return BatchResult(batch.seq, b"".join(findings), b"".join(errors), aggregate)

    def _finding(self, name: str, record: Record, doc: DocumentResult | None, source: str) -> bytes:
        """The output line of one post."""
        if doc is None:  # the pre-filter ruled out any claim: what check() would have returned
            doc = DocumentResult(
                text_length=len(record.text or ""), claims=(), kb_version=self.kb_version, source=source
            )
        out: dict[str, Any] = {
            "id": record.post_id,
            "file": name,
            "line": record.line,
            "offset": record.offset,
        }
        if self.options.time_field:
            out["time"] = record.time
        out.update(doc.to_dict())
        return orjson.dumps(out, option=orjson.OPT_APPEND_NEWLINE | orjson.OPT_NON_STR_KEYS)


# -- one checker per process (or thread), built on first use ------------------------------

_local = threading.local()


def build_processor(options: ScanOptions, factory: Callable[[], Any] | None = None) -> BatchProcessor:
    """A processor with its checker built and warmed, and the memory its building freed given back."""
    checker = (factory or resolve_factory(options.checker))()
    release_free_memory()  # before the pre-filter is built: the peak is then the larger step, not both together
    warm = getattr(checker, "may_contain_claim", None)
    if warm is not None:
        warm("LDN cures MS")  # builds the pre-filter now, so that its scaffolding is freed below
    processor = BatchProcessor(checker, options)
    release_free_memory()
    return processor


def processor_for(options: ScanOptions, factory: Callable[[], Any] | None = None) -> BatchProcessor:
    """The calling thread's processor for these options, built once and reused."""
    cache: dict[Any, BatchProcessor] | None = getattr(_local, "processors", None)
    if cache is None:
        cache = _local.processors = {}
    key = (options, factory)
    processor = cache.get(key)
    if processor is None:
        processor = cache[key] = build_processor(options, factory)
    return processor


# -- whole partitions (Dask, Spark) ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PartitionSpec:
    """One unit of distributed work: a whole input, or a byte range of one.

    Attributes:
        index: Position of the partition in the scan (names the output part).
        input_index: Index of the input in the scan's input list.
        path: Path or URL to open (must be readable where the task runs).
        name: Input name written into findings and errors.
        format: Record format (``""`` to sniff).
        start: First byte of the range (records starting before it belong to
            the previous partition).
        stop: End of the range (None: the end of the input).
        lines_before: Number of newlines before ``start`` (for line numbers).
        size: Raw bytes covered (for progress).
    """

    index: int
    input_index: int
    path: str
    name: str
    format: str
    start: int = 0
    stop: int | None = None
    lines_before: int = 0
    size: int = 0


@dataclass(slots=True)
class PartitionResult:
    """Counts and aggregates of one partition, plus where its output went."""

    index: int
    aggregate: ScanAggregate
    findings_path: str | None = None
    errors_path: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_state(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "aggregate": self.aggregate.to_state(),
            "findings_path": self.findings_path,
            "errors_path": self.errors_path,
            "extra": self.extra,
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> PartitionResult:
        return cls(
            state["index"],
            ScanAggregate.from_state(state["aggregate"]),
            state["findings_path"],
            state["errors_path"],
            state.get("extra", {}),
        )


def part_paths(out_dir: str, index: int) -> tuple[str, str, str]:
    """Findings, errors and summary paths of output part ``index``."""
    stem = os.path.join(out_dir, f"part-{index:05d}")
    return f"{stem}.jsonl", f"{stem}.errors.jsonl", f"{stem}.summary.json"


def count_newlines(path: str, start: int, stop: int) -> int:
    """Newlines in bytes ``[start, stop)`` of an uncompressed input."""
    opened = open_stream(path)
    try:
        stream = opened.stream
        stream.seek(start) if start else None
        remaining = stop - start
        total = 0
        while remaining > 0:
            chunk = stream.read(min(remaining, 1 << 22))
            if not chunk:
                break
            total += chunk.count(b"\n")
            remaining -= len(chunk)
        return total
    finally:
        opened.close()


def iter_partition(spec: PartitionSpec, options: ScanOptions) -> Any:
    """Yield the raw batches of one partition, in order."""
    opened = open_stream(spec.path)
    try:
        stream = opened.stream
        offset, line = 0, 1
        if spec.start > 0:
            # records belong to the partition in which they start: skip the tail of the
            # record that began before `start`
            stream.seek(spec.start - 1)
            if stream.read(1) == b"\n":
                offset, line = spec.start, spec.lines_before + 1
            else:
                skipped = 0
                while True:
                    chunk = stream.readline(1 << 20)
                    skipped += len(chunk)
                    if not chunk or chunk.endswith(b"\n"):
                        break
                offset, line = spec.start + skipped, spec.lines_before + 2
        reader = BatchReader(
            stream,
            input_index=spec.input_index,
            name=spec.name,
            fmt=spec.format,
            batch_bytes=options.batch_bytes,
            max_record_bytes=options.max_record_bytes,
            paragraphs=options.paragraphs,
            offset=offset,
            line=line,
            stop_offset=spec.stop,
            counter=opened.counter,
        )
        if spec.stop is not None and offset >= spec.stop:
            return
        try:
            reader.prepare()
        except ValueError as exc:
            yield reader._batch(b"", failure=f"unreadable input: {exc}")
            return
        if reader.header is not None:
            problem = header_problem(reader.header, options)
            if problem:
                yield reader._batch(b"", failure=f"unusable input: {problem}")
                return
        yield from reader
    finally:
        opened.close()


def scan_partition(
    spec: PartitionSpec,
    options: ScanOptions,
    out_dir: str,
    factory: Callable[[], Any] | None = None,
) -> PartitionResult:
    """Check one partition and write its output part; the unit of distributed work.

    Writes ``part-NNNNN.jsonl`` (findings) and ``part-NNNNN.errors.jsonl`` into
    ``out_dir`` through temporary files renamed at the end, then
    ``part-NNNNN.summary.json`` (counts and aggregates), whose presence marks
    the part as done for ``--resume``. An unreadable input becomes an error
    line, not an exception.

    Args:
        spec: The partition.
        options: The scan options.
        out_dir: Output directory, visible to the process running the task.
        factory: Checker factory; defaults to ``options.checker``.
    """
    processor = processor_for(options, factory)
    findings_path, errors_path, summary_path = part_paths(out_dir, spec.index)
    aggregate = ScanAggregate()
    aggregate.kb_version = processor.kb_version
    failures: list[str] = []
    with open(findings_path + ".tmp", "wb") as findings, open(errors_path + ".tmp", "wb") as errors:
        try:
            for batch in iter_partition(spec, options):
                result = processor.process(batch)
                if result.failure:
                    failures.append(result.failure)
                findings.write(result.findings)
                errors.write(result.errors)
                aggregate.merge(result.aggregate)
        except OSError as exc:
            aggregate.counts["inputs_failed"] += 1
            failures.append(f"{spec.name}: unreadable input: {exc}")
            errors.write(
                error_line(spec.name, 0, spec.start, None, "unreadable", f"unreadable input: {exc}", None)
            )
    os.replace(findings_path + ".tmp", findings_path)
    os.replace(errors_path + ".tmp", errors_path)
    result = PartitionResult(spec.index, aggregate, findings_path, errors_path, {"failures": failures})
    with open(summary_path + ".tmp", "wb") as summary:
        summary.write(orjson.dumps(result.to_state()))
    os.replace(summary_path + ".tmp", summary_path)
    return result


def plan_partitions(inputs: list[Any], options: ScanOptions, partition_bytes: int) -> list[PartitionSpec]:
    """One partition per input, or byte ranges for large uncompressed line files.

    ``lines_before`` is left at 0; the Dask engine fills it in with
    :func:`count_newlines` tasks run where the data is.
    """
    from claimcheck.scan.sources import detect_compression, open_raw

    specs: list[PartitionSpec] = []
    for input_index, item in enumerate(inputs):
        size = item.size or 0
        splittable = (
            size > partition_bytes
            and splittable_by_bytes(item.format, options.paragraphs)
            and not item.is_stdin
        )
        if splittable:
            raw = open_raw(item.path)
            try:
                splittable = detect_compression(raw.read(6)) is None
            finally:
                raw.close()
        if not splittable:
            specs.append(PartitionSpec(len(specs), input_index, item.path, item.name, item.format, size=size))
            continue
        for start in range(0, size, partition_bytes):
            stop = min(start + partition_bytes, size)
            specs.append(
                PartitionSpec(
                    len(specs), input_index, item.path, item.name, item.format, start, stop, 0, stop - start
                )
            )
    return specs


def merge_summaries(out_dir: str, count: int | None = None) -> ScanAggregate:
    """Merge the ``part-NNNNN.summary.json`` files of a directory, in part order.

    For engines other than Dask (e.g. Spark) that ran :func:`scan_partition`
    themselves. Raises ``FileNotFoundError`` if one of the first ``count`` parts
    is missing (``count`` None: every summary present).
    """
    import glob

    if count is None:
        paths = sorted(glob.glob(os.path.join(out_dir, "part-*.summary.json")))
    else:
        paths = [part_paths(out_dir, index)[2] for index in range(count)]
    aggregate = ScanAggregate()
    for path in paths:
        with open(path, "rb") as handle:
            aggregate.merge(PartitionResult.from_state(orjson.loads(handle.read())).aggregate)
    return aggregate
