"""The distributed engine: the same partition function, run on a Dask cluster.

Each input file, or each byte range of a large uncompressed line-based file,
is one partition. Tasks read their partition where it is (the path must be
readable from the workers: a shared filesystem or a URL such as ``s3://``) and
write ``part-NNNNN.jsonl`` / ``part-NNNNN.errors.jsonl`` / ``part-NNNNN.summary.json``
into the output directory; the client merges the summaries into the report.
The parts, concatenated in order, equal the single-machine output.

Line numbers of byte ranges need the newlines before each range: a first
round of cheap tasks counts them, in parallel, where the data is.

Dask is an optional extra: ``pip install 'claimcheck[dask]'``. This module is
imported only for ``--engine dask``.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable
from dataclasses import asdict, replace
from typing import Any

import orjson

from claimcheck.errors import InputError
from claimcheck.scan.options import ScanOptions
from claimcheck.scan.partition import (
    PartitionResult,
    PartitionSpec,
    count_newlines,
    part_paths,
    plan_partitions,
    scan_partition,
)
from claimcheck.scan.progress import Progress
from claimcheck.scan.report import ScanAggregate
from claimcheck.scan.sources import Input

DEFAULT_PARTITION_BYTES = 128 * 1024 * 1024
PLAN_FILE = "scan-plan.json"


def _client(scheduler: str | None, jobs: int) -> tuple[Any, Any]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise InputError("--engine dask needs dask.distributed: pip install 'claimcheck[dask]'") from exc
    if scheduler:
        try:
            return Client(scheduler, timeout="30s"), None
        except OSError as exc:
            raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None)
    return Client(cluster), cluster


def _load_done(out_dir: str, specs: list[PartitionSpec], plan_key: str) -> dict[int, PartitionResult]:
    """Partitions finished by an earlier run with the same plan (for --resume)."""
    plan_path = os.path.join(out_dir, PLAN_FILE)
    try:
        with open(plan_path, "rb") as handle:
            plan = orjson.loads(handle.read())
    except (OSError, orjson.JSONDecodeError):
        return {}
    if plan.get("key") != plan_key:
        raise InputError(
            f"cannot resume: {out_dir!r} holds the output of a different scan (inputs or options differ)"
        )
    done = {}
    for spec in specs:
        summary_path = part_paths(out_dir, spec.index)[2]
        try:
            with open(summary_path, "rb") as handle:
                done[spec.index] = PartitionResult.from_state(orjson.loads(handle.read()))
        except (OSError, orjson.JSONDecodeError, KeyError):
            continue
    return done


def run_dask(
    inputs: list[Input],
    options: ScanOptions,
    out_dir: str,
    *,
    scheduler: str | None,
    jobs: int,
    progress: Progress,
    partition_bytes: int = DEFAULT_PARTITION_BYTES,
    resume: bool = False,
    fingerprint: str = "",
    client: Any = None,
    factory: Callable[[], Any] | None = None,
) -> tuple[ScanAggregate, list[PartitionSpec]]:
    """Scan on a Dask cluster; one output part per partition.

    Args:
        inputs: The inputs (no stdin).
        options: The scan options.
        out_dir: Output directory (created), visible to the workers.
        scheduler: Scheduler address; None starts a LocalCluster of ``jobs`` workers.
        jobs: Workers of the LocalCluster.
        progress: Progress reporter (advanced per finished partition).
        partition_bytes: Byte-range size for large uncompressed files.
        resume: Keep the parts finished by an earlier run.
        fingerprint: Identifies the scan (inputs and options).
        client: An existing ``distributed.Client`` to use instead.
        factory: Checker factory (default: ``options.checker``).

    Returns:
        ``(merged aggregate, partition plan)``.
    """
    if any(item.is_stdin for item in inputs):
        raise InputError("--engine dask cannot read stdin: give files, globs or directories")
    os.makedirs(out_dir, exist_ok=True)
    specs = plan_partitions(inputs, options, partition_bytes)
    plan_key = orjson.dumps([fingerprint, partition_bytes, len(specs)]).decode()
    done = _load_done(out_dir, specs, plan_key) if resume else {}
    if not resume:  # parts of an earlier scan (perhaps with more partitions) must not mix in
        for path in glob.glob(os.path.join(glob.escape(out_dir), "part-*")):
            os.remove(path)
    with open(os.path.join(out_dir, PLAN_FILE), "wb") as handle:
        handle.write(orjson.dumps({"key": plan_key, "partitions": [asdict(spec) for spec in specs]}))

    cluster = None
    own_client = client is None
    if own_client:
        client, cluster = _client(scheduler, jobs)
    try:
        specs = _with_line_counts(client, specs)
        results: dict[int, PartitionResult] = dict(done)
        done_bytes = sum(specs[i].size for i in done)
        posts = with_claims = rejected = 0
        progress.update(done_bytes, posts, with_claims, rejected)
        todo = [spec for spec in specs if spec.index not in done]
        futures = [
            client.submit(scan_partition, spec, options, os.path.abspath(out_dir), factory, pure=False)
            for spec in todo
        ]
        from distributed import as_completed

        for future in as_completed(futures):
            try:
                result: PartitionResult = future.result()
            except Exception as exc:  # e.g. the checker cannot be built on a worker
                raise InputError(f"a partition failed on the cluster: {type(exc).__name__}: {exc}") from exc
            results[result.index] = result
            for failure in result.extra.get("failures", []):
                progress.write(f"scan: {failure}")
            counts = result.aggregate.counts
            done_bytes += specs[result.index].size
            posts += counts["posts_read"]
            with_claims += counts["with_claims"]
            rejected += counts["rejected"]
            progress.update(done_bytes, posts, with_claims, rejected)
    finally:
        if own_client:
            client.close()
        if cluster is not None:
            cluster.close()
    aggregate = ScanAggregate()
    for index in range(len(specs)):
        aggregate.merge(results[index].aggregate)
    return aggregate, specs


def _with_line_counts(client: Any, specs: list[PartitionSpec]) -> list[PartitionSpec]:
    """Fill ``lines_before`` of byte-range partitions (newlines counted on the workers)."""
    ranged = [s for s in specs if s.stop is not None]
    if not ranged:
        return specs
    futures = [client.submit(count_newlines, s.path, s.start, s.stop, pure=False) for s in ranged]
    counts = dict(zip((s.index for s in ranged), client.gather(futures)))
    out = []
    lines_before = 0
    previous_input = None
    for spec in specs:
        if spec.stop is None:
            out.append(spec)
            continue
        if spec.input_index != previous_input:
            lines_before, previous_input = 0, spec.input_index
        out.append(replace(spec, lines_before=lines_before))
        lines_before += counts[spec.index]
    return out
