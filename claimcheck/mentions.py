"""Component ``claimcheck_mentions``: find interventions and conditions in a Doc.

Four sources, in order of trust: knowledge-base names (phrase matching on
lower-cased text), ambiguous abbreviations checked in context (MS, RA), common
misspellings (rapidfuzz, only for words that are not ordinary English), and
external vocabularies (DrugBank/MeSH drugs, ICD-10-CM conditions) for names the
knowledge base does not know. Results go to ``doc.spans[spans_key]`` (label
INTERVENTION or CONDITION, ``kb_id_`` set) and ``doc._.claimcheck_mentions``.
"""

from __future__ import annotations

from collections.abc import Iterable

import spacy.about
from rapidfuzz import fuzz
from rapidfuzz.process import extractOne
from spacy.attrs import IDX, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from claimcheck.abbreviations import abbreviation_fits
from claimcheck.doctext import doc_text
from claimcheck.kb.load import KnowledgeBase, cached_json, load_kb
from claimcheck.results import Mention
from claimcheck.rules import load_rules
from claimcheck.vocabulary import (
    Entry,
    KBVocabulary,
    bundled_gazetteer,
    english_words,
    external_first_words,
    external_vocabulary,
)

LABELS = {"intervention": "INTERVENTION", "condition": "CONDITION"}
#: Heads that coordinated names share ("flu and pneumonia vaccines").
SHARED_HEADS = frozenset({"vaccine", "vaccines", "vaccination", "vaccinations", "shot", "shots", "jab", "jabs"})
FUZZY_CUTOFF = 88.0
FUZZY_MIN_LENGTH = 6
FUZZY_MAX_LENGTH_CHANGE = 2


def _tokenize(nlp: Language, forms: list[str]) -> dict[str, list[str]]:
    return {form: [t.text for t in doc] for form, doc in zip(forms, nlp.tokenizer.pipe(forms))}


class _Words:
    """The tokens' texts and offsets, to cut lower-cased spans without building Span objects."""

    __slots__ = ("_doc", "_idx", "texts")

    def __init__(self, doc: Doc, texts: list[str]) -> None:
        self.texts = texts
        self._doc = doc
        self._idx: list[int] | None = None

    @property
    def text(self) -> str:
        """``doc.text``."""
        return doc_text(self._doc)

    def lower(self, start: int, end: int) -> str:
        """``doc[start:end].text.lower()``."""
        if self._idx is None:
            self._idx = self._doc.to_array(IDX).tolist()
        return self.text[self._idx[start] : self._idx[end - 1] + len(self.texts[end - 1])].lower()


def _fuzzy_buckets(vocab: KBVocabulary) -> dict[tuple[str, int], tuple[list[str], list[Entry]]]:
    """Names a misspelling may stand for, by (first letter, length of the misspelling).

    A misspelling keeps the name's first letter and is at most two characters longer
    or shorter; each bucket keeps the vocabulary's order, so ties go to the same name.
    """
    buckets: dict[tuple[str, int], tuple[list[str], list[Entry]]] = {}
    for name, entry in zip(vocab.fuzzy_names, vocab.fuzzy_entries):
        for length in range(len(name) - FUZZY_MAX_LENGTH_CHANGE, len(name) + FUZZY_MAX_LENGTH_CHANGE + 1):
            names, entries = buckets.setdefault((name[0], length), ([], []))
            names.append(name)
            entries.append(entry)
    return buckets


