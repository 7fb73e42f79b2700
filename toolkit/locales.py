"""Language codes, names and plural rules, all from Babel's CLDR data.

This is the one module that leans on Babel's locale data; the rest of the package asks here.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError, localedata
from babel.dates import format_date as babel_format_date
from babel.messages.plurals import get_plural
from babel.numbers import format_decimal

from toolkit.errors import LanguageError


@lru_cache(maxsize=64)
def validate_language(code: str) -> str:
    """Return the normalised form of a language code (``ru``, ``kk``, ``pt_BR``) or raise.

    An unknown code is refused with the code the user most likely meant, when there is one:
    ``unknown language code 'kz'; did you mean 'kk'?``.
    """
    raw = code.strip()
    try:
        locale = Locale.parse(raw.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        suggestion = suggest_language(raw)
        if suggestion is not None:
            raise LanguageError(
                f"unknown language code {code!r}; did you mean {suggestion!r}?"
            ) from exc
        raise LanguageError(
            f"unknown language code {code!r}",
            hint="use an ISO 639 code Babel knows, such as en, ru or kk",
        ) from exc
    return str(locale)


# Codes people type for a language that are something else: a country (kz is Kazakhstan, the
# language is kk), or a three-letter ISO 639-2 code where Babel wants the two-letter one.
# Babel would accept none of them, and spelling similarity alone finds the wrong neighbour.
COMMON_CONFUSIONS: dict[str, str] = {
    "kz": "kk",
    "kaz": "kk",
    "ua": "uk",
    "ukr": "uk",
    "by": "be",
    "rus": "ru",
    "eng": "en",
    "jp": "ja",
    "cz": "cs",
    "dk": "da",
    "gr": "el",
    "cn": "zh",
    "iw": "he",
    "gb": "en",
    "us": "en",
}


@lru_cache(maxsize=1)
def _known_languages() -> tuple[str, ...]:
    """Every language code Babel has data for, without territory or script."""
    return tuple(
        sorted({identifier.split("_")[0] for identifier in localedata.locale_identifiers()})
    )


@lru_cache(maxsize=1)
def _language_names() -> dict[str, str]:
    """English language names (casefolded) to their codes: ``kazakh`` -> ``kk``."""
    known = set(_known_languages())
    names = Locale.parse("en").languages
    return {name.casefold(): code for code, name in names.items() if code in known}


def suggest_language(code: str) -> str | None:
    """The known language code *code* was most likely meant to be, or None.

    In order: a common confusion (``kz`` -> ``kk``, ``ua`` -> ``uk``), the language of an
    unknown regional variant (``ru-XX`` -> ``ru``), a language named in English (``Kazakh``
    -> ``kk``), then the closest code by spelling that starts with the same letter
    (``ruu`` -> ``ru``). Two-letter codes differ from their neighbours by one letter, so only
    close matches are offered; ``xx`` gets no suggestion rather than a random one.
    """
    raw = code.strip().replace("-", "_")
    if not raw:
        return None
    folded = raw.casefold()
    if folded in COMMON_CONFUSIONS:
        return COMMON_CONFUSIONS[folded]
    known = _known_languages()
    base = folded.split("_")[0]
    if "_" in folded and base in known:
        return base
    names = _language_names()
    if folded in names:
        return names[folded]
    by_name = difflib.get_close_matches(folded, list(names), n=1, cutoff=0.8)
    if by_name:
        return names[by_name[0]]
    same_start = [c for c in known if c[0] == base[0]]
    close = difflib.get_close_matches(base, same_start, n=1, cutoff=0.75)
    return close[0] if close else None


def language_name(code: str, in_language: str = "en") -> str:
    """The name of a language, in English by default (``kk`` -> ``Kazakh``)."""
    locale = Locale.parse(validate_language(code))
    name = locale.get_display_name(Locale.parse(validate_language(in_language)))
    return name or code


def plural_forms(code: str) -> str:
    """The gettext ``Plural-Forms`` header value for a language."""
    return get_plural(validate_language(code)).plural_forms


def plural_count(code: str) -> int:
    return get_plural(validate_language(code)).num_plurals


def decimal_symbol(code: str) -> str:
    return str(Locale.parse(validate_language(code)).number_symbols["latn"]["decimal"])


@dataclass(frozen=True)
class NumberSymbols:
    """How a language writes numbers (CLDR): ``24.2``/``1,600`` in en, ``24,2``/``1 600`` in ru."""

    decimal: str
    group: str
    percent: str


@lru_cache(maxsize=64)
def number_symbols(code: str) -> NumberSymbols:
    symbols = Locale.parse(validate_language(code)).number_symbols["latn"]
    return NumberSymbols(
        decimal=str(symbols["decimal"]),
        group=str(symbols["group"]),
        percent=str(symbols["percentSign"]),
    )


_PATTERN_QUOTES = re.compile(r"'([^']*)'")


@lru_cache(maxsize=64)
def number_scales(code: str) -> dict[str, int]:
    """Words that multiply a number, with their power of ten, from CLDR's compact formats.

    ``ru``: ``тыс.`` and ``тысяч`` -> 3, ``млн`` and ``миллиона`` -> 6, ``млрд`` -> 9, ...;
    ``en``: ``K``, ``thousand``, ``M``, ``million``, ... (lower-cased). Every plural form CLDR
    lists is included; what a text adds to them (a case ending) is for the caller to allow.
    """
    locale = Locale.parse(validate_language(code))
    scales: dict[str, int] = {}
    for width in ("short", "long"):
        formats = locale.compact_decimal_formats.get(width) or {}
        for by_magnitude in formats.values():
            for magnitude, pattern in by_magnitude.items():
                text = str(getattr(pattern, "pattern", pattern))
                zeros = text.count("0")
                # "0 млн" for 1000000 names a scale; "00 млн" for 10000000 repeats it.
                exponent = len(str(magnitude)) - 1 - (zeros - 1)
                word = _PATTERN_QUOTES.sub(r"\1", text.replace("0", "")).strip().lower()
                if word and exponent > 0:
                    scales.setdefault(word, exponent)
    return scales


def format_number(value: Decimal, code: str) -> str:
    """*value* as *code* writes it (``24,2``, ``1 600`` with a no-break space)."""
    return format_decimal(value, locale=validate_language(code), decimal_quantization=False)


def format_date(date: dt.date, code: str) -> str:
    """*date* as *code* writes it in running text, CLDR's long format: ``4 июля 2022 г.``
    (ru), ``2022 ж. 4 шілде`` (kk), ``July 4, 2022`` (en). CLDR puts a narrow no-break space
    before the year abbreviation, as typography wants; it is kept."""
    return babel_format_date(date, format="long", locale=validate_language(code))
