"""Kazakh suffix rules: harmony, consonant classes, case, plural, possessive, pronominal н.

The expected forms are standard Kazakh orthography; the loanword rows (``Мишустин``,
``Премьер-Министр``, ``Екатеринбург``, ``Тоқаев``) are those the shipped reference translations
use (translations/kk) and the ones qazaq-inflector 0.5.0 gets wrong (``Мишустинға``,
``Премьер-Министрдың``, ``Премьер-Министріге``).
"""

from __future__ import annotations

import pytest

from toolkit.glossary.termbase import Morphology
from toolkit.morphology import Case, Features, term_form
from toolkit.morphology.kk import ending_class, inflect_word, is_back, is_possessive_form

G, D, A, INS, L, AB = (
    Case.GENITIVE,
    Case.DATIVE,
    Case.ACCUSATIVE,
    Case.INSTRUMENTAL,
    Case.LOCATIVE,
    Case.ABLATIVE,
)

# stem: genitive, dative, accusative, instrumental, locative, ablative
DECLENSION = {
    "Қазақстан": (
        "Қазақстанның",
        "Қазақстанға",
        "Қазақстанды",
        "Қазақстанмен",
        "Қазақстанда",
        "Қазақстаннан",
    ),
    "Ресей": ("Ресейдің", "Ресейге", "Ресейді", "Ресеймен", "Ресейде", "Ресейден"),
    "Алматы": ("Алматының", "Алматыға", "Алматыны", "Алматымен", "Алматыда", "Алматыдан"),
    "Челябі": ("Челябінің", "Челябіге", "Челябіні", "Челябімен", "Челябіде", "Челябіден"),
    "Уфа": ("Уфаның", "Уфаға", "Уфаны", "Уфамен", "Уфада", "Уфадан"),
    "Нұр-Сұлтан": (
        "Нұр-Сұлтанның",
        "Нұр-Сұлтанға",
        "Нұр-Сұлтанды",
        "Нұр-Сұлтанмен",
        "Нұр-Сұлтанда",
        "Нұр-Сұлтаннан",
    ),
    "Смайылов": (
        "Смайыловтың",
        "Смайыловқа",
        "Смайыловты",
        "Смайыловпен",
        "Смайыловта",
        "Смайыловтан",
    ),
    "Тоқаев": ("Тоқаевтың", "Тоқаевқа", "Тоқаевты", "Тоқаевпен", "Тоқаевта", "Тоқаевтан"),
    "Мишустин": (
        "Мишустиннің",
        "Мишустинге",
        "Мишустинді",
        "Мишустинмен",
        "Мишустинде",
        "Мишустиннен",
    ),
    "Путин": ("Путиннің", "Путинге", "Путинді", "Путинмен", "Путинде", "Путиннен"),
    "Премьер-Министр": (
        "Премьер-Министрдің",
        "Премьер-Министрге",
        "Премьер-Министрді",
        "Премьер-Министрмен",
        "Премьер-Министрде",
        "Премьер-Министрден",
    ),
    "Екатеринбург": (
        "Екатеринбургтің",
        "Екатеринбургке",
        "Екатеринбургті",
        "Екатеринбургпен",
        "Екатеринбургте",
        "Екатеринбургтен",
    ),
    "Санкт-Петербург": (
        "Санкт-Петербургтің",
        "Санкт-Петербургке",
        "Санкт-Петербургті",
        "Санкт-Петербургпен",
        "Санкт-Петербургте",
        "Санкт-Петербургтен",
    ),
    "Қостанай": (
        "Қостанайдың",
        "Қостанайға",
        "Қостанайды",
        "Қостанаймен",
        "Қостанайда",
        "Қостанайдан",
    ),
    "Түмен": ("Түменнің", "Түменге", "Түменді", "Түменмен", "Түменде", "Түменнен"),
    "шарт": ("шарттың", "шартқа", "шартты", "шартпен", "шартта", "шарттан"),
    "кеңес": ("кеңестің", "кеңеске", "кеңесті", "кеңеспен", "кеңесте", "кеңестен"),
    "округ": ("округтің", "округке", "округті", "округпен", "округте", "округтен"),
    "одақ": ("одақтың", "одаққа", "одақты", "одақпен", "одақта", "одақтан"),
    "комиссия": (
        "комиссияның",
        "комиссияға",
        "комиссияны",
        "комиссиямен",
        "комиссияда",
        "комиссиядан",
    ),
    "Куйвашев": (
        "Куйвашевтың",
        "Куйвашевқа",
        "Куйвашевты",
        "Куйвашевпен",
        "Куйвашевта",
        "Куйвашевтан",
    ),
    "Орал": ("Оралдың", "Оралға", "Оралды", "Оралмен", "Оралда", "Оралдан"),
    "Қорған": ("Қорғанның", "Қорғанға", "Қорғанды", "Қорғанмен", "Қорғанда", "Қорғаннан"),
    "Құмкөл": ("Құмкөлдің", "Құмкөлге", "Құмкөлді", "Құмкөлмен", "Құмкөлде", "Құмкөлден"),
    "Шымкент": ("Шымкенттің", "Шымкентке", "Шымкентті", "Шымкентпен", "Шымкентте", "Шымкенттен"),
    "Тараз": ("Тараздың", "Таразға", "Таразды", "Таразбен", "Таразда", "Тараздан"),
}
CASES = (G, D, A, INS, L, AB)


