"""The language-independent part of term morphology: words, features, compiled term forms.

:class:`TermForm` is what each language implements (:mod:`.ru`, :mod:`.kk`); :class:`PlainForm`
is the exact-words fallback for languages without inflection rules.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise

from rapidfuzz import fuzz

from toolkit.glossary.termbase import Morphology
from toolkit.text import fold

WORD = re.compile(r"[^\W_]+(?:[-\u2010\u2011'\u2019][^\W_]+)*")


class Case(StrEnum):
    """Grammatical case. Russian has six (the prepositional is ``LOCATIVE``); Kazakh seven."""

    NOMINATIVE = "nominative"
    GENITIVE = "genitive"
    DATIVE = "dative"
    ACCUSATIVE = "accusative"
    INSTRUMENTAL = "instrumental"
    LOCATIVE = "locative"
    ABLATIVE = "ablative"


@dataclass(frozen=True, order=True)
class Features:
    """What an inflected form expresses: case and number, and in Kazakh the suffixes that stack.

    ``possessive`` is a Kazakh possessive suffix the form adds (``"3"``: 3rd person, ``"1sg"``,
    ``"1pl"``, ``"2sg"``, ``"2sg-formal"``), not one the glossary form already ends in;
    ``attributive`` is the Kazakh ``-ғы/-гі`` after the locative (``Алматыдағы``).
    """

    case: Case = Case.NOMINATIVE
    plural: bool = False
    possessive: str = ""
    attributive: bool = False

    def label(self) -> str:
        parts = [self.case.value, "plural" if self.plural else "singular"]
        if self.possessive:
            parts.append(f"possessive {self.possessive}")
        if self.attributive:
            parts.append("attributive")
        return " ".join(parts)


NOMINATIVE = Features()
NO_HINTS = Morphology()
ANY: frozenset[Features] | None = None  # a word that does not inflect fits every reading


_fold = lru_cache(maxsize=65536)(fold)  # the same words recur in text after text


@dataclass(frozen=True)
class Word:
    text: str
    start: int
    end: int
    key: str  # the folded text: what glossary tables are looked up by

    @classmethod
    def at(cls, text: str, start: int, end: int) -> Word:
        return cls(text, start, end, _fold(text))


def words(text: str) -> list[Word]:
    # Folded once here: one text is searched for every form of every term of the glossary.
    return [Word.at(m.group(0), m.start(), m.end()) for m in WORD.finditer(text)]


@dataclass(frozen=True)
class WordMatch:
    """A text word read as an inflected form of a glossary word.

    ``features`` is None for a word that does not inflect (it fits any reading). ``regular`` is
    False when the ending is a real ending but the wrong variant of it for this word (Kazakh
    ``Нұр-Сұлтанде`` for ``Нұр-Сұлтанда``): the term is there, its inflection needs repair.
    """

    features: frozenset[Features] | None
    regular: bool = True


@dataclass(frozen=True)
class Occurrence:
    """Where a term occurs in a text and how that occurrence can be read."""

    start: int
    end: int
    first: int  # index of its first word in the text's words
    count: int  # number of words
    features: frozenset[Features] | None  # None: the term does not inflect
    regular: bool = True

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


def _same_case(glossary_word: str, text_word: str) -> bool:
    """The text word is written with the glossary word's capitals, over the stem they share."""
    size = min(len(glossary_word), len(text_word))
    return all(glossary_word[i].isupper() == text_word[i].isupper() for i in range(size))


def apply_case(template: str, word: str) -> str:
    """*word* (lower case) written with the capitals of *template*, letter by letter.

    Endings beyond the template stay lower case: ``ИННОПРОМ`` + ``иннопрома`` -> ``ИННОПРОМа``,
    ``Премьер-Министр`` + ``премьер-министру`` -> ``Премьер-Министру``.
    """
    out = [
        ch.upper() if i < len(template) and template[i].isupper() else ch
        for i, ch in enumerate(word)
    ]
    return "".join(out)


class TermForm(ABC):
    """One glossary form compiled for one language; see the module docstring.

    A subclass fills :attr:`tables`: per word of the form, every folded text word it matches
    and how that word is read.
    """

    tables: tuple[dict[str, WordMatch], ...]

    def __init__(self, form: str) -> None:
        self.form = form
        self.parts: tuple[Word, ...] = tuple(words(form))
        self.gaps: tuple[str, ...] = tuple(
            fold(form[a.end : b.start]).strip() for a, b in pairwise(self.parts)
        )
        self.size = len(self.parts)

    def _fixed_table(self, index: int) -> dict[str, WordMatch]:
        return {fold(self.parts[index].text): WordMatch(ANY)}

    @property
    def inflecting(self) -> tuple[bool, ...]:
        """Which words of the form change with case and number."""
        return tuple(any(m.features is not None for m in table.values()) for table in self.tables)

    def match_word(self, index: int, word: str) -> WordMatch | None:
        """Read *word* as an inflected form of the glossary's word *index*, or None."""
        return self.tables[index].get(fold(word))

    @abstractmethod
    def near_word(self, index: int, word: str) -> tuple[float, frozenset[Features] | None]:
        """Similarity (0-100) of *word* to glossary word *index* in its closest inflected form,
        and that form's features."""

    @abstractmethod
    def generate(self, features: Features) -> str:
        """The whole term in *features* (the glossary form's own spelling and capitals)."""

    def find(
        self,
        text: str,
        text_words: Sequence[Word] | None = None,
        *,
        case_sensitive: bool = False,
    ) -> list[Occurrence]:
        """Every occurrence of the term in *text*, in any inflected form, left to right.

        *text_words* (``words(text)``) may be passed when the caller has them.
        """
        found = text_words if text_words is not None else words(text)
        size = self.size
        result: list[Occurrence] = []
        if not size:
            return result
        first = self.tables[0]
        i = 0
        while i + size <= len(found):
            if found[i].key not in first:
                i += 1
                continue
            occurrence = self._match_at(text, found, i, case_sensitive)
            if occurrence is None:
                i += 1
                continue
            result.append(occurrence)
            i += size
        return result

    def _match_at(
        self,
        text: str,
        found: Sequence[Word],
        i: int,
        case_sensitive: bool,
    ) -> Occurrence | None:
        readings: list[frozenset[Features]] = []
        regular = True
        for k, part in enumerate(self.parts):
            word = found[i + k]
            if k and _fold(text[found[i + k - 1].end : word.start]).strip() != self.gaps[k - 1]:
                return None
            match = self.tables[k].get(word.key)
            if match is None:
                return None
            if case_sensitive and not _same_case(part.text, word.text):
                return None
            regular = regular and match.regular
            if match.features is not None:
                readings.append(match.features)
        features: frozenset[Features] | None = None
        if readings:
            common = frozenset.intersection(*readings)
            # Words that disagree (a machine's mistake) are read as their head, the last word.
            features = common or readings[-1]
        last = found[i + self.size - 1]
        return Occurrence(found[i].start, last.end, i, self.size, features, regular)


class PlainForm(TermForm):
    """A term in a language without inflection rules here: its words exactly, any case."""

    def __init__(self, form: str) -> None:
        super().__init__(form)
        self.tables = tuple(self._fixed_table(i) for i in range(self.size))

    def near_word(self, index: int, word: str) -> tuple[float, frozenset[Features] | None]:
        return fuzz.ratio(fold(word), fold(self.parts[index].text)), ANY

    def generate(self, features: Features) -> str:
        return self.form
