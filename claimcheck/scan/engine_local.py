"""The single-machine engine: one reader, a pool of checker processes, ordered writes.

The main process reads raw batches (a few MB of whole records) and hands them
to a process pool, which returns serialized output lines plus small aggregates.
Where the system can ``fork`` (Linux, BSD), the main process builds the checker
once and the workers inherit it: its pages are shared (copy on write; frozen out
of the garbage collector's reach so that a collection does not copy them), and
the scan holds about one checker's memory plus what each worker touches. Elsewhere
a ``spawn`` pool builds one checker per worker, in the pool initializer. The
main process writes results in input order, so the output is byte-identical
whatever ``--jobs``. At most ``2 * jobs + 1`` batches are in flight, which
bounds memory. With ``jobs == 1`` everything runs in the main process.

Parallelism is over raw batches, not spaCy Docs: ``nlp.pipe(n_process=…)``
pickles Docs, which costs more than checking them.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from claimcheck.errors import InputError
from claimcheck.scan import checkpoint as checkpoints
from claimcheck.scan.batches import Batch, BatchReader
from claimcheck.scan.options import ScanOptions
from claimcheck.scan.partition import (
    BatchProcessor,
    BatchResult,
    build_processor,
    error_line,
)
from claimcheck.scan.progress import Progress
from claimcheck.scan.records import header_problem
from claimcheck.scan.report import ScanAggregate
from claimcheck.scan.sources import Input, open_stream


@dataclass(slots=True)
class Position:
    """Where reading continues after a batch (what a checkpoint records)."""

    input_index: int
    offset: int
    line: int
    header: tuple[str, ...] | None
    format: str
    raw_position: int


def _after(batch: Batch) -> Position:
    if batch.failure:  # an unreadable input is not retried on resume
        return Position(batch.input_index + 1, 0, 1, None, "", 0)
    return Position(
        batch.input_index, batch.end_offset, batch.end_line, batch.header, batch.format, batch.raw_position
    )


def iter_batches(inputs: list[Input], options: ScanOptions, start: Position | None = None) -> Iterator[Batch]:
    """Every batch of every input, in order, from ``start`` on.

    An input that cannot be opened or read yields a batch with ``failure``
    set, and reading goes on with the next input.
    """
    seq = 0
    first = start.input_index if start else 0
    for index in range(first, len(inputs)):
        item = inputs[index]
        resume = start is not None and index == start.input_index
        offset = start.offset if resume and start else 0
        line = start.line if resume and start else 1
        header = start.header if resume and start else None
        fmt = (start.format if resume and start and start.format else None) or item.format
        try:
            opened = open_stream(item.path, offset)
        except OSError as exc:
            yield Batch(
                index,
                item.name,
                fmt,
                line,
                offset,
                b"",
                line,
                offset,
                failure=f"unreadable input: {exc}",
                seq=seq,
            )
            seq += 1
            continue
        try:
            reader = BatchReader(
                opened.stream,
                input_index=index,
                name=item.name,
                fmt=fmt,
                batch_bytes=options.batch_bytes,
                max_record_bytes=options.max_record_bytes,
                paragraphs=options.paragraphs,
                offset=offset,
                line=line,
                header=header,
                counter=opened.counter,
            )
            batches: Iterator[Batch]
            try:
                reader.prepare()
                problem = header_problem(reader.header, options) if reader.header is not None else None
                if problem:
                    batches = iter([reader._batch(b"", failure=f"unusable input: {problem}")])
                else:
                    batches = iter(reader)
            except ValueError as exc:
                batches = iter([reader._batch(b"", failure=f"unreadable input: {exc}")])
            for batch in batches:
                batch.seq = seq
                seq += 1
                yield batch
        finally:
            opened.close()


def failure_result(batch: Batch, kb_version: str | None = None) -> BatchResult:
    """The result of a batch that stands for an unreadable input (no checker needed)."""
    aggregate = ScanAggregate()
    aggregate.kb_version = kb_version
    aggregate.counts["inputs_failed"] += 1
    errors = error_line(
        batch.name, batch.first_line, batch.offset, None, "unreadable", batch.failure or "", None
    )
    return BatchResult(batch.seq, b"", errors, aggregate, failure=f"{batch.name}: {batch.failure}")


# -- worker side -------------------------------------------------------------------------

_processor: BatchProcessor | None = None
_init_error: str | None = None


def _init_worker(options: ScanOptions) -> None:
    """Pool initializer: build the checker once per worker process."""
    global _processor, _init_error
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is handled by the main process
    try:
        _processor = build_processor(options)
    except BaseException as exc:  # noqa: BLE001 - reported with the first batch, not in a respawn loop
        _init_error = f"{type(exc).__name__}: {exc}"


def _init_forked() -> None:
    """Pool initializer of a forked worker: the checker came with the fork."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _build(options: ScanOptions, factory: Callable[[], Any] | None) -> BatchProcessor:
    """The batch processor, or a clear error when the checker cannot be built."""
    try:
        return build_processor(options, factory)
    except Exception as exc:
        raise InputError(f"cannot build the checker: {type(exc).__name__}: {exc}") from exc


def _start_pool(jobs: int, options: ScanOptions, factory: Callable[[], Any] | None) -> Any:
    """A pool of ``jobs`` workers that check batches (see the module docstring on fork and spawn)."""
    global _processor, _init_error
    if "fork" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn").Pool(jobs, initializer=_init_worker, initargs=(options,))
    _processor, _init_error = _build(options, factory), None
    gc.freeze()  # the checker's objects move to a generation no collection visits, in the workers too
    try:
        return multiprocessing.get_context("fork").Pool(jobs, initializer=_init_forked)
    except BaseException:
        _stop_pool()
        raise


