"""Checkpoints of a local scan, so that ``--resume`` continues a killed run.

After each written batch the outputs are flushed and a checkpoint is replaced
atomically (write to a temporary file, then ``os.replace``). It records where
to continue reading, how long each output file was, and the aggregates so far.
On resume the outputs are truncated to those lengths, which drops anything
written after the checkpoint, and reading restarts at the recorded position:
no post is lost or written twice.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field, fields
from typing import Any

import orjson

from claimcheck.errors import InputError
from claimcheck.scan.options import ScanOptions
from claimcheck.scan.sources import Input

VERSION = 1


@dataclass(slots=True)
class Checkpoint:
    """Where a scan stands.

    Attributes:
        fingerprint: Hash of the inputs and options; resuming with others fails.
        input_index: Input to continue reading.
        offset: Decompressed byte offset in that input.
        line: Line number at that offset.
        header: CSV/TSV header of that input (read at its start).
        format: Record format of that input (sniffed for stdin).
        findings_bytes: Length of the findings file.
        errors_bytes: Length of the errors file.
        aggregate: ``ScanAggregate.to_state()``.
        elapsed: Seconds spent scanning before this run.
        complete: The scan has finished.
    """

    fingerprint: str
    input_index: int = 0
    offset: int = 0
    line: int = 1
    header: list[str] | None = None
    format: str | None = None
    findings_bytes: int = 0
    errors_bytes: int = 0
    aggregate: dict[str, Any] | None = None
    elapsed: float = 0.0
    complete: bool = False
    version: int = VERSION
    extra: dict[str, Any] = field(default_factory=dict)


def checkpoint_path(out: str) -> str:
    """The checkpoint file that belongs to an output file."""
    return f"{out}.checkpoint.json"


def fingerprint(inputs: list[Input], options: ScanOptions) -> str:
    """Identify a scan by its inputs (names, sizes, formats) and output-relevant options."""
    described = [[i.name, i.size, i.format] for i in inputs]
    data = orjson.dumps({"inputs": described, "options": options.fingerprint()})
    return hashlib.sha1(data).hexdigest()


def save(path: str, checkpoint: Checkpoint) -> None:
    """Replace the checkpoint atomically."""
    tmp = f"{path}.tmp"
    with open(tmp, "wb") as handle:
        # no dataclasses.asdict: it deep-copies the aggregate state on every batch
        handle.write(orjson.dumps({f.name: getattr(checkpoint, f.name) for f in fields(checkpoint)}))
    os.replace(tmp, path)


def load(path: str) -> Checkpoint | None:
    """Read a checkpoint; None if there is none.

    Raises:
        InputError: The file exists but is not a checkpoint of this version.
    """
    try:
        with open(path, "rb") as handle:
            data = orjson.loads(handle.read())
    except FileNotFoundError:
        return None
    except (OSError, orjson.JSONDecodeError) as exc:
        raise InputError(f"cannot read checkpoint {path!r}: {exc}") from exc
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise InputError(f"{path!r} is not a claimcheck scan checkpoint (version {VERSION})")
    try:
        return Checkpoint(**data)
    except TypeError as exc:
        raise InputError(f"checkpoint {path!r} is damaged: {exc}") from exc


def truncate_to(path: str, size: int) -> None:
    """Cut an output file back to the length recorded in the checkpoint.

    Raises:
        InputError: The file is missing or shorter than recorded.
    """
    try:
        actual = os.path.getsize(path)
    except OSError as exc:
        if size == 0:
            open(path, "wb").close()
            return
        raise InputError(f"cannot resume: output {path!r} is missing ({exc})") from exc
    if actual < size:
        raise InputError(
            f"cannot resume: {path!r} has {actual:,} bytes, the checkpoint expects at least {size:,}"
        )
    if actual > size:
        with open(path, "r+b") as handle:
            handle.truncate(size)