class MentionFinder:
    """Finds intervention and condition mentions; one instance per pipeline."""

    def __init__(
        self,
        nlp: Language,
        name: str = "claimcheck_mentions",
        *,
        kb: KnowledgeBase | None = None,
        spans_key: str = "claimcheck_mentions",
        fuzzy: bool = True,
        external: bool = True,
        gazetteer: bool | str = True,
    ) -> None:
        self.name = name
        self.gazetteer = bundled_gazetteer() if gazetteer is True else gazetteer or ""
        self.spans_key = spans_key
        self.fuzzy = fuzzy
        self.external = external
        self.rules = load_rules()
        self.kb = kb if kb is not None else load_kb()
        self.vocab = KBVocabulary.from_kb(self.kb)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._entries: dict[str, Entry] = {}
        patterns: dict[str, list[Doc]] = {}
        tokens = cached_json(f"tokens-{spacy.about.__version__}", self.kb.root, lambda: _tokenize(nlp, list(self.vocab.phrases)))
        for form, entry in self.vocab.phrases.items():
            key = f"{entry.kind}|{entry.id}"
            self._entries[key] = entry
            words = tokens.get(form) or [t.text for t in nlp.make_doc(form)]
            patterns.setdefault(key, []).append(Doc(nlp.vocab, words=words))
        for key, docs in patterns.items():
            self.matcher.add(key, docs)
        self._fuzzy_buckets = _fuzzy_buckets(self.vocab)
        self._abbr_lower = {
            form.lower(): entry for form, entry in self.vocab.abbreviations.items() if form.lower() in self.rules.abbr_lowercase
        }
        if not Doc.has_extension("claimcheck_mentions"):
            Doc.set_extension("claimcheck_mentions", default=[])

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings  # the tokens' texts, shared by the steps below (no Token objects built)
        texts = [strings[orth] for orth in doc.to_array(ORTH).tolist()]
        spans: list[tuple[Span, Mention]] = []
        guarded: set[int] = set()  # words a guard ruled out: no misspelling or external name may claim them either
        for match_id, start, end in self.matcher(doc):
            if self._guarded_out(texts, start, end):
                guarded.update(range(start, end))
                continue
            if self._describes_a_noun(texts, start, end):
                continue
            entry = self._entries[strings[match_id]]
            spans.append(self._make(doc, start, end, entry, "kb", 1.0))
        spans.extend(self._abbreviations(doc, texts))
        spans = self._with_organ_phrases(doc, spans)
        spans = self._shared_heads(doc, texts, spans)
        spans = self._joined_conditions(doc, spans)
        spans = self._stopped_exposures(doc, spans)
        covered = {i for span, _ in spans for i in range(span.start, span.end)} | guarded
        words = _Words(doc, texts)
        if self.fuzzy:
            spans.extend(self._misspellings(doc, words, covered))
        if self.external:
            spans.extend(self._external(doc, words, spans, guarded))
        spans = [(span, m) for span, m in spans if not self._is_state(doc, span, m)]
        by_span = {(s.start, s.end, s.label_): m for s, m in spans}
        kept = sorted(filter_spans([s for s, _ in spans]), key=lambda s: s.start)
        doc.spans[self.spans_key] = kept
        doc._.claimcheck_mentions = [by_span[(s.start, s.end, s.label_)] for s in kept]
        return doc

    def _describes_a_noun(self, texts: list[str], start: int, end: int) -> bool:
        """A name that is also an adjective ("a cold") followed by a word that may be its noun ("a cold shower")."""
        if end >= len(texts) or " ".join(texts[start:end]).lower() not in self.rules.adjective_names:
            return False
        following = texts[end]
        return following[:1].isalpha() and following.lower() not in self.rules.phrase_enders

    def _guarded_out(self, texts: list[str], start: int, end: int) -> bool:
        """An everyday word used as a name ("sugar") beside a word that makes it something else ("blood sugar",
        "sugar pill", "sugar-free")."""
        guard = self.rules.guarded_names.get(" ".join(texts[start:end]).lower())
        if guard is None:
            return False
        after, before = guard
        following = end + 1 if end + 1 < len(texts) and texts[end] == "-" else end
        return (start > 0 and texts[start - 1].lower() in after) or (following < len(texts) and texts[following].lower() in before)

    @staticmethod
    def _make(doc: Doc, start: int, end: int, entry: Entry, source: str, score: float) -> tuple[Span, Mention]:
        span = Span(doc, start, end, label=LABELS[entry.kind], kb_id=entry.id or "")
        mention = Mention(
            kind=entry.kind, text=span.text, start=span.start_char, end=span.end_char,
            id=entry.id, name=entry.name, source=source, score=round(score, 3),
        )
        return span, mention

    def _shared_heads(self, doc: Doc, texts: list[str], spans: list[tuple[Span, Mention]]) -> list[tuple[Span, Mention]]:
        """A condition coordinated with a vaccine shares its head: in "flu and pneumonia vaccines" "flu" names the
        flu vaccine, when the knowledge base knows that name ("flu vaccines"), not the disease."""
        heads = [(span, m) for span, m in spans if m.kind == "intervention" and texts[span.end - 1].lower() in SHARED_HEADS]
        if not heads:
            return spans
        conditions = {span.end: (span, m) for span, m in spans if m.kind == "condition"}
        replaced: dict[int, tuple[Span, Mention]] = {}
        for head, _ in heads:
            word, link = texts[head.end - 1].lower(), head.start - 1  # walk left along "a, b and c vaccines"
            while link >= 1 and texts[link].lower() in ("and", "or", ",", "&", "/"):
                found = conditions.get(link) or (conditions.get(link - 1) if texts[link - 1] == "," else None)
                entry = self.vocab.phrases.get(f"{found[0].text.lower()} {word}") if found else None
                if found is None or entry is None or entry.kind != "intervention":
                    break
                span = found[0]
                replaced[id(span)] = self._make(doc, span.start, span.end, entry, "kb-coordination", 0.9)
                link = span.start - 1
        return [replaced.get(id(span), (span, m)) for span, m in spans]

    def _with_organ_phrases(self, doc: Doc, spans: list[tuple[Span, Mention]]) -> list[tuple[Span, Mention]]:
        """The spans with the organ phrases added; an organ phrase replaces an intervention name within its words
        ("zinc boosts testosterone": testosterone levels, not testosterone therapy). A longer name keeps its words."""
        organs = list(self._organ_phrases(doc, spans))
        if not organs:
            return spans
        inside = [(span.start, span.end) for span, _ in organs]
        kept = [(s, m) for s, m in spans if m.kind != "intervention" or not any(a <= s.start and s.end <= b for a, b in inside)]
        return kept + organs

    def _organ_phrases(self, doc: Doc, spans: list[tuple[Span, Mention]]) -> Iterable[tuple[Span, Mention]]:
        """An organ right after a verb of its group names a condition: "destroys your liver" (liver disease), "weakens the
        immune system", "detoxes the liver" (toxin build-up), "protects the liver" (rules/organ-phrases.yaml). An organ
        that is already a name keeps it."""
        lower = doc_text(doc).lower()
        if self.rules.organ_phrase_search is None or self.rules.organ_phrase_search.search(lower) is None:
            return  # one search for every phrase: most texts hold none
        taken = {i for span, m in spans if m.kind == "condition" for i in range(span.start, span.end)}
        for phrase in self.rules.organ_phrases:
            for match in phrase.pattern.finditer(lower):
                span = doc.char_span(match.start("organ"), match.end("organ"))
                if span is None or taken.intersection(range(span.start, span.end)):
                    continue
                entry = self._entries.get(f"condition|{phrase.conditions[match.group('organ')]}")
                if entry is not None:
                    taken.update(range(span.start, span.end))
                    yield self._make(doc, span.start, span.end, entry, "organ", 0.9)

    def _joined_conditions(self, doc: Doc, spans: list[tuple[Span, Mention]]) -> list[tuple[Span, Mention]]:
        """Two condition names side by side that name one condition (rules/condition-heads.yaml): a general head
        ("flu infections" names the flu, once) or a symptom of the disease before it ("my MS fatigue" names fatigue)."""
        heads, symptoms = self.rules.general_heads, self.rules.symptoms
        second = {span.start: (span, m) for span, m in spans if m.kind == "condition" and (m.id in heads or m.id in symptoms)}
        if not second:
            return spans
        out: list[tuple[Span, Mention]] = []
        absorbed: set[int] = set()
        for span, m in spans:
            found = second.get(span.end) if m.kind == "condition" and m.id not in heads else None
            if found is not None and id(found[0]) not in absorbed:
                kept = m if found[1].id in heads else found[1]
                entry = self._entries.get(f"condition|{kept.id}")
                if entry is not None:
                    absorbed.add(id(found[0]))
                    out.append(self._make(doc, span.start, found[0].end, entry, kept.source, kept.score))
                    continue
            out.append((span, m))
        return [(span, m) for span, m in out if id(span) not in absorbed]

    def _stopped_exposures(self, doc: Doc, spans: list[tuple[Span, Mention]]) -> list[tuple[Span, Mention]]:
        """A condition named by stopping an intervention ("quitting smoking", tobacco dependence) is that intervention,
        stopped, when the text names another condition and no intervention: "quitting smoking lowers the risk of lung
        cancer" is about smoking (the claim reader turns it round). "X helps you quit smoking" keeps the condition."""
        conditions = [span for span, m in spans if m.kind == "condition"]
        if len(conditions) < 2 or any(
            m.kind == "intervention" and not any(c.start <= span.start and span.end <= c.end for c in conditions)
            for span, m in spans
        ):
            return spans
        return [(self._stopped_intervention(doc, span) if m.kind == "condition" else None) or (span, m) for span, m in spans]

    def _is_state(self, doc: Doc, span: Span, mention: Mention) -> bool:
        """A substance followed by "levels", "status", "deficiency"...: a state of the body, not an intervention
        ("vitamin D levels under 30 raise covid mortality"). Exposures keep their levels ("fluoride levels"), not their
        withdrawal ("cannabis withdrawal can cause irritability")."""
        if mention.kind != "intervention":
            return False
        if self.rules.withdrawal.match(doc_text(doc), span.end_char) is not None:  # "cannabis withdrawal"
            return True
        entry = self.kb.interventions.get(mention.id) if mention.id is not None else None
        if entry is not None and entry.kind == "exposure":
            return False
        return self.rules.states.match(doc_text(doc), span.end_char) is not None

    def _stopped_intervention(self, doc: Doc, span: Span) -> tuple[Span, Mention] | None:
        """The intervention a condition name stops ("quitting smoking" → smoking), if it names one."""
        lower = span.text.lower()
        for k in range(span.start + 1, span.end):
            cut = doc[k].idx - span.start_char
            entry = self.vocab.phrases.get(lower[cut:])
            if entry is not None and entry.kind == "intervention" and self.rules.cessation.match(lower, 0, cut):
                return self._make(doc, k, span.end, entry, "kb", 1.0)
        return None

    def _abbreviations(self, doc: Doc, texts: list[str]) -> Iterable[tuple[Span, Mention]]:
        for i, text in enumerate(texts):
            if text.isdigit() and i + 1 < len(texts) and not doc[i].whitespace_:
                # The tokenizer cuts a number off its unit ("5G" → "5", "G"): an abbreviation may span both,
                # in its own case only ("5g of sugar" is grams).
                entry = self.vocab.abbreviations.get(text + texts[i + 1])
                if entry is not None and abbreviation_fits(doc, i + 1, exact=True, rules=self.rules):
                    yield self._make(doc, i, i + 2, entry, "kb-abbreviation", 0.9)
                continue
            entry = self.vocab.abbreviations.get(text)
            exact = entry is not None
            if entry is None and text.islower():
                entry = self._abbr_lower.get(text)
            if entry is None:
                continue
            if abbreviation_fits(doc, i, exact=exact, rules=self.rules):
                yield self._make(doc, i, i + 1, entry, "kb-abbreviation", 0.9)

    def _misspellings(self, doc: Doc, words: _Words, covered: set[int]) -> Iterable[tuple[Span, Mention]]:
        if not self.vocab.fuzzy_names:
            return
        texts = words.texts
        common = english_words()
        candidates: list[tuple[int, int, str]] = []
        for i, text in enumerate(texts):
            if i in covered or not text.isalpha():
                continue
            low = text.lower()
            if len(low) < 3 or low in common or low in self.rules.fuzzy_stop:
                continue
            if len(low) >= FUZZY_MIN_LENGTH:
                candidates.append((i, i + 1, low))
            for width in (2, 3):
                end = i + width
                if end <= len(doc) and not any(j in covered for j in range(i, end)):
                    candidates.append((i, end, words.lower(i, end)))
            if i > 0 and i - 1 not in covered and texts[i - 1].isalpha():
                candidates.append((i - 1, i + 1, words.lower(i - 1, i + 1)))
        for start, end, text in candidates:
            bucket = self._fuzzy_buckets.get((text[0], len(text)))
            if bucket is None:
                continue
            names, entries = bucket
            best = extractOne(text, names, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            if best is not None:
                yield self._make(doc, start, end, entries[best[2]], "kb-fuzzy", best[1] / 100)

    def _external(
        self, doc: Doc, words: _Words, found: list[tuple[Span, Mention]], guarded: set[int],
    ) -> Iterable[tuple[Span, Mention]]:
        """Names outside the KB, in sentences with a predicate cue, on words no KB name covers (nor a guard rules out).

        Only tokens that begin some external name are tried, longest name first.
        """
        covered = {i for span, _ in found for i in range(span.start, span.end)} | guarded
        first = external_first_words(self.gazetteer)
        starts = [i for i, text in enumerate(words.texts) if text.lower() in first and i not in covered]
        if not starts:
            return
        vocab = None
        for sent in doc.sents if doc.has_annotation("SENT_START") else [doc[:]]:
            here = [i for i in starts if sent.start <= i < sent.end]
            if not here or not self.rules.cue_search.search(words.text[sent.start_char : sent.end_char].lower()):
                continue
            vocab = vocab or external_vocabulary(self.gazetteer)
            taken = -1
            for start in here:
                if start <= taken:
                    continue
                for width in range(min(vocab.max_words, sent.end - start), 0, -1):
                    end = start + width
                    if any(i in covered for i in range(start, end)):
                        continue
                    key = words.lower(start, end)
                    entry = vocab.lookup(key)
                    if entry is not None:
                        yield self._make(doc, start, end, entry, entry.source.split(":")[0], 0.8)
                        taken = end - 1
                        break


@Language.factory(
    "claimcheck_mentions",
    assigns=["doc.spans", "doc._.claimcheck_mentions"],
    default_config={"spans_key": "claimcheck_mentions", "fuzzy": True, "external": True, "gazetteer": True, "kb_path": None},
)
def make_mention_finder(
    nlp: Language, name: str, spans_key: str, fuzzy: bool, external: bool, gazetteer: bool | str, kb_path: str | None
) -> MentionFinder:
    """Factory: ``nlp.add_pipe("claimcheck_mentions")`` (needs a sentencizer before it).

    ``gazetteer``: True for the bundled corpus-learned names, a path for another
    ``gazetteer.tsv``, False for none.
    """
    kb = load_kb(kb_path) if kb_path else None
    return MentionFinder(nlp, name, kb=kb, spans_key=spans_key, fuzzy=fuzzy, external=external, gazetteer=gazetteer)