def _stop_pool() -> None:
    """Drop the main process's checker (built for forked workers) and let the collector see everything again."""
    global _processor
    _processor = None
    gc.unfreeze()


def _work(batch: Batch) -> BatchResult:
    if _processor is None:
        raise RuntimeError(f"the checker could not be built: {_init_error}")
    return _processor.process(batch)


# -- main side ---------------------------------------------------------------------------


#: A checkpoint is saved after a written batch when this many seconds have passed since the last one:
#: saving the aggregates after every batch cost the main process a tenth of a core.
CHECKPOINT_SECONDS = 1.0


class Sink:
    """Where results go: findings and errors files (or streams) plus the checkpoint.

    Args:
        findings: Binary stream for findings.
        errors: Binary stream for rejected records, or None to print them on
            stderr through ``progress``.
        checkpoint_path: Where to save checkpoints (None: no checkpoints).
        fingerprint: Fingerprint stored in each checkpoint.
        aggregate: Aggregate to extend (from a resumed checkpoint) or a new one.
        elapsed_before: Seconds already spent in earlier runs.
    """

    def __init__(
        self,
        findings: IO[bytes],
        errors: IO[bytes] | None,
        *,
        checkpoint_path: str | None = None,
        fingerprint: str = "",
        aggregate: ScanAggregate | None = None,
        elapsed_before: float = 0.0,
    ) -> None:
        self.findings = findings
        self.errors = errors
        self.checkpoint_path = checkpoint_path
        self.fingerprint = fingerprint
        self.aggregate = aggregate or ScanAggregate()
        self.elapsed_before = elapsed_before
        self.started = time.monotonic()
        self.position: Position | None = None
        self.run_counts = ScanAggregate()
        self._saved_at = 0.0  # the first written batch is checkpointed at once

    def elapsed(self) -> float:
        return self.elapsed_before + time.monotonic() - self.started

    def write(self, result: BatchResult, position: Position, progress: Progress) -> None:
        """Write one batch's output, flush, and checkpoint if the last checkpoint is a second old."""
        if result.failure:
            progress.write(f"scan: {result.failure}")
        if result.findings:
            self.findings.write(result.findings)
        if result.errors:
            if self.errors is not None:
                self.errors.write(result.errors)
            else:
                for line in result.errors.decode("utf-8").splitlines():
                    progress.write(line)
        self.aggregate.merge(result.aggregate)
        self.run_counts.counts.update(result.aggregate.counts)
        self.position = position
        self.findings.flush()
        if self.errors is not None:
            self.errors.flush()
        if time.monotonic() - self._saved_at >= CHECKPOINT_SECONDS:
            self.save()

    def save(self, complete: bool = False) -> None:
        """Save where reading continues, with the output lengths and aggregates (after a flush)."""
        self._saved_at = time.monotonic()
        if self.checkpoint_path is None or self.position is None:
            return
        position = self.position
        checkpoints.save(
            self.checkpoint_path,
            checkpoints.Checkpoint(
                fingerprint=self.fingerprint,
                input_index=position.input_index,
                offset=position.offset,
                line=position.line,
                header=list(position.header) if position.header is not None else None,
                format=position.format,
                findings_bytes=self.findings.tell(),
                errors_bytes=self.errors.tell() if self.errors is not None else 0,
                aggregate=self.aggregate.to_state(),
                elapsed=self.elapsed(),
                complete=complete,
            ),
        )


def run_local(
    inputs: list[Input],
    options: ScanOptions,
    sink: Sink,
    *,
    jobs: int,
    progress: Progress,
    start: Position | None = None,
    factory: Callable[[], Any] | None = None,
) -> ScanAggregate:
    """Scan every input and write results in order.

    Args:
        inputs: The inputs, formats resolved (stdin may stay unsniffed).
        options: The scan options.
        sink: Output files and checkpointing.
        jobs: Worker processes; 1 checks in the main process.
        progress: Progress reporter.
        start: Resume position.
        factory: Checker factory (default: ``options.checker``); a spawned worker always builds ``options.checker``.

    Returns:
        The aggregate of the whole scan (including resumed parts).

    Raises:
        InputError: The checker cannot be built.
    """
    sizes = [item.size or 0 for item in inputs]
    done_before = [sum(sizes[:i]) for i in range(len(inputs) + 1)]

    def report_progress(position: Position) -> None:
        counts = sink.run_counts.counts
        done = done_before[min(position.input_index, len(inputs))] + position.raw_position
        progress.update(done, counts["posts_read"], counts["with_claims"], counts["rejected"])

    batches = iter_batches(inputs, options, start)
    if jobs <= 1:
        processor = _build(options, factory)
        for batch in batches:
            result = (
                failure_result(batch, processor.kb_version) if batch.failure else processor.process(batch)
            )
            position = _after(batch)
            sink.write(result, position, progress)
            report_progress(position)
        return sink.aggregate

    pool = _start_pool(jobs, options, factory)
    window: deque[tuple[Position, Any]] = deque()
    limit = 2 * jobs + 1
    try:

        def drain_one() -> None:
            position, pending = window.popleft()
            if isinstance(pending, BatchResult):
                result = pending
            else:
                try:
                    result = pending.get()
                except RuntimeError as exc:
                    raise InputError(str(exc)) from exc
            sink.write(result, position, progress)
            report_progress(position)

        for batch in batches:
            position = _after(batch)
            if batch.failure:
                window.append((position, failure_result(batch)))
            else:
                window.append((position, pool.apply_async(_work, (batch,))))
            del batch
            while len(window) >= limit:
                drain_one()
        while window:
            drain_one()
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
        _stop_pool()
    return sink.aggregate
