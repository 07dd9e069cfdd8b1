"""Read ``knowledge/`` into a :class:`KnowledgeBase` with its indexes built once.

Parsing a thousand YAML files takes longer than a one-line ``claimcheck check``
may, so the parsed records are cached as one JSON file in the user's cache
folder, keyed by the names, sizes and modification times of the source files.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import orjson
import yaml

from claimcheck.errors import KnowledgeBaseError
from claimcheck.kb.schema import (
    RECORD_KINDS,
    Assessment,
    Condition,
    Intervention,
    Meta,
    Outcome,
    Record,
    StopList,
    Study,
)

ENV_KB = "CLAIMCHECK_KB"
ENV_CACHE = "CLAIMCHECK_CACHE_DIR"
CACHE_FORMAT = 2


def packaged_path(name: str) -> Path:
    """Location of a bundled data folder (``knowledge`` or ``models``).

    Installed wheels carry it in ``claimcheck/_data/``; a source checkout has it
    at the top level, next to ``pyproject.toml``.
    """
    bundled = Path(str(resources.files("claimcheck") / "_data" / name))
    if bundled.is_dir():
        return bundled
    checkout = Path(str(resources.files("claimcheck"))).resolve().parent
    if (checkout / "pyproject.toml").is_file() and (checkout / name).is_dir():
        return checkout / name
    raise KnowledgeBaseError(f"bundled data folder {name!r} not found; reinstall claimcheck")


def default_kb_path() -> Path:
    """``$CLAIMCHECK_KB`` if set, otherwise the bundled knowledge base."""
    env = os.environ.get(ENV_KB)
    return Path(env) if env else packaged_path("knowledge")


@dataclass(frozen=True, slots=True)
class SourceFile:
    """Where a record came from, for error messages."""

    path: Path
    kind: str


@dataclass
class KnowledgeBase:
    """All records plus the lookups the checker needs."""

    root: Path
    meta: Meta
    interventions: dict[str, Intervention] = field(default_factory=dict)
    conditions: dict[str, Condition] = field(default_factory=dict)
    studies: dict[str, Study] = field(default_factory=dict)
    assessments: dict[str, Assessment] = field(default_factory=dict)
    stop_synonyms: dict[str, str] = field(default_factory=dict)
    by_pair: dict[tuple[str, str], Assessment] = field(default_factory=dict)
    _found: dict[tuple[str, str, str], tuple[Assessment, Outcome, str] | None] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.by_pair = {(a.intervention, a.condition): a for a in self.assessments.values()}

    @property
    def version(self) -> str:
        """The knowledge base's version, carried by every result."""
        return self.meta.version

    def entity(self, kind: str, entity_id: str) -> Intervention | Condition | None:
        """Look up an intervention or condition by id."""
        table = self.interventions if kind == "intervention" else self.conditions
        return table.get(entity_id)

    @staticmethod
    def _lineage(table: dict[str, Any], start: str, *links: str) -> list[str]:
        """``start`` and the entries its links lead to, nearest first (the first link a record sets is followed)."""
        lineage: list[str] = []
        current: str | None = start
        while current and current not in lineage:  # a cycle is cut, not followed
            lineage.append(current)
            record = table.get(current)
            current = next((p for p in (getattr(record, link) for link in links) if p), None) if record else None
        return lineage

    def condition_lineage(self, condition_id: str) -> list[str]:
        """The condition and its ancestors, nearest first."""
        return self._lineage(self.conditions, condition_id, "parent")

    def intervention_lineage(self, intervention_id: str) -> list[str]:
        """The intervention and the entries it is a variant or a member of, nearest first."""
        return self._lineage(self.interventions, intervention_id, "variant_of", "member_of")

    def intervention_classes(self, intervention_id: str) -> list[str]:
        """The intervention and the classes whose evidence covers it (``member_of``), nearest first."""
        return self._lineage(self.interventions, intervention_id, "member_of")

    def specific_intervention(self, intervention_id: str, condition_id: str) -> str | None:
        """The intervention a general entry stands for with this condition (``specific_for``), looked up for the
        condition and then its ancestors: "vaccines prevent long covid" is about COVID-19 vaccines."""
        record = self.interventions.get(intervention_id)
        if record is None or not record.specific_for:
            return None
        return next((record.specific_for[c] for c in self.condition_lineage(condition_id) if c in record.specific_for), None)

    def find_outcome(self, intervention_id: str, condition_id: str, relation: str) -> tuple[Assessment, Outcome, str] | None:
        """The assessment outcome for a claim, walking up the condition hierarchy.

        Returns the assessment, the outcome and the condition id it was found
        for (a parent of ``condition_id`` when nothing more specific exists).
        When the intervention has none, the classes it is a member of are tried
        in turn (ibuprofen → NSAIDs; the assessment names the class). Dose
        variants are never replaced by their parent: low-dose naltrexone is not
        naltrexone.
        """
        key = (intervention_id, condition_id, relation)
        if key not in self._found:  # records do not change once loaded: each lookup is made once
            self._found[key] = self._find_outcome(intervention_id, condition_id, relation)
        return self._found[key]

    def _find_outcome(self, intervention_id: str, condition_id: str, relation: str) -> tuple[Assessment, Outcome, str] | None:
        for intervention in self.intervention_classes(intervention_id):
            for condition in self.condition_lineage(condition_id):
                assessment = self.by_pair.get((intervention, condition))
                if assessment is None:
                    continue
                for outcome in assessment.outcomes:
                    if outcome.relation == relation:
                        return assessment, outcome, condition
        return None

    def names(self, kind: str) -> Iterator[tuple[str, str, str]]:
        """Every (surface form, field, id) of interventions or conditions."""
        table = self.interventions if kind == "intervention" else self.conditions
        for record in table.values():
            yield record.name, "name", record.id
            for fname in ("synonyms", "brands", "abbreviations", "misspellings"):
                for value in getattr(record, fname, ()):
                    yield value, fname, record.id


