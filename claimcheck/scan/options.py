"""The settings of one scan, shared (pickled) with every worker."""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import orjson

DEFAULT_CHECKER = "claimcheck.checker:Checker"
DEFAULT_BATCH_BYTES = 512 * 1024
DEFAULT_MAX_RECORD_BYTES = 1024 * 1024

FORMATS = ("jsonl", "csv", "tsv", "text")


@dataclass(frozen=True, slots=True)
class ScanOptions:
    """What to read from each record and what to write.

    Attributes:
        text_fields: Field names or dotted paths whose values are joined (blank
            line between) into the post text. Unused for plain text.
        id_field: Field holding the post id; a record without it gets ``null``.
        time_field: Field holding the post time (ISO date or unix seconds).
        paragraphs: Plain text only: posts are separated by blank lines
            instead of one post per line.
        prefilter: Call ``checker.may_contain_claim`` before the full check.
        emit_all: Write every post, not only those holding a claim.
        max_record_bytes: Longer records are rejected without being parsed.
        batch_bytes: Approximate size of the raw batches sent to workers.
        checker: Checker factory as ``"module:attribute"``.
    """

    text_fields: tuple[str, ...] = ("text",)
    id_field: str | None = "id"
    time_field: str | None = None
    paragraphs: bool = False
    prefilter: bool = True
    emit_all: bool = False
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES
    batch_bytes: int = DEFAULT_BATCH_BYTES
    checker: str = DEFAULT_CHECKER

    def fingerprint(self) -> str:
        """Hash of every setting that changes what is written (for --resume)."""
        relevant = asdict(self)
        for key in ("prefilter", "batch_bytes"):
            relevant.pop(key)
        return hashlib.sha1(orjson.dumps(relevant, option=orjson.OPT_SORT_KEYS)).hexdigest()


def check_factory_spec(spec: str) -> None:
    """Check that a factory spec is well formed and its module exists, without importing it.

    The main process of a parallel scan never builds a checker, so it should not
    pay for importing one (spaCy and the knowledge base).

    Raises:
        ValueError: The spec is malformed or its module cannot be found.
    """
    module_name, sep, attribute = spec.partition(":")
    if not sep or not module_name or not attribute:
        raise ValueError(f"checker factory {spec!r} is not of the form 'module:attribute'")
    try:
        found = importlib.util.find_spec(module_name)
    except (ImportError, ValueError) as exc:
        raise ValueError(f"cannot import checker module {module_name!r}: {exc}") from exc
    if found is None:
        raise ValueError(f"cannot import checker module {module_name!r}: no such module")


def resolve_factory(spec: str) -> Callable[[], Any]:
    """Import a checker factory given as ``"package.module:attribute"``.

    Raises:
        ValueError: The spec is malformed or names nothing importable.
    """
    module_name, sep, attribute = spec.partition(":")
    if not sep or not module_name or not attribute:
        raise ValueError(f"checker factory {spec!r} is not of the form 'module:attribute'")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise ValueError(f"cannot import checker module {module_name!r}: {exc}") from exc
    target: Any = module
    for part in attribute.split("."):
        try:
            target = getattr(target, part)
        except AttributeError as exc:
            raise ValueError(f"{module_name!r} has no attribute {attribute!r}") from exc
    if not callable(target):
        raise TypeError(f"checker factory {spec!r} is not callable")
    return target
