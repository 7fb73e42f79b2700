"""Finding glossary terms in text: one Aho-Corasick automaton for every variant of every concept.

The matcher is built once from ``(variant, concept id)`` pairs and then searches many texts. A
search folds the text into a matching form that is one character per original character
(case, dashes, apostrophes, whitespace kinds), collapses whitespace runs while keeping an offset
map, runs the automaton over the folded text, drops candidates that are not whole words, and keeps
the leftmost-longest non-overlapping ones. Spans always point into the original text.

Rules, in the order a terminologist would ask about them:

- Case-insensitive in any script (``YEKATERINBURG``, ``НУР-СУЛТАН``); Russian ``ё`` equals ``е``.
- Hyphens and dashes are one character (``Nur–Sultan``, ``Nur‑Sultan`` match ``Nur-Sultan``);
  typographic apostrophes (’ ‘ ʼ ′ and the like) are ``'``; every whitespace run, newline and
  no-break space included, equals one space.
- Whole words only: a match neither starts nor ends inside a word (``Ufa`` is not in ``Ufaina``,
  ``Russia`` not in ``Russian``). A hyphen separates words, so ``Kazakh-Russian`` holds ``Kazakh``
  and ``Russian`` unless ``Kazakh-Russian`` is a variant itself (then the longer one wins).
  An apostrophe between letters is part of the word (``O'Brien``) except for the possessive:
  ``Kazakhstan's`` and ``Presidents'`` match ``Kazakhstan`` and ``Presidents``, and the span
  leaves the possessive out. A variant written with a possessive (``Kazakhstan’s``) is stored
  without it. A variant edge that is not a letter or digit (``St.``) needs no boundary there.
- Leftmost-longest: at the leftmost position where any whole-word match starts, the longest
  wins; a longer candidate that fails the word test does not hide a shorter one.
- One variant claimed by several concepts is not an error here (lint reports it): the match
  carries every concept id in ``keys``, in the order the pairs were given, and ``key`` is the
  first. :attr:`Matcher.conflicts` lists such variants.
"""

# Cyrillic letters, dashes and typographic apostrophes are this module's subject, not typos.

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import ahocorasick

from toolkit.errors import GlossaryError

__all__ = ["Match", "Matcher", "fold", "normalize_term"]

APOSTROPHES = "\u2019\u2018\u201b\u02bc\u02bb\u2032\uff07`\u00b4"
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
# Every character str.isspace() accepts besides the plain space (a test checks the list).
SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)

_TABLE: dict[int, str] = {
    **{ord(c): "'" for c in APOSTROPHES},
    **{ord(c): "-" for c in DASHES},
    **{ord(c): " " for c in SPACES},
    # str.lower() turns U+0130 into two characters; folding must stay one char per char.
    0x130: "i",
    ord("Ё"): "е",
    ord("ё"): "е",
}
# The same table for ASCII text, applied to bytes: several times faster than str.translate.
_ASCII_TABLE = bytes.maketrans(
    bytes(code for code in _TABLE if code < 128),
    bytes(ord(_TABLE[code]) for code in _TABLE if code < 128),
)
_RUNS = re.compile(" {2,}")
_NO_RUNS: tuple[list[int], list[int]] = ([], [])


def _is_word(ch: str) -> bool:
    # Combining marks count as letters so that decomposed text (и + U+0306) is not split.
    return ch.isalnum() or ch == "_" or (ch >= "\u0300" and unicodedata.category(ch)[0] == "M")


def _starts_word(folded: str, start: int) -> bool:
    before = folded[start - 1]
    return not (_is_word(before) or (before == "'" and start > 1 and _is_word(folded[start - 2])))


def _ends_word(folded: str, end: int) -> bool:
    after = folded[end]
    if _is_word(after):
        return False
    # Past an apostrophe only a possessive "'s" ends the word ("O'Brien" does not).
    if after == "'" and end + 1 < len(folded) and _is_word(folded[end + 1]):
        return folded[end + 1] == "s" and (end + 2 == len(folded) or not _is_word(folded[end + 2]))
    return True


def _fold_with_map(text: str) -> tuple[str, list[int], list[int]]:
    """Fold ``text``; return it with the folded positions of collapsed runs and removed counts.

    Folded index ``i`` maps to original ``i + removed[j - 1]`` where ``j`` is the number of runs
    placed before ``i`` (0: unchanged). Texts without runs, the common case, cost no map at all.
    """
    if text.isascii():
        folded = text.encode("ascii").translate(_ASCII_TABLE).lower().decode("ascii")
    else:
        folded = text.translate(_TABLE).lower()
    if "  " not in folded:
        return folded, *_NO_RUNS
    parts: list[str] = []
    positions: list[int] = []
    removed: list[int] = []
    last = total = 0
    for run in _RUNS.finditer(folded):
        a, b = run.span()
        parts.append(folded[last : a + 1])
        positions.append(a - total)
        total += b - a - 1
        removed.append(total)
        last = b
    parts.append(folded[last:])
    return "".join(parts), positions, removed


