"""Small text helpers the checks share: words with offsets, scripts, Roman numerals, domains."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from toolkit.corpus.segmentation import CLOSERS, OPENERS, script_of

__all__ = [
    "CLOSERS",
    "CYRILLIC_VOWELS",
    "OPENERS",
    "Word",
    "domain_spans",
    "is_acronym",
    "quoted",
    "roman_value",
    "script_of_word",
    "words",
]

# A word: letters and digits, with hyphens or apostrophes inside ("Премьер-Министр", "O'Brien",
# "ШЫҰ-ның"). Dashes between words with spaces around them are punctuation, not part of a word.
_WORD = re.compile(r"[^\W_]+(?:[-\u2010\u2011'\u2019][^\W_]+)*")
_DOMAIN = re.compile(r"(?:https?://)?(?:[\w-]+\.)+[A-Za-z]{2,}(?:/[^\s«»\"“”]*)?")
_ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}

CYRILLIC_VOWELS = "аеёиоуыэюяәіөүұ"


@dataclass(frozen=True)
class Word:
    text: str
    start: int
    end: int


def words(text: str) -> list[Word]:
    return [Word(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]


def script_of_word(word: str) -> str | None:
    """``Latin`` or ``Cyrillic`` when every letter of *word* is in that script."""
    scripts = {script for ch in word if (script := script_of(ch)) is not None}
    return scripts.pop() if len(scripts) == 1 else None


def roman_value(token: str) -> int | None:
    """The value of an upper-case Roman numeral (``XXI`` -> 21), or None."""
    if not token or not _ROMAN.fullmatch(token):
        return None
    total = 0
    for ch, following in zip(token, [*token[1:], ""], strict=True):
        value = _ROMAN_VALUES[ch]
        total += -value if following and _ROMAN_VALUES[following] > value else value
    return total


def is_acronym(word: str) -> bool:
    """``EAEU``, ``SCO``, ``G20``: two or more capitals, digits allowed, no lower case."""
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def domain_spans(text: str) -> Iterator[tuple[int, int]]:
    """Spans of web addresses and domain names (``primeminister.kz``)."""
    for match in _DOMAIN.finditer(text):
        yield match.span()


def quoted(text: str) -> str:
    """*text* in quotes for a message, every whitespace run (no-break spaces too) one space."""
    return "'" + " ".join(text.split()) + "'"
