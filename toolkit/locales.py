"""Language codes, names and plural rules, all from Babel's CLDR data.

This is the one module that leans on Babel's locale data; the rest of the package asks here.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural

from toolkit.errors import LanguageError


@lru_cache(maxsize=64)
def validate_language(code: str) -> str:
    """Return the normalised form of a language code (``ru``, ``kk``, ``pt_BR``) or raise."""
    raw = code.strip()
    try:
        locale = Locale.parse(raw.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise LanguageError(
            f"unknown language code {code!r}",
            hint="use an ISO 639 code Babel knows, such as en, ru or kk",
        ) from exc
    return str(locale)


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