def _rows() -> list[tuple[str, Case, str]]:
    rows = []
    for stem, forms in DECLENSION.items():
        for case, form in zip(CASES, forms, strict=True):
            rows.append((stem, case, form))
    return rows


@pytest.mark.parametrize(("stem", "case", "expected"), _rows())
def test_case_suffixes(stem: str, case: Case, expected: str) -> None:
    form = term_form(stem, "kk")
    assert form.generate(Features(case)) == expected


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("Тараз", "Таразбен"),
        ("Алаж", "Алажбен"),
        ("Смайылов", "Смайыловпен"),
        ("Ресей", "Ресеймен"),
    ],
)
def test_instrumental_after_voiced(stem: str, expected: str) -> None:
    assert term_form(stem, "kk").generate(Features(INS)) == expected


@pytest.mark.parametrize(
    ("stem", "back"),
    [
        ("Қазақстан", True),
        ("Ресей", False),
        ("Мишустин", False),  # only и: front
        ("Путин", False),
        ("Уфа", True),
        ("Екатеринбург", False),  # final г pairs with front vowels
        ("округ", False),
        ("одақ", True),
        ("Тоқаев", True),  # the surname suffix -ев takes the stem's harmony
        ("Смайылов", True),
        ("Медведев", False),
        ("Премьер-Министр", False),
        ("Курск", False),  # final к, as in Екатеринбург
    ],
)
def test_harmony(stem: str, back: bool) -> None:
    assert is_back(stem) is back


@pytest.mark.parametrize(
    ("stem", "cls"),
    [
        ("Алматы", "vowel"),
        ("Қазақстан", "nasal"),
        ("Ресей", "sonorant"),
        ("Орал", "sonorant"),
        ("Мәскеу", "sonorant"),  # final у sounds [w]
        ("Тараз", "voiced"),
        ("Смайылов", "voiceless"),  # final в of a loanword is devoiced
        ("Екатеринбург", "voiceless"),
        ("Пермь", "nasal"),  # the soft sign is not a sound
    ],
)
def test_ending_class(stem: str, cls: str) -> None:
    assert ending_class(stem) == cls


@pytest.mark.parametrize(
    ("form", "case", "expected"),
    [
        (
            "Қазақстан Республикасының Премьер-Министрі",
            D,
            "Қазақстан Республикасының Премьер-Министріне",
        ),
        (
            "Қазақстан Республикасының Премьер-Министрі",
            G,
            "Қазақстан Республикасының Премьер-Министрінің",
        ),
        (
            "Қазақстан Республикасының Премьер-Министрі",
            A,
            "Қазақстан Республикасының Премьер-Министрін",
        ),
        (
            "Қазақстан Республикасының Премьер-Министрі",
            L,
            "Қазақстан Республикасының Премьер-Министрінде",
        ),
        (
            "Қазақстан Республикасының Премьер-Министрі",
            AB,
            "Қазақстан Республикасының Премьер-Министрінен",
        ),
        ("Ресей Федерациясы Үкіметінің Төрағасы", INS, "Ресей Федерациясы Үкіметінің Төрағасымен"),
        ("Ресей Федерациясы Үкіметінің Төрағасы", D, "Ресей Федерациясы Үкіметінің Төрағасына"),
        ("Өңіраралық ынтымақтастық форумы", A, "Өңіраралық ынтымақтастық форумын"),
        ("Орал федералдық округі", D, "Орал федералдық округіне"),
        ("Пермь өлкесі", INS, "Пермь өлкесімен"),
        ("Свердлов облысының губернаторы", G, "Свердлов облысының губернаторының"),
    ],
)
def test_possessive_terms_take_the_pronominal_n(form: str, case: Case, expected: str) -> None:
    assert term_form(form, "kk").generate(Features(case)) == expected


