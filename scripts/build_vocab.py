"""Export the external vocabularies claimcheck ships, as plain tables.

Run once when the upstream packages change (``pip install '.[vocab]'``):

    python scripts/build_vocab.py

Writes to ``claimcheck/vocab/``:
- ``drugs.tsv``: drug names and brand names (DrugBank open data and MeSH, via the
  drug-named-entity-recognition package, MIT licence, Fast Data Science Ltd). Its data ships as a
  pickle; we read it with an unpickler that refuses every class, so only plain dicts, lists and
  strings can load.
- ``conditions.tsv``: ICD-10-CM code titles and inclusion terms of up to four words (simple-icd-10-cm;
  ICD-10-CM is a US government work in the public domain).
- ``first-words.txt``: the first word of every name in the two tables, so that the tables are loaded only
  when a sentence could hold one of their names.
- ``english-words.txt``: the 60,000 most frequent English words (wordfreq, data CC BY-SA 4.0), used so
  that an ordinary word is never "corrected" into a drug or disease name.
"""

from __future__ import annotations

import bz2
import importlib.util
import pickle
import re
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "claimcheck" / "vocab"
WORD = re.compile(r"^[a-z][a-z0-9' -]*[a-z0-9]$")


class _PlainDataUnpickler(pickle.Unpickler):
    """Loads only built-in containers and scalars; any class reference is refused."""

    def find_class(self, module: str, name: str):  # noqa: ANN201
        raise pickle.UnpicklingError(f"refusing to load {module}.{name}")


def english_words() -> list[str]:
    """Alphabetic words among the 60,000 most frequent, most frequent first (the order is used as a rank)."""
    from wordfreq import top_n_list

    seen: set[str] = set()
    return [w for w in top_n_list("en", 60000) if w.isalpha() and not (w in seen or seen.add(w))]


def drugs(common: set[str]) -> list[tuple[str, str, str, str]]:
    spec = importlib.util.find_spec("drug_named_entity_recognition")
    assert spec and spec.origin
    path = Path(spec.origin).parent / "drug_ner_dictionary.pkl.bz2"
    with bz2.open(path, "rb") as handle:
        data = _PlainDataUnpickler(handle).load()
    rows = []
    canon_data = data["drug_canonical_to_data"]
    for variant, canonicals in data["drug_variant_to_canonical"].items():
        name = variant.strip().lower()
        if len(name) < 4 or len(name.split()) > 4 or not WORD.match(name) or name in common:
            continue
        canonical = canonicals[0]
        info = canon_data.get(canonical, {})
        brand = data["drug_variant_to_variant_data"].get(variant, {}).get("is_brand", False)
        rows.append((name, info.get("name", canonical), info.get("drugbank_id", ""), "brand" if brand else "generic"))
    return sorted(set(rows))


def conditions() -> list[tuple[str, str, str]]:
    import simple_icd_10_cm as cm

    rows = set()
    skip = re.compile(r"\b(other|unspecified|encounter|sequela|initial|subsequent|without|with|due to|history|personal|family|screening|examination|status|contact|exposure|code|right|left|bilateral)\b")
    for code in cm.get_all_codes(with_dots=True):
        titles = [cm.get_description(code)]
        try:
            titles += cm.get_inclusion_terms(code)
        except Exception:  # noqa: BLE001 - not every code kind has inclusion terms
            pass
        for title in titles:
            name = title.strip().lower()
            if len(name) < 4 or len(name.split()) > 4 or not WORD.match(name) or skip.search(name):
                continue
            rows.add((name, code, title.strip()))
    best: dict[str, tuple[str, str, str]] = {}
    for row in sorted(rows):
        best.setdefault(row[0], row)
    return sorted(best.values())


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    words = english_words()
    (OUT / "english-words.txt").write_text(
        "# The 60,000 most frequent English words, most frequent first, from wordfreq (https://github.com/rspeer/wordfreq),\n"
        "# data CC BY-SA 4.0.\n"
        + "\n".join(words) + "\n",
        encoding="utf-8",
    )
    common = set(words)
    drug_rows = drugs(common)
    with (OUT / "drugs.tsv").open("w", encoding="utf-8") as handle:
        handle.write("# Drug names from the drug-named-entity-recognition package (MIT, Fast Data Science Ltd),\n")
        handle.write("# built from DrugBank open data (CC0) and MeSH. Columns: name, canonical, drugbank_id, kind.\n")
        for row in drug_rows:
            handle.write("\t".join(row) + "\n")
    cond_rows = conditions()
    with (OUT / "conditions.tsv").open("w", encoding="utf-8") as handle:
        handle.write("# ICD-10-CM titles and inclusion terms (US public domain) via simple-icd-10-cm. Columns: name, code, title.\n")
        for row in cond_rows:
            handle.write("\t".join(row) + "\n")
    names = [row[0] for row in drug_rows] + [row[0] for row in cond_rows]
    # Both the first whitespace word and the first run of letters and digits, which is what spaCy's
    # tokenizer makes the first token of "5-fluorouracil" or "crohn's disease".
    first = sorted({n.split()[0] for n in names} | {re.findall(r"[a-z0-9]+", n)[0] for n in names if re.findall(r"[a-z0-9]+", n)})
    (OUT / "first-words.txt").write_text(
        "# First words of the names in drugs.tsv and conditions.tsv: a sentence with none of them needs no table look-up.\n"
        + "\n".join(first) + "\n",
        encoding="utf-8",
    )
    print(f"english words {len(words)}, drug names {len(drug_rows)}, condition names {len(cond_rows)}, first words {len(first)}")


if __name__ == "__main__":
    main()