def fold(text: str) -> str:
    """The form the matcher compares: lower case, one dash, one apostrophe, single spaces."""
    return _fold_with_map(text)[0]


def normalize_term(variant: str) -> str:
    """The folded form a variant is stored under: trimmed, possessive ending removed.

    Two variants with the same normalized form are the same pattern to the matcher.
    """
    term = fold(variant).strip(" ")
    if len(term) > 2 and term.endswith("'s") and _is_word(term[-3]):
        term = term[:-2]
    elif len(term) > 1 and term.endswith("'") and _is_word(term[-2]):
        term = term[:-1]
    return term.rstrip(" ")


@dataclass(frozen=True, slots=True)
class Match:
    """One glossary hit: a span of the original text and the concept(s) it names."""

    start: int
    end: int
    text: str  # original[start:end]
    key: str  # concept id; the first of ``keys``
    pattern: str  # the variant, as given to build(), that matched (for ``key``)
    keys: tuple[str, ...]  # every concept claiming this variant, in build order

    @property
    def ambiguous(self) -> bool:
        return len(self.keys) > 1


class Matcher:
    """A compiled glossary: build once with :meth:`build`, then :meth:`find` in many texts."""

    __slots__ = ("_automaton", "_size", "conflicts")

    def __init__(self, automaton: Any, size: int, conflicts: dict[str, tuple[str, ...]]) -> None:
        self._automaton = automaton
        self._size = size
        #: normalized variant -> the concept ids that all claim it (more than one each)
        self.conflicts = conflicts

    @classmethod
    def build(cls, patterns: Iterable[tuple[str, str]]) -> Matcher:
        """Compile ``(variant, concept id)`` pairs.

        Raises :class:`GlossaryError` for a variant without a letter or digit (once the
        possessive is removed) or an empty concept id.
        """
        table: dict[str, list[tuple[str, str]]] = {}
        for variant, key in patterns:
            term = normalize_term(variant)
            if not any(_is_word(ch) for ch in term):
                raise GlossaryError(
                    f"variant {variant!r} of concept {key!r} has no letter or digit",
                    hint="give every variant at least one letter or digit",
                )
            if not key:
                raise GlossaryError(
                    f"variant {variant!r} has no concept id", hint="give every concept an id"
                )
            entries = table.setdefault(term, [])
            if all(known != key for known, _ in entries):
                entries.append((key, variant))

        automaton = None
        if table:
            automaton = ahocorasick.Automaton()
            for term, entries in table.items():
                keys = tuple(key for key, _ in entries)
                value = (len(term), _is_word(term[0]), _is_word(term[-1]), keys, entries[0][1])
                automaton.add_word(term, value)
            automaton.make_automaton()
        conflicts = {
            term: tuple(key for key, _ in entries)
            for term, entries in table.items()
            if len(entries) > 1
        }
        return cls(automaton, len(table), conflicts)

    def __len__(self) -> int:
        """The number of distinct normalized variants."""
        return self._size

    def find(self, text: str) -> list[Match]:
        """Leftmost-longest, non-overlapping whole-word matches in ``text``, in text order."""
        if self._automaton is None or not text:
            return []
        folded, positions, removed = _fold_with_map(text)
        size = len(folded)
        candidates: list[tuple[int, int, tuple[str, ...], str]] = []
        # The automaton reports every occurrence; the word test runs only at candidate edges,
        # and a plain space next to a candidate (the usual case) settles it without a call.
        for last, (length, word_first, word_last, keys, pattern) in self._automaton.iter(folded):
            start = last - length + 1
            end = last + 1
            if (
                word_first
                and start > 0
                and folded[start - 1] != " "
                and not _starts_word(folded, start)
            ):
                continue
            if word_last and end < size and folded[end] != " " and not _ends_word(folded, end):
                continue
            candidates.append((start, -end, keys, pattern))
        if not candidates:
            return []

        candidates.sort()
        matches: list[Match] = []
        reached = 0
        for start, neg_end, keys, pattern in candidates:
            if start < reached:
                continue
            reached = -neg_end
            if positions:
                j = bisect_left(positions, start)
                first = start + (removed[j - 1] if j else 0)
                j = bisect_left(positions, reached - 1)
                stop = reached + (removed[j - 1] if j else 0)
            else:
                first, stop = start, reached
            matches.append(Match(first, stop, text[first:stop], keys[0], pattern, keys))
        return matches