@pytest.mark.parametrize(
    ("features", "expected"),
    [
        (Features(L, attributive=True), "алматыдағы"),
        (Features(Case.NOMINATIVE, plural=True), "алматылар"),
        (Features(G, plural=True), "алматылардың"),
        (Features(D, possessive="3"), "алматысына"),
        (Features(Case.NOMINATIVE, possessive="1pl"), "алматымыз"),
        (Features(D, possessive="1sg"), "алматыма"),
    ],
)
def test_stacked_suffixes(features: Features, expected: str) -> None:
    assert inflect_word("алматы", features) == expected


@pytest.mark.parametrize(
    ("stem", "features", "expected"),
    [
        ("консулдық", Features(Case.NOMINATIVE, possessive="3"), "консулдығы"),
        ("одақ", Features(D, possessive="3"), "одағына"),
        ("Мишустин", Features(Case.NOMINATIVE, plural=True), "мишустиндер"),
        ("шарт", Features(Case.NOMINATIVE, plural=True), "шарттар"),
        ("министр", Features(G, plural=True), "министрлердің"),
    ],
)
def test_voicing_and_plural(stem: str, features: Features, expected: str) -> None:
    assert inflect_word(stem.lower(), features) == expected


def test_multi_word_terms_inflect_only_the_last_word() -> None:
    form = term_form("Еуразиялық экономикалық одақ", "kk")
    assert form.generate(Features(D)) == "Еуразиялық экономикалық одаққа"
    assert form.inflecting == (False, False, True)


def test_acronyms_take_the_suffix_after_a_hyphen() -> None:
    assert term_form("ШЫҰ", "kk").generate(Features(G)) == "ШЫҰ-ның"
    assert term_form("ШЫҰ", "kk").match_word(0, "ШЫҰ-ның") is not None


@pytest.mark.parametrize(
    ("words", "possessive"),
    [
        (["Үкімет", "басшысы"], True),
        (["Қазақстан", "Республикасы"], True),
        (["Алматы"], False),
        (["Челябі"], False),
        (["Еуразиялық", "экономикалық", "одақ"], False),
    ],
)
def test_possessive_form_detection(words: list[str], possessive: bool) -> None:
    assert is_possessive_form(words) is possessive


@pytest.mark.parametrize(
    ("glossary", "word", "case", "regular"),
    [
        ("Мишустин", "Мишустинге", D, True),
        ("Мишустин", "Мишустинға", D, False),  # wrong harmony
        ("Нұр-Сұлтан", "Нұр-Сұлтанде", L, False),
        ("Нұр-Сұлтан", "Нұр-Сұлтанда", L, True),
        ("Премьер-Министр", "Премьер-Министрдың", G, False),
        ("Премьер-Министр", "Премьер-Министрдің", G, True),
    ],
)
def test_reading_endings_regular_or_not(
    glossary: str, word: str, case: Case, regular: bool
) -> None:
    match = term_form(glossary, "kk").match_word(0, word)
    assert match is not None and match.features is not None
    assert Features(case) in match.features
    assert match.regular is regular


def test_possessive_term_without_pronominal_n_is_read_as_irregular() -> None:
    form = term_form("Қазақстан Республикасының Премьер-Министрі", "kk")
    match = form.match_word(2, "Премьер-Министріге")
    assert match is not None and match.regular is False
    assert match.features == frozenset({Features(D)})


def test_indeclinable_hint_keeps_the_form() -> None:
    form = term_form("Digital Almaty", "kk", hints=Morphology(indeclinable=True))
    assert form.generate(Features(L)) == "Digital Almaty"
