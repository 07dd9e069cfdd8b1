"""Search a large alternation of word patterns fast: find where a match could start, then try there.

Python's ``re`` tries every alternative at every position of the text. Every
alternative of a cue pattern starts with some letters ("help", "improv",
"no longer"), so an Aho-Corasick pass over those literal prefixes finds the
few places where a match could start, and ``pattern.match`` is tried only there.
The answer is the same as ``pattern.search``'s; patterns whose alternatives do
not all start with a literal are searched as usual.
"""

from __future__ import annotations

import re
from typing import Any

try:  # Python 3.11+: the parser is private but stable; fall back to a plain search without it
    from re import _constants as _c
    from re import _parser
except ImportError:  # pragma: no cover
    _parser = None  # type: ignore[assignment]

_MAX_STATES = 4096
_MAX_CLASS = 12
_State = tuple[str, bool]  # (literal prefix, whether the match so far is exactly that prefix)


class LiteralGuard:
    """``search`` with the result of ``pattern.search`` (truthiness and leftmost match), usually much faster."""

    def __init__(self, pattern: re.Pattern[str], alternatives: list[re.Pattern[str]] | None = None) -> None:
        """``alternatives``: the top-level alternatives of ``pattern``, each a whole pattern (same flags); given,
        a place is tried only with the alternatives that own one of the literal prefixes found there (the others
        cannot match there), which gives the same match with much less work."""
        self.pattern = pattern
        self._automaton: Any = None
        self._alternatives = list(alternatives or [])
        # Compiled on first use (a scan meets few). The prefixes found at one place are prefixes of one another, so
        # each set is named by its longest prefix: there are at most as many groups as prefixes.
        self._groups: dict[int, re.Pattern[str]] = {}
        owners: dict[str, int] = {}  # literal prefix -> bit set of the alternatives it may start
        owned = [literal_prefixes(a) for a in self._alternatives]
        if owned and all(owned):
            for i, found in enumerate(owned):
                for prefix in found or ():
                    owners[prefix] = owners.get(prefix, 0) | 1 << i
        else:  # no alternatives, or one may start anywhere: every place tries the whole pattern
            owners = dict.fromkeys(literal_prefixes(pattern) or (), _WHOLE)
        if owners:
            import ahocorasick

            automaton = ahocorasick.Automaton()
            for prefix, mask in owners.items():
                automaton.add_word(prefix, (len(prefix), mask))
            automaton.make_automaton()
            self._automaton = automaton

    @property
    def guarded(self) -> bool:
        """Whether every match starts with one of the literal prefixes (else :meth:`places` is not available)."""
        return self._automaton is not None

    def search(self, text: str) -> re.Match[str] | None:
        """The leftmost match of the pattern in ``text``, or None."""
        if self._automaton is None:
            return self.pattern.search(text)
        starts, masks = self.places(text)
        for start, mask in zip(starts, masks, strict=True):
            found = self._group(mask).match(text, start)
            if found is not None:
                return found
        return None

    def places(self, text: str) -> tuple[list[int], list[int]]:
        """Where a literal prefix starts, in order (every match starts at one of them), and for each place
        which alternatives may match there (an opaque key for :meth:`matches_at`)."""
        found: dict[int, int] = {}
        for end, (length, mask) in self._automaton.iter(text):
            start = end - length + 1
            found[start] = found.get(start, 0) | mask
        starts = sorted(found)
        return starts, [found[start] for start in starts]

    def matches_at(self, text: str, starts: list[int], masks: list[int]) -> bool:
        """Whether the pattern matches ``text`` at one of ``starts`` (with their ``masks`` from :meth:`places`)."""
        return any(self._group(mask).match(text, start) is not None for start, mask in zip(starts, masks, strict=True))

    def _group(self, mask: int) -> re.Pattern[str]:
        """The alternatives in ``mask``, in their order, as one pattern (the whole pattern for _WHOLE)."""
        group = self._groups.get(mask)
        if group is None:
            if mask == _WHOLE:
                group = self.pattern
            else:
                chosen = [a for i, a in enumerate(self._alternatives) if mask >> i & 1]
                group = re.compile("|".join(f"(?:{a.pattern})" for a in chosen), chosen[0].flags)
            self._groups[mask] = group
        return group


