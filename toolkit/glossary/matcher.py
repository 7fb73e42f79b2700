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

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import ahocorasick

from toolkit.errors import GlossaryError
from toolkit.text import fold, fold_with_map, is_word_char, normalize_term

__all__ = ["Match", "Matcher", "fold", "normalize_term"]


def _starts_word(folded: str, start: int) -> bool:
    before = folded[start - 1]
    return not (
        is_word_char(before) or (before == "'" and start > 1 and is_word_char(folded[start - 2]))
    )


def _ends_word(folded: str, end: int) -> bool:
    after = folded[end]
    if is_word_char(after):
        return False
    # Past an apostrophe only a possessive "'s" ends the word ("O'Brien" does not).
    if after == "'" and end + 1 < len(folded) and is_word_char(folded[end + 1]):
        return folded[end + 1] == "s" and (
            end + 2 == len(folded) or not is_word_char(folded[end + 2])
        )
    return True


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
            if not any(is_word_char(ch) for ch in term):
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
                value = (
                    len(term),
                    is_word_char(term[0]),
                    is_word_char(term[-1]),
                    keys,
                    entries[0][1],
                )
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
        folded, positions, removed = fold_with_map(text)
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
