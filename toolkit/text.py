"""Text folding: the one way every part of the toolkit compares words.

Folding lower-cases, maps every dash to "-", every apostrophe to "'", every space to " ",
ё to е, and collapses runs of spaces, one character for one character except for the runs
(:func:`fold_with_map` gives the positions back). The glossary matcher, the morphology, the
enforcement and the checks all fold the same way, so a term found by one is found by all.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "APOSTROPHES",
    "DASHES",
    "SPACES",
    "fold",
    "fold_with_map",
    "is_word_char",
    "normalize_term",
]

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


def is_word_char(ch: str) -> bool:
    # Combining marks count as letters so that decomposed text (и + U+0306) is not split.
    return ch.isalnum() or ch == "_" or (ch >= "\u0300" and unicodedata.category(ch)[0] == "M")


def fold_with_map(text: str) -> tuple[str, list[int], list[int]]:
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
    return fold_with_map(text)[0]


def normalize_term(variant: str) -> str:
    """The folded form a variant is stored under: trimmed, possessive ending removed.

    Two variants with the same normalized form are the same pattern to the matcher.
    """
    term = fold(variant).strip(" ")
    if len(term) > 2 and term.endswith("'s") and is_word_char(term[-3]):
        term = term[:-2]
    elif len(term) > 1 and term.endswith("'") and is_word_char(term[-2]):
        term = term[:-1]
    return term.rstrip(" ")