_WHOLE = -1


def literal_prefixes(pattern: re.Pattern[str]) -> set[str] | None:
    """Literal strings one of which every match of ``pattern`` starts with, or None if there are none."""
    if _parser is None or pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        states = _sequence(_parser.parse(pattern.pattern, pattern.flags), {("", True)})
    except _TooMany:
        return None
    prefixes = {prefix for prefix, _ in states}
    return None if "" in prefixes else prefixes


class _TooMany(Exception):
    pass


def _sequence(items: Any, states: set[_State]) -> set[_State]:
    for op, av in items:
        if not any(open_ for _, open_ in states):
            break
        steps = _item(op, av)
        states = {(p + q, open_q) for p, open_ in states for q, open_q in (steps if open_ else [("", False)])}
        if len(states) > _MAX_STATES:
            raise _TooMany
    return states


def _item(op: Any, av: Any) -> set[_State]:
    if op is _c.LITERAL:
        return {(chr(av), True)}
    if op is _c.IN:
        chars = [chr(v) for o, v in av if o is _c.LITERAL]
        return {(ch, True) for ch in chars} if len(chars) == len(av) and len(chars) <= _MAX_CLASS else {("", False)}
    if op is _c.SUBPATTERN:
        return _sequence(av[3], {("", True)})
    if op is _c.BRANCH:
        return set().union(*(_sequence(branch, {("", True)}) for branch in av[1]))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, _, sub = av
        if low == 0:
            return {("", False)}
        return {(p, False) for p, _ in _sequence(sub, {("", True)})}
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return {("", True)}  # zero width: the match goes on from the same place
    return {("", False)}  # any other character class, a back-reference...: the literal prefix ends here


class PatternSet:
    """Several patterns, each searched like ``pattern.finditer``, with one Aho-Corasick pass for all."""

    def __init__(self, patterns: list[re.Pattern[str]]) -> None:
        self.patterns = patterns
        prefixes = [literal_prefixes(p) for p in patterns]
        self._plain = {i for i, found in enumerate(prefixes) if not found}
        owners: dict[str, list[int]] = {}
        for i, found in enumerate(prefixes):
            for prefix in found or ():
                owners.setdefault(prefix, []).append(i)
        self._automaton: Any = None
        if owners:
            import ahocorasick

            self._automaton = ahocorasick.Automaton()
            for prefix, indices in owners.items():
                self._automaton.add_word(prefix, (len(prefix), tuple(indices)))
            self._automaton.make_automaton()

    def finditer_each(self, text: str) -> list[list[re.Match[str]]]:
        """For each pattern, ``list(pattern.finditer(text))`` (patterns here never match the empty string)."""
        found = self.finditer_found(text)
        return [found.get(i, []) for i in range(len(self.patterns))]

    def finditer_found(self, text: str) -> dict[int, list[re.Match[str]]]:
        """:meth:`finditer_each` for the patterns that match, by index in ascending order (most match nowhere)."""
        starts: dict[int, set[int]] = {i: set() for i in self._plain}
        if self._automaton is not None:
            for end, (length, indices) in self._automaton.iter(text):
                for i in indices:
                    starts.setdefault(i, set()).add(end - length + 1)
        out: dict[int, list[re.Match[str]]] = {}
        for i in sorted(starts):
            pattern = self.patterns[i]
            if i in self._plain:
                found = list(pattern.finditer(text))
            else:
                found, reach = [], 0
                for start in sorted(starts[i]):
                    if start < reach:
                        continue
                    m = pattern.match(text, start)
                    if m is not None and m.end() > m.start():
                        found.append(m)
                        reach = m.end()
            if found:
                out[i] = found
        return out
