"""``numbers``: every number of the source is in the translation, as its language writes it.

Numbers are read with each language's own symbols from CLDR (through :mod:`toolkit.locales`):
``24.2`` and ``1,600`` in English are ``24,2`` and ``1600`` or ``1 600`` (a space, a no-break
or a narrow no-break space) in Russian and Kazakh. A number is compared by value, with the
scale words of each language (CLDR's compact forms: ``bn``/``billion``, ``млрд``/``миллиарда``,
``мың``): ``$24.2bn`` is found as ``24,2 млрд долларов``, ``90,000`` as ``90 000`` or as
``90 мыңнан``. A scale the translation does not name (``24,2 долларов``) is accepted; a
different one (``24,2 млн``) is not.

What else counts:

- ordinals and ranges by their digits: ``12th`` is ``12-й`` or ``12-ші``, ``July 4-7`` is
  ``4–7 июля``; years and day numbers like any number;
- Roman numerals on either side: ``XXI``/``21st`` in the source, ``XXI`` or ``21`` in the target
  (``the 19th Forum`` -> ``XIX Форум``). In English only numerals of two or more I, V and X count
  (``I`` is a pronoun);
- a number up to ten may be spelled out in the translation (``2 countries`` -> ``две страны``),
  and a number spelled out in the source (``nine``, ``two``) is not required as digits;
- a source number written the English way in the translation (``24.2``, ``1,600`` in Russian)
  is a warning that names the local form, not a missing number.

Only the direction source -> target is checked: a translation may add a number the source
spells out (``five percent`` -> ``5%``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from toolkit.checks.entry import CheckContext, Entry, Issue
from toolkit.checks.text import quoted, roman_value, words
from toolkit.findings import Severity
from toolkit.locales import format_number, number_scales, number_symbols

__all__ = ["NumberToken", "check_numbers", "read_numbers"]

_SPACES = " \u00a0\u202f\u2009\u2007"
# English scale words newsrooms use that CLDR's compact forms do not list.
_EXTRA_SCALES: dict[str, dict[str, int]] = {
    "en": {"bn": 9, "bln": 9, "mln": 6, "mn": 6, "tn": 12, "trn": 12, "thousands": 3},
}
# Numbers up to ten as words, as a translation may write them (Kazakh numerals before a noun do
# not inflect; Russian ones do, and every form is listed).
_SPELLED: dict[str, dict[str, int]] = {
    "ru": {
        **dict.fromkeys(
            ("один", "одна", "одно", "одного", "одной", "одному", "одним", "одну", "одном"), 1
        ),
        **dict.fromkeys(("два", "две", "двух", "двум", "двумя"), 2),
        **dict.fromkeys(("три", "трех", "трём", "трем", "тремя", "трёх"), 3),
        **dict.fromkeys(("четыре", "четырех", "четырёх", "четырем", "четырём", "четырьмя"), 4),
        **dict.fromkeys(("пять", "пяти", "пятью"), 5),
        **dict.fromkeys(("шесть", "шести", "шестью"), 6),
        **dict.fromkeys(("семь", "семи", "семью"), 7),
        **dict.fromkeys(("восемь", "восьми", "восемью"), 8),
        **dict.fromkeys(("девять", "девяти", "девятью"), 9),
        **dict.fromkeys(("десять", "десяти", "десятью"), 10),
    },
    "kk": {
        "бір": 1,
        "екі": 2,
        "үш": 3,
        "төрт": 4,
        "бес": 5,
        "алты": 6,
        "жеті": 7,
        "сегіз": 8,
        "тоғыз": 9,
        "он": 10,
    },
}


@dataclass(frozen=True)
class NumberToken:
    text: str  # as written, with its scale word: "24.2bn"
    span: tuple[int, int]
    numeral: str  # the digits alone: "24.2"
    mantissa: Decimal  # the number as written: 24.2 in "$24.2bn"
    scale: int | None  # power of ten of a scale word after it (9 for "bn"); None: none
    roman: bool = False

    @property
    def value(self) -> Decimal:
        return self.mantissa.scaleb(self.scale or 0)


@lru_cache(maxsize=16)
def _pattern(language: str) -> re.Pattern[str]:
    symbols = number_symbols(language)
    group = symbols.group
    groups = re.escape(_SPACES) if group.isspace() else re.escape(group)
    decimal = re.escape(symbols.decimal)
    return re.compile(
        rf"(?<![\d{decimal}])(?P<int>\d{{1,3}}(?:[{groups}]\d{{3}})+(?!\d)|\d+)"
        rf"(?:{decimal}(?P<frac>\d+))?"
        rf"(?P<gap>[{re.escape(_SPACES)}]?)(?P<word>[^\W\d_]+\.?)?"
    )


@lru_cache(maxsize=16)
def _scales(language: str) -> dict[str, int]:
    base = language.split("_")[0]
    scales = dict(number_scales(language))
    scales.update(_EXTRA_SCALES.get(base, {}))
    return scales


def _scale(word: str | None, glued: bool, language: str) -> int | None:
    """The power of ten a word after a number names (``млрд``, ``мыңнан``, ``bn``), or None."""
    if not word:
        return None
    folded = word.lower()
    scales = _scales(language)
    for name, exponent in scales.items():
        bare = name.rstrip(".")
        if len(bare) == 1:
            # "$3m" is three million; "3 m" is three metres.
            if glued and folded.rstrip(".") == bare:
                return exponent
        elif folded.rstrip(".") == bare or (len(bare) >= 3 and folded.startswith(bare)):
            return exponent
    return None


def _roman_allowed(token: str, source: bool) -> bool:
    if source:
        return len(token) >= 2 and set(token) <= set("IVX")
    return set(token) <= set("IVXLCDM")


def read_numbers(text: str, language: str, *, source: bool = False) -> list[NumberToken]:
    """The numbers of *text* as *language* writes them, with scale words and Roman numerals."""
    found: list[NumberToken] = []
    for match in _pattern(language).finditer(text):
        digits = re.sub(r"\D", "", match.group("int"))
        frac = match.group("frac")
        try:
            mantissa = Decimal(f"{digits}.{frac}" if frac else digits)
        except InvalidOperation:  # pragma: no cover - the pattern only lets digits through
            continue
        scale = _scale(match.group("word"), not match.group("gap"), language)
        end = match.end() if scale is not None else match.end("frac" if frac else "int")
        numeral = text[match.start() : match.end("frac" if frac else "int")]
        found.append(
            NumberToken(text[match.start() : end], (match.start(), end), numeral, mantissa, scale)
        )
    for word in words(text):
        if word.text.isascii() and word.text.isupper() and _roman_allowed(word.text, source):
            value = roman_value(word.text)
            if value:
                found.append(
                    NumberToken(
                        word.text, (word.start, word.end), word.text, Decimal(value), None, True
                    )
                )
    return sorted(found, key=lambda n: n.span)


def _candidates(target: str, language: str) -> tuple[set[Decimal], list[NumberToken]]:
    tokens = read_numbers(target, language)
    values = {t.value for t in tokens}
    # "13 600" may be one number or two: either reading can be the one the source has.
    for token in tokens:
        if token.roman or not any(ch in _SPACES for ch in token.numeral):
            continue
        values.update(
            Decimal(part) for part in re.split(f"[{_SPACES}]", token.numeral) if part.isdigit()
        )
    spelled = _SPELLED.get(language.split("_")[0], {})
    for word in words(target):
        value = spelled.get(word.text.lower())
        if value is not None:
            values.add(Decimal(value))
    return values, tokens


def check_numbers(entry: Entry, context: CheckContext) -> Iterator[Issue]:
    language = context.language
    if language is None or not entry.target.strip():
        return
    wanted = read_numbers(entry.source, context.source_language, source=True)
    if not wanted:
        return
    values, tokens = _candidates(entry.target, language)
    for number in wanted:
        if number.value in values:
            continue
        same = [t for t in tokens if t.mantissa == number.mantissa and not t.roman]
        if any(t.scale is None for t in same) and number.scale is not None:
            continue  # the scale is spelled in a way the check does not know
        # How the language writes it, where that differs from the digits alone: 24,2 and 7 000.
        separated = not number.numeral.isdigit() and not number.roman
        local = format_number(number.mantissa, language) if separated else number.numeral
        if same and number.scale is not None:
            other = same[0]
            yield Issue(
                entry,
                f"{quoted(number.text)} is {quoted(other.text)} in the translation: "
                "a different amount",
                span=other.span,
                source_span=number.span,
            )
        elif separated and number.numeral in entry.target:
            at = entry.target.index(number.numeral)
            yield Issue(
                entry,
                f"{quoted(number.numeral)} is written as in the source; "
                f"{language} writes {quoted(local)}",
                span=(at, at + len(number.numeral)),
                source_span=number.span,
                severity=Severity.WARNING,
            )
        else:
            yield Issue(
                entry,
                f"{quoted(number.text)} of the source is not in the translation"
                + (f" (as {quoted(local)})" if separated else ""),
                source_span=number.span,
            )
