"""A cheap test on raw text that is sound: False means the checker finds no claim.

A claim needs, in one sentence, a predicate cue, an intervention and a
condition. The test looks for them on the raw string, without spaCy:

1. names of both kinds anywhere in the text (as in 4, on the whole text: one
   pass that turns away most texts, since a piece can pair only if the text can);
2. a predicate cue (the rules' regular expression, searched through the
   literal prefixes of its alternatives: :mod:`claimcheck.literal_guard`);
3. the pieces of text between the places where spaCy's sentencizer surely starts
   a new sentence that hold a cue (the places found in 2 serve every piece);
4. names, in those pieces only: one Aho-Corasick pass over their lower-cased
   words finds every name the pipeline can match (knowledge-base names, the first
   two words of the external tables' names, and the organs that name a condition
   after some verbs: rules/organ-phrases.yaml), abbreviations are looked up
   in their own case, and a word that is not ordinary English may be a
   misspelling of one name.

Every shortcut over-approximates what the pipeline can find, so skipping a text
never loses a claim; ``tests/test_prefilter.py`` checks it against the full
check on the annotated corpus and on generated texts full of hard joins.
"""

from __future__ import annotations

import re
from bisect import bisect, bisect_left
from collections.abc import Iterator
from itertools import accumulate, chain, pairwise
from typing import Any

from spacy.attrs import ORTH
from spacy.language import Language

from claimcheck.rules import Rules
from claimcheck.vocabulary import english_words, external_vocabulary

_ALNUM = re.compile(r"[a-z0-9]+")
_CASED = re.compile(r"[A-Za-z0-9]+")
_LETTERS_DIGITS = re.compile(r"[A-Za-z]+|[0-9]+")
_MIXED = re.compile(r"[0-9](?:(?<=[a-z][0-9])|(?=[a-z]))")  # a letter next to a digit
# For plain-ASCII text as bytes: any character that is not a letter or a digit becomes a space (and letters lower-case).
_CASED_RUNS = bytes(c if chr(c).isalnum() else 32 for c in range(128)) + bytes(128)
_LOWER_RUNS = bytes(c | 32 if chr(c).isalpha() else c if chr(c).isdigit() else 32 for c in range(128)) + bytes(128)
_BOTH = 3
_KIND_BIT = {"intervention": 1, "condition": 2}
_ORGAN = 4  # an organ word ("liver", "energy"): a condition only right after a verb of its group
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_OPENERS = frozenset("(\"'")
# A sentence may begin right after a punctuation token with no space between
# ("great!-cures it"). The cue pattern refuses to start after [\w'-], so, for the
# search only, such a joining character becomes a space (same length, and no cue
# needs one of these characters right after punctuation).
_GLUED = re.compile(r"['_-](?<=[^\w\s'-]['_-])")  # a character class first lets re skip ahead fast


def surely_sentence_ends(text: str, exceptions: frozenset[str]) -> list[int]:
    """Offsets where spaCy's sentencizer is sure to start a new sentence.

    Only after a word of two or more letters standing alone, ended by a single
    "." (when "word." is not a tokenizer exception such as "vs.") or by "!"/"?",
    and followed by white space: there the tokenizer splits the mark off and the
    sentencizer cuts after it. Cutting less often than spaCy keeps the pre-filter
    sound; "Dr. X", "e.g. y", "3.5 mg" and "..." are never cut.
    """
    cuts = []
    for mark in ".!?":  # str.find on each mark, then the word before: three times faster than a regex
        i = text.find(mark)
        while i >= 0:
            after = i + 1
            if after < len(text) and text[after].isspace():
                start = end = i
                if mark != ".":  # a run of "!" and "?" ends here: the word stands before the run
                    while start > 0 and text[start - 1] in "!?":
                        start -= 1
                    end = start
                while start > 0 and text[start - 1] in _ASCII_LETTERS:
                    start -= 1
                standalone = start == 0 or text[start - 1] in _OPENERS or text[start - 1].isspace()
                if end - start >= 2 and standalone and (mark != "." or f"{text[start:end]}." not in exceptions):
                    cuts.append(after)
            i = text.find(mark, after)
    cuts.sort()
    return cuts