def iter_record_files(root: Path) -> Iterator[tuple[str, Path]]:
    """(folder kind, path) of every record file, sorted for reproducibility."""
    for kind in RECORD_KINDS:
        folder = root / kind
        if folder.is_dir():
            for path in sorted(folder.glob("*.yaml")):
                yield kind, path


def read_yaml(path: Path) -> Any:
    """Parse one YAML file with the C loader when available."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open("rb") as handle:
        return yaml.load(handle, Loader=loader)


def _fingerprint(sources: Path | list[Path]) -> str:
    """Hash of the names, sizes and modification times of a KB folder's files (or of a list of files)."""
    if isinstance(sources, Path):
        root = sources
        files = [root / "kb.yaml", root / "lexicon" / "stop-synonyms.yaml"]
        digest = hashlib.sha256(str(root.resolve()).encode())
        for kind in RECORD_KINDS:
            try:
                with os.scandir(root / kind) as entries:
                    for entry in sorted(entries, key=lambda e: e.name):
                        if entry.name.endswith(".yaml"):
                            stat = entry.stat()
                            digest.update(f"{kind}/{entry.name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
            except FileNotFoundError:
                continue
    else:
        files, digest = sources, hashlib.sha256()
    for path in files:
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        digest.update(f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:32]


def _cache_dir() -> Path:
    env = os.environ.get(ENV_CACHE)
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "claimcheck"


def read_raw(root: Path) -> dict[str, Any]:
    """All records of ``root`` as plain data: ``{kind: {id: dict}}``, plus meta and stop list."""
    raw: dict[str, Any] = {kind: {} for kind in RECORD_KINDS}
    for kind, path in iter_record_files(root):
        data = read_yaml(path)
        if isinstance(data, dict) and "id" in data:
            raw[kind][str(data["id"])] = data
    meta_path = root / "kb.yaml"
    raw["meta"] = read_yaml(meta_path) if meta_path.is_file() else {"version": "unversioned"}
    stop_path = root / "lexicon" / "stop-synonyms.yaml"
    raw["stop"] = read_yaml(stop_path) if stop_path.is_file() else {"words": []}
    return raw


def _cached_raw(root: Path, use_cache: bool) -> dict[str, Any]:
    if not use_cache:
        return read_raw(root)
    return cached_json(f"kb-{CACHE_FORMAT}", root, lambda: read_raw(root))


def cached_json(name: str, sources: Path | list[Path], build: Callable[[], Any]) -> Any:
    """A JSON-serialisable value derived from a KB folder (or a list of files), cached under their fingerprint."""
    cache = _cache_dir() / f"{name}-{_fingerprint(sources)}.json"
    try:
        return orjson.loads(cache.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        pass
    value = build()
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(orjson.dumps(value))
        os.replace(tmp, cache)
    except OSError:
        pass
    return value


def load_kb(root: Path | str | None = None, *, use_cache: bool = True) -> KnowledgeBase:
    """Load and validate the knowledge base.

    Args:
        root: the ``knowledge/`` folder; defaults to :func:`default_kb_path`.
        use_cache: reuse the parsed form cached for these exact files.

    Raises:
        KnowledgeBaseError: the folder is missing or a record is invalid
            (run ``claimcheck kb validate`` for the full list).
    """
    path = Path(root) if root is not None else default_kb_path()
    if not path.is_dir():
        raise KnowledgeBaseError(f"knowledge base folder not found: {path}")
    try:
        raw = _cached_raw(path, use_cache)
        tables: dict[str, dict[str, Record]] = {}
        for kind, model in RECORD_KINDS.items():
            tables[kind] = {rid: model.model_validate(data) for rid, data in raw[kind].items()}
        meta = Meta.model_validate(raw["meta"])
        stop = StopList.model_validate(raw["stop"])
    except (ValueError, yaml.YAMLError) as exc:
        first = str(exc).splitlines()[0]
        raise KnowledgeBaseError(f"invalid knowledge base at {path}: {first} (run 'claimcheck kb validate')") from exc
    return KnowledgeBase(
        root=path,
        meta=meta,
        interventions=tables["interventions"],  # type: ignore[arg-type]
        conditions=tables["conditions"],  # type: ignore[arg-type]
        studies=tables["studies"],  # type: ignore[arg-type]
        assessments=tables["assessments"],  # type: ignore[arg-type]
        stop_synonyms={w.word.lower(): w.reason for w in stop.words},
    )
