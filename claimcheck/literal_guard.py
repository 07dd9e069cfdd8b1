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
        """``alternatives``: the top-level alternatives of ``pattern``, in its order, each a whole pattern (same
        flags); given, a match at a place is tried only with those whose literal prefixes start with its
        character, which is the same match (the others cannot match there), with less work."""
        self.pattern = pattern
        self._automaton: Any = None
        self._by_char: dict[str, re.Pattern[str]] = {}
        prefixes = literal_prefixes(pattern)
        if prefixes:
            import ahocorasick

            automaton = ahocorasick.Automaton()
            for prefix in prefixes:
                automaton.add_word(prefix, len(prefix))
            automaton.make_automaton()
            self._automaton = automaton
            self._by_char = _by_first_char(alternatives or [])

    @property
    def guarded(self) -> bool:
        """Whether every match starts with one of the literal prefixes (else :meth:`starts` is not available)."""
        return self._automaton is not None

    def search(self, text: str) -> re.Match[str] | None:
        """The leftmost match of the pattern in ``text``, or None."""
        if self._automaton is None:
            return self.pattern.search(text)
        for start in self.starts(text):
            found = self._matcher(text[start]).match(text, start)
            if found is not None:
                return found
        return None

    def _matcher(self, char: str) -> re.Pattern[str]:
        """The alternatives that may match where ``char`` stands (the whole pattern when not grouped)."""
        return self._by_char.get(char, self.pattern)

    def starts(self, text: str) -> list[int]:
        """The places where a literal prefix starts, in order: every match starts at one of them."""
        return sorted({end - length + 1 for end, length in self._automaton.iter(text)})

    def matches_at(self, text: str, starts: list[int]) -> bool:
        """Whether the pattern matches ``text`` at one of ``starts``."""
        return any(self._matcher(text[start]).match(text, start) is not None for start in starts)


def _by_first_char(alternatives: list[re.Pattern[str]]) -> dict[str, re.Pattern[str]]:
    """For each first character of a literal prefix, the alternatives that may start with it, joined in order.

    Empty when an alternative has no literal prefixes (then every place tries the whole pattern).
    """
    groups: dict[str, list[re.Pattern[str]]] = {}
    for alternative in alternatives:
        prefixes = literal_prefixes(alternative)
        if not prefixes:
            return {}
        for char in sorted({p[0] for p in prefixes}):
            groups.setdefault(char, []).append(alternative)
    return {
        char: re.compile("|".join(f"(?:{a.pattern})" for a in group), group[0].flags)
        for char, group in groups.items()
    }


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
        starts: list[set[int]] = [set() for _ in self.patterns]
        if self._automaton is not None:
            for end, (length, indices) in self._automaton.iter(text):
                for i in indices:
                    starts[i].add(end - length + 1)
        out: list[list[re.Match[str]]] = []
        for i, pattern in enumerate(self.patterns):
            if i in self._plain:
                out.append(list(pattern.finditer(text)))
                continue
            if not starts[i]:
                out.append([])
                continue
            found, reach = [], 0
            for start in sorted(starts[i]):
                if start < reach:
                    continue
                m = pattern.match(text, start)
                if m is not None and m.end() > m.start():
                    found.append(m)
                    reach = m.end()
            out.append(found)
        return out
