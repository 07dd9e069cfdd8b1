"""Names the checker can recognise: knowledge-base names plus external vocabularies.

The knowledge base gives the names that lead to an assessment. DrugBank/MeSH drug
names and ICD-10-CM condition titles (exported once by ``scripts/build_vocab.py``)
let a claim about something the knowledge base does not know still be reported as
NOT_IN_KB, with both names normalised.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from claimcheck.kb.load import KnowledgeBase

KINDS = ("intervention", "condition")


@dataclass(frozen=True, slots=True)
class Entry:
    """What a surface form stands for."""

    kind: str
    id: str | None
    name: str
    source: str


@dataclass
class KBVocabulary:
    """Surface forms of knowledge-base entries, ready for the matchers."""

    phrases: dict[str, Entry] = field(default_factory=dict)  # lower-cased form → entry
    abbreviations: dict[str, Entry] = field(default_factory=dict)  # case-sensitive form → entry
    fuzzy_names: list[str] = field(default_factory=list)  # forms eligible for misspelling matches
    fuzzy_entries: list[Entry] = field(default_factory=list)

    @classmethod
    def from_kb(cls, kb: KnowledgeBase) -> KBVocabulary:
        """Collect every name, synonym, brand, misspelling and abbreviation."""
        vocab = cls()
        for kind in KINDS:
            table = kb.interventions if kind == "intervention" else kb.conditions
            for record in table.values():
                entry = Entry(kind, record.id, record.name, "kb")
                for form, fname, _ in _forms(record):
                    if fname == "abbreviations":
                        vocab.abbreviations.setdefault(form, entry)
                        continue
                    key = form.lower()
                    vocab.phrases.setdefault(key, entry)
                    if fname != "misspellings" and len(key) >= 5 and len(key.split()) <= 3:
                        vocab.fuzzy_names.append(key)
                        vocab.fuzzy_entries.append(entry)
        return vocab



def _forms(record: object) -> list[tuple[str, str, str]]:
    out = [(record.name, "name", record.id)]  # type: ignore[attr-defined]
    for fname in ("synonyms", "brands", "abbreviations", "misspellings"):
        for value in getattr(record, fname, ()):
            out.append((value, fname, record.id))  # type: ignore[attr-defined]
    return out


@dataclass(frozen=True)
class ExternalVocabulary:
    """Drug and condition names from outside the knowledge base, keyed by lower-cased n-gram.

    Each value is one string, "kind<TAB>display name<TAB>source": about 80,000 names
    take a third less memory than with a tuple of three strings each, in every
    process of a scan.
    """

    names: dict[str, str]  # name → "kind\tdisplay name\tsource"
    max_words: int

    def lookup(self, ngram: str) -> Entry | None:
        """The entry for a lower-cased n-gram, if any."""
        row = self.names.get(ngram)
        if row is None:
            return None
        kind, name, source = row.split("\t")
        return Entry(kind, None, name, source)

    def kinds(self) -> Iterator[tuple[str, str]]:
        """(name, kind) for every name."""
        for name, row in self.names.items():
            yield name, row[: row.index("\t")]


def _read_tsv(name: str) -> list[list[str]]:
    text = (resources.files("claimcheck.vocab") / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@lru_cache(maxsize=1)
def english_ranks() -> dict[str, int]:
    """Frequent English words with their frequency rank (0 = most frequent)."""
    text = (resources.files("claimcheck.vocab") / "english-words.txt").read_text(encoding="utf-8")
    words = [line for line in text.splitlines() if line and not line.startswith("#")]
    return {w: i for i, w in enumerate(words)}


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Frequent English words: never corrected into a drug or disease name."""
    return frozenset(english_ranks())


@lru_cache(maxsize=4)
def external_vocabulary(gazetteer: str = "") -> ExternalVocabulary:
    """Load the exported DrugBank/MeSH and ICD-10-CM tables (once per process).

    ``gazetteer`` is the path of a ``gazetteer.tsv`` written by ``claimcheck train``
    (names annotated in the corpus's training split); its names are added where
    the tables lack them. Empty: no gazetteer. The merged table is cached as JSON
    in the user's cache folder, which loads several times faster than the TSVs.
    """
    from claimcheck.kb.load import cached_json

    folder = Path(str(resources.files("claimcheck.vocab")))
    sources = [folder / "conditions.tsv", folder / "drugs.tsv"] + ([Path(gazetteer)] if gazetteer else [])
    names = cached_json("external-vocab-3", sources, lambda: _merge_tables(gazetteer))
    return ExternalVocabulary(names, max_words=4)


def _merge_tables(gazetteer: str) -> dict[str, str]:
    names: dict[str, str] = {}
    if gazetteer and Path(gazetteer).is_file():
        for line in Path(gazetteer).read_text(encoding="utf-8").splitlines():
            row = line.split("\t")
            if line and not line.startswith("#") and len(row) >= 2:
                names[row[0]] = f"{row[1]}\t{row[0]}\tcorpus"
    for row in _read_tsv("conditions.tsv"):
        if not _opens_with_common_word(row[0]):
            names[row[0]] = f"condition\t{row[2]}\ticd10cm:{row[1]}"
    for row in _read_tsv("drugs.tsv"):
        if not _opens_with_common_word(row[0]):
            names[row[0]] = f"intervention\t{row[1]}\t{f'drugbank:{row[2]}' if row[2] else 'mesh'}"
    return names


#: Table names opening with one of the most frequent English words ("s ...", "small ...", "in situ ...",
#: "long qt syndrome": 643 of about 80,000) are left out: almost none is a name people use in health
#: claims, and keeping them would make every "in" or "long" a candidate for a table look-up.
COMMON_RANK = 300


def _opens_with_common_word(name: str) -> bool:
    runs = re.findall(r"[a-z0-9]+", name)
    return bool(runs) and english_ranks().get(runs[0], COMMON_RANK) < COMMON_RANK


@lru_cache(maxsize=4)
def external_first_words(gazetteer: str = "") -> frozenset[str]:
    """First words of every external name: a cheap test before the tables are loaded."""
    text = (resources.files("claimcheck.vocab") / "first-words.txt").read_text(encoding="utf-8")
    ranks = english_ranks()
    words = {line for line in text.splitlines() if line and not line.startswith("#") and ranks.get(line, COMMON_RANK) >= COMMON_RANK}
    if gazetteer and Path(gazetteer).is_file():
        for line in Path(gazetteer).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                name = line.split("\t")[0]
                words.add(name.split()[0])
                words.update(re.findall(r"[a-z0-9]+", name)[:1])
    return frozenset(words)


def bundled_gazetteer() -> str:
    """Path of the gazetteer shipped with the bundled models, or "" if there is none."""
    from claimcheck.kb.load import KnowledgeBaseError, packaged_path

    try:
        path = packaged_path("models") / "claim-models" / "gazetteer.tsv"
    except KnowledgeBaseError:
        return ""
    return str(path) if path.is_file() else ""