def pieces(text: str, exceptions: frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) of the pieces of ``text`` between the places where spaCy surely starts a sentence.

    A piece ends after the sentence mark and the one space spaCy attaches to it,
    so each piece tokenizes and splits into sentences as it does inside the text.
    ``exceptions``: the tokenizer's special cases (``nlp.tokenizer.rules``).
    """
    bounds = [0]
    for cut in surely_sentence_ends(text, exceptions):
        bounds.append(cut + 1 if text[cut] == " " else cut)
    bounds.append(len(text))
    return list(pairwise(bounds))


def _after_question(text: str, pieces: list[tuple[int, int]], i: int) -> bool:
    """Whether the piece before ``pieces[i]`` ends with a question mark: it may only ask about the interventions it
    names, the topic of what ``pieces[i]`` says (:func:`claimcheck.claims.asks_only_about` needs such a mark)."""
    return i > 0 and text[pieces[i - 1][0] : pieces[i - 1][1]].rstrip().endswith("?")


class Prefilter:
    """The pre-filter of one pipeline (built from its mention finder's vocabularies)."""

    def __init__(self, nlp: Language, rules: Rules, *, external: bool) -> None:
        import ahocorasick

        finder = nlp.get_pipe("claimcheck_mentions")
        self._cue = rules.cue_search
        self._pronoun = rules.antecedent_anycase  # may stand for an intervention named in the sentence before
        # The words a cue may stand after, following such a pronoun (claims._subject_pronoun counts [\w'-]+ runs).
        self._reach = re.compile(rf"(?:[^\w'-]*[\w'-]+){{0,{rules.antecedent_reach}}}[^\w'-]*")
        self._fuzzy = bool(finder.fuzzy and finder.vocab.fuzzy_names)
        self._common = english_words()
        # Knowledge-base names whole; names of the external tables by their first two words
        # (a text holding a name holds its first words, and the index is a third smaller).
        self._automaton: Any = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        names = ((form, entry.kind, None) for form, entry in finder.vocab.phrases.items())
        if external and finder.external:
            names = chain(names, ((name, kind, 2) for name, kind in external_vocabulary(finder.gazetteer).kinds()))
        # An organ after a verb of its group names a condition ("destroys your liver": rules/organ-phrases.yaml); the
        # organ alone does not, so a text whose only condition word is an organ is tested against those phrases.
        names = chain(names, ((organ, "organ", None) for organ in rules.organs))
        for name, kind, words in names:
            runs = _ALNUM.findall(name.lower())[:words]
            if runs:
                key = f" {' '.join(runs)} "
                self._automaton.add_word(key, self._automaton.get(key, 0) | _KIND_BIT.get(kind, _ORGAN))
        # The organ phrases as one search through their verbs' literal prefixes (shared with the mention finder).
        self._organ_phrase = rules.organ_phrase_search
        self._automaton.make_automaton()
        self._abbreviations = {form: _KIND_BIT[e.kind] for form, e in finder.vocab.abbreviations.items()}
        self._abbreviations_lower = {form: _KIND_BIT[e.kind] for form, e in finder._abbr_lower.items()}
        self._abbreviation_lowers = {form.lower() for form in self._abbreviations} | self._abbreviations_lower.keys()
        rules_table = nlp.tokenizer.rules or {}
        self._exceptions = frozenset(rules_table)
        # Tokenizer exceptions that cut one run of letters into tokens ("gonna" → "gon", "na").
        self._splits: dict[str, list[str]] = {}
        for key, pieces in rules_table.items():
            if len(pieces) > 1 and _CASED.fullmatch(key):
                orths = "".join(f" {piece.get(ORTH, '')} " for piece in pieces)
                self._splits[key.lower()] = _ALNUM.findall(orths.lower())

    def __call__(self, text: str) -> bool:
        """False guarantees that the checker finds no claim in ``text``."""
        return next(self.candidates(text), None) is not None

    def pieces(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of the pieces of ``text``: see :func:`pieces`."""
        return pieces(text, self._exceptions)

    def candidates(self, text: str) -> Iterator[tuple[int, int]]:
        """The pieces (see :meth:`pieces`) in which the checker may find a claim; it finds none in the others."""
        if not text.isascii() or not self._cue.guarded:
            yield from self._careful_candidates(text)
            return
        # Plain ASCII: lower-casing keeps every offset, so one pass of the cue's literal
        # prefixes over the text serves each piece, and names are looked for only in the
        # pieces that hold a cue (a piece passes _may_pair only if the whole text does).
        if not self._may_pair(text):
            return
        lower = text.lower()
        places = self._cue.places(lower)
        glued = _GLUED.sub(" ", lower)
        glued_places = self._cue.places(glued) if glued != lower else ([], [])
        if not places[0] and not glued_places[0]:
            return
        pieces = self.pieces(text)
        numbered = [
            (i, (start, end))
            for i, (start, end) in enumerate(pieces)
            if self._piece_cue(lower, places, start, end) or self._piece_cue(glued, glued_places, start, end)
        ]
        cued = [piece for _, piece in numbered]
        if len(cued) == 1 and cued[0] == (0, len(text)):  # the whole text, already found to pair
            yield cued[0]
        elif cued:
            paired = self._paired_pieces(text, cued)
            chosen = [piece for piece, ok in zip(cued, paired, strict=True) if ok]
            pending = [
                piece for i, piece in numbered
                if self._pronoun_cue(lower, (places, glued_places), *piece) or _after_question(text, pieces, i)
            ]
            yield from self._with_antecedents(text, pieces, chosen, pending) if pending else chosen

    def _piece_cue(self, lower: str, places: tuple[list[int], list[int]], start: int, end: int) -> bool:
        """``_has_cue``'s search on one piece, from the literal prefixes found in the whole (lower-cased) text.

        A prefix that runs past the piece's end cannot match inside it, and the
        glued form of a piece is the same slice of the glued text (a piece begins
        after white space or with it).
        """
        starts, masks = places
        first, last = bisect_left(starts, start), bisect_left(starts, end)
        if first == last:
            return False
        local = [s - start for s in starts[first:last]]
        return self._cue.matches_at(lower[start:end], local, masks[first:last])

    def _careful_candidates(self, text: str) -> Iterator[tuple[int, int]]:
        """:meth:`candidates` for any text: each piece tested on its own."""
        if not self._has_cue(text) or not self._may_pair(text):
            return
        pieces = self.pieces(text)
        if len(pieces) == 1:
            yield pieces[0]
            return
        chosen, pending = [], []
        for i, (start, end) in enumerate(pieces):
            piece = text[start:end]
            if self._has_cue(piece):
                if self._may_pair(piece):
                    chosen.append((start, end))
                if self._pronoun.search(piece) or _after_question(text, pieces, i):
                    pending.append((start, end))
        yield from self._with_antecedents(text, pieces, chosen, pending) if pending else chosen

    def _pronoun_cue(self, lower: str, found: tuple[tuple[list[int], list[int]], ...], start: int, end: int) -> bool:
        """Whether a pronoun in ``lower[start:end]`` has a place where a cue may start at most
        ``antecedent_reach`` words after it (``found``: the cue places of the text and of its glued form)."""
        for m in self._pronoun.finditer(lower, start, end):
            reach = self._reach.match(lower, m.end())
            limit = reach.end() if reach else m.end()
            for starts, _ in found:
                i = bisect_left(starts, m.end())
                if i < len(starts) and starts[i] <= limit:
                    return True
        return False

    def _with_antecedents(
        self, text: str, pieces: list[tuple[int, int]], chosen: list[tuple[int, int]], pending: list[tuple[int, int]],
    ) -> list[tuple[int, int]]:
        """``chosen`` pieces plus each ``pending`` one (with a cue, and a pronoun or a question right before it) that
        may name a condition while the piece right before it may name an intervention, with that piece: a claim may
        say what "it" does, named in the sentence before, or what the interventions a question only named do ("ldn?
        waste of money for my fibro": :func:`claimcheck.claims.antecedent_claims`). ``pieces``: all of the text's."""
        index = {piece: i for i, piece in enumerate(pieces)}
        out = set(chosen)
        for piece in pending:
            i = index[piece]
            if i and self._kinds(text[piece[0] : piece[1]]) & 2 and self._kinds(text[slice(*pieces[i - 1])]) & 1:
                out.update((pieces[i - 1], piece))
        return sorted(out)

    def _kinds(self, text: str) -> int:
        """The kinds of names (bits) the mention finder may find in ``text``, over-approximated: a word that is not
        ordinary English counts as a misspelling of either kind."""
        runs = _ALNUM.findall(text.lower())
        split = self._split(runs)
        found = self._with_organs(self._names(" ".join(runs)) | self._names(" ".join(split)), text, 0, len(text))
        words = set(runs) | set(split)
        cased = _CASED.findall(text)
        for run in self._abbreviations.keys() & set(cased + self._split(cased)):
            found |= self._abbreviations[run]
        for run in self._abbreviations_lower.keys() & words:
            found |= self._abbreviations_lower[run]
        if self._fuzzy and any(len(w) >= 3 and w.isalpha() for w in words - self._common):
            found |= _BOTH
        return found & _BOTH

    def _paired_pieces(self, text: str, pieces: list[tuple[int, int]]) -> list[bool]:
        """``[self._may_pair(text[start:end]) for start, end in pieces]`` for plain-ASCII text, with one pass of names."""
        # No run crosses a piece boundary (pieces end after a sentence mark).
        runs = text.encode("ascii").translate(_LOWER_RUNS).decode("ascii")
        words = [" ".join(runs[start:end].split()) for start, end in pieces]
        joined = f" {' | '.join(words)} "
        bits = self._piece_names(words, joined)
        present = set(joined.split())
        split: list[str] = []
        if not self._splits.keys().isdisjoint(present) or _MIXED.search(joined):
            # As _may_pair: names and words also from the runs cut where spaCy may cut inside them.
            split = [" ".join(self._split(w.split())) for w in words]
            bits = [a | b for a, b in zip(bits, self._piece_names(split, f" {' | '.join(split)} "), strict=True)]
            present.update(" ".join(split).split())
        bits = [self._with_organs(b, text, start, end) for b, (start, end) in zip(bits, pieces, strict=True)]
        abbreviations = not self._abbreviation_lowers.isdisjoint(present)
        cased = text.encode("ascii").translate(_CASED_RUNS).decode("ascii") if abbreviations else ""
        unknown = {w for w in present - self._common if len(w) >= 3 and w.isalpha()} if self._fuzzy else set()
        if not (abbreviations or unknown):
            return [b == _BOTH for b in bits]
        out = []
        for i, (start, end) in enumerate(pieces):
            found = bits[i]
            if found != _BOTH:
                here = set(words[i].split())
                if split:
                    here.update(split[i].split())
                if abbreviations and not self._abbreviation_lowers.isdisjoint(here):
                    cased_runs = cased[start:end].split()
                    for run in self._abbreviations.keys() & set(cased_runs + self._split(cased_runs) if split else cased_runs):
                        found |= self._abbreviations[run]
                    for run in self._abbreviations_lower.keys() & here:
                        found |= self._abbreviations_lower[run]
                # Each misspelling match holds a word that is not ordinary English (see _may_pair).
                if found != _BOTH and len(here & unknown) >= (1 if found else 2):
                    found = _BOTH
            out.append(found == _BOTH)
        return out

    def _piece_names(self, words: list[str], joined: str) -> list[int]:
        """The kinds of names found in each piece's runs, from one pass over ``joined``: ``f" {' | '.join(words)} "``.

        No name crosses the " | " between two pieces.
        """
        bits = [0] * len(words)
        bars = [end - 1 for end in accumulate(len(w) + 3 for w in words)]  # where each piece's "|" stands
        for end, kinds in self._automaton.iter(joined):
            bits[bisect(bars, end)] |= kinds
        return bits

    def _has_cue(self, text: str) -> bool:
        lower = text.lower()
        if self._cue.search(lower) is not None:
            return True
        glued = _GLUED.sub(" ", lower)
        return glued != lower and self._cue.search(glued) is not None

    def _may_pair(self, text: str) -> bool:
        """Could the mention finder find an intervention and a condition in ``text``?"""
        # str.lower() may turn a non-ASCII letter into an ASCII one (KELVIN SIGN → k), so
        # runs are taken from the lower-cased text unless the text is plain ASCII.
        if text.isascii():
            cased = text.encode("ascii").translate(_CASED_RUNS).decode("ascii").split()
            joined = " ".join(cased).lower()
        else:
            cased = _CASED.findall(text)
            joined = " ".join(_ALNUM.findall(text.lower()))
        found = self._names(joined)
        if found & _BOTH == _BOTH:
            return True
        runs = set(joined.split())
        if not self._splits.keys().isdisjoint(runs) or _MIXED.search(joined):
            split = self._split(joined.split())
            found |= self._names(" ".join(split))
            runs.update(split)
            cased += self._split(cased)
            if found & _BOTH == _BOTH:
                return True
        found = self._with_organs(found, text, 0, len(text))
        if found == _BOTH:
            return True
        if not self._abbreviation_lowers.isdisjoint(runs):  # an abbreviation is, lower-cased, one of the runs
            for run in self._abbreviations.keys() & set(cased):
                found |= self._abbreviations[run]
            for run in self._abbreviations_lower.keys() & runs:
                found |= self._abbreviations_lower[run]
            if found == _BOTH:
                return True
        if not self._fuzzy:
            return False
        # Each misspelling match holds a word that is not ordinary English, and
        # matches never overlap, so every such word can stand for one name at most.
        needed = 1 if found else 2
        unknown = 0
        for run in runs - self._common:
            if len(run) >= 3 and run.isalpha():
                unknown += 1
                if unknown >= needed:
                    return True
        return False

    def _names(self, joined: str) -> int:
        found = 0
        for _, bits in self._automaton.iter(f" {joined} "):
            found |= bits
            if found & _BOTH == _BOTH:
                break
        return found

    def _with_organs(self, found: int, text: str, start: int, end: int) -> int:
        """``found`` (kind bits) without the organ bit, plus the condition bit when an organ phrase stands in
        ``text[start:end]`` (searched as the mention finder searches it: lower-cased, rules/organ-phrases.yaml)."""
        if found & _ORGAN and not found & 2 and self._organ_phrase is not None:
            if self._organ_phrase.search(text[start:end].lower()) is not None:
                found |= 2
        return found & _BOTH

    def _split(self, runs: list[str]) -> list[str]:
        """The runs cut where spaCy may cut inside them: between letters and digits, and at tokenizer exceptions."""
        out: list[str] = []
        for run in runs:
            parts = self._splits.get(run.lower())
            if parts is not None:
                out.extend(parts)
            elif run.isalpha() or run.isdigit():
                out.append(run)
            else:
                out.extend(_LETTERS_DIGITS.findall(run))
        return out
