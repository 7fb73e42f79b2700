from __future__ import annotations

import pytest

from toolkit.errors import LanguageError
from toolkit.locales import (
    decimal_symbol,
    language_name,
    plural_count,
    plural_forms,
    suggest_language,
    validate_language,
)


@pytest.mark.parametrize(
    ("code", "normalised"), [("ru", "ru"), ("kk", "kk"), ("en-US", "en_US"), (" en ", "en")]
)
def test_validate_language(code: str, normalised: str) -> None:
    assert validate_language(code) == normalised


@pytest.mark.parametrize("code", ["xx", "klingon", "", "ru-XX-foo"])
def test_unknown_codes(code: str) -> None:
    with pytest.raises(LanguageError, match="unknown language code"):
        validate_language(code)


@pytest.mark.parametrize(
    ("code", "suggestion"),
    [
        # Country codes and ISO 639-2 codes typed for the language
        ("kz", "kk"),
        ("KZ", "kk"),
        ("ua", "uk"),
        ("by", "be"),
        ("jp", "ja"),
        ("cz", "cs"),
        ("rus", "ru"),
        ("kaz", "kk"),
        # An unknown regional variant: its language
        ("ru-XX-foo", "ru"),
        ("en_XX", "en"),
        # A language's English name, or nearly
        ("Kazakh", "kk"),
        ("russian", "ru"),
        ("rusian", "ru"),
        # A slip of the keyboard
        ("ruu", "ru"),
        # Nothing close enough to offer
        ("xx", None),
        ("zz", None),
        ("qq", None),
        ("rv", None),
        ("klingon", None),
        ("", None),
    ],
)
def test_suggest_language(code: str, suggestion: str | None) -> None:
    assert suggest_language(code) == suggestion
    if suggestion is not None:
        assert validate_language(suggestion) == suggestion


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("kz", "unknown language code 'kz'; did you mean 'kk'?"),
        ("ua", "unknown language code 'ua'; did you mean 'uk'?"),
        (
            "xx",
            "unknown language code 'xx' (use an ISO 639 code Babel knows, such as en, ru or kk)",
        ),
    ],
)
def test_unknown_code_message(code: str, message: str) -> None:
    with pytest.raises(LanguageError) as raised:
        validate_language(code)
    assert str(raised.value) == message


@pytest.mark.parametrize(("code", "count"), [("ru", 3), ("kk", 2), ("en", 2)])
def test_plural_rules(code: str, count: int) -> None:
    assert plural_count(code) == count
    assert plural_forms(code).startswith(f"nplurals={count};")


@pytest.mark.parametrize(("code", "name"), [("kk", "Kazakh"), ("ru", "Russian")])
def test_language_name(code: str, name: str) -> None:
    assert language_name(code) == name


def test_language_name_in_russian() -> None:
    assert language_name("kk", "ru") == "казахский"


@pytest.mark.parametrize(("code", "symbol"), [("en", "."), ("ru", ","), ("kk", ",")])
def test_decimal_symbol(code: str, symbol: str) -> None:
    assert decimal_symbol(code) == symbol
