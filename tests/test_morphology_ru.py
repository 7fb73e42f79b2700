"""Russian inflection of glossary terms: dictionary words, names, titles, indeclinables."""

from __future__ import annotations

import pytest

from toolkit.glossary.termbase import Gender, Morphology
from toolkit.morphology import Case, Features, governed_cases, is_known_word, term_form
from toolkit.morphology.ru import rank_readings

N, G, D, A, INS, L = (
    Case.NOMINATIVE,
    Case.GENITIVE,
    Case.DATIVE,
    Case.ACCUSATIVE,
    Case.INSTRUMENTAL,
    Case.LOCATIVE,
)
MALE = Morphology(gender=Gender.MASCULINE)

# (form, person, hints): genitive, dative, accusative, instrumental, prepositional
DECLENSION = [
    (
        "Алихан Смаилов",
        True,
        MALE,
        (
            "Алихана Смаилова",
            "Алихану Смаилову",
            "Алихана Смаилова",
            "Алиханом Смаиловым",
            "Алихане Смаилове",
        ),
    ),
    (
        "Касым-Жомарт Токаев",
        True,
        MALE,
        (
            "Касым-Жомарта Токаева",
            "Касым-Жомарту Токаеву",
            "Касым-Жомарта Токаева",
            "Касым-Жомартом Токаевым",
            "Касым-Жомарте Токаеве",
        ),
    ),
    (
        "Михаил Мишустин",
        True,
        MALE,
        (
            "Михаила Мишустина",
            "Михаилу Мишустину",
            "Михаила Мишустина",
            "Михаилом Мишустиным",
            "Михаиле Мишустине",
        ),
    ),
    (
        "Евгений Куйвашев",
        True,
        MALE,
        (
            "Евгения Куйвашева",
            "Евгению Куйвашеву",
            "Евгения Куйвашева",
            "Евгением Куйвашевым",
            "Евгении Куйвашеве",
        ),
    ),
    (
        "Премьер-Министр Республики Казахстан",
        False,
        Morphology(inflect=("Премьер-Министр",)),
        (
            "Премьер-Министра Республики Казахстан",
            "Премьер-Министру Республики Казахстан",
            "Премьер-Министра Республики Казахстан",
            "Премьер-Министром Республики Казахстан",
            "Премьер-Министре Республики Казахстан",
        ),
    ),
    (
        "Председатель Правительства Российской Федерации",
        False,
        Morphology(inflect=("Председатель",)),
        (
            "Председателя Правительства Российской Федерации",
            "Председателю Правительства Российской Федерации",
            "Председателя Правительства Российской Федерации",
            "Председателем Правительства Российской Федерации",
            "Председателе Правительства Российской Федерации",
        ),
    ),
    (
        "Российская Федерация",
        False,
        Morphology(),
        (
            "Российской Федерации",
            "Российской Федерации",
            "Российскую Федерацию",
            "Российской Федерацией",
            "Российской Федерации",
        ),
    ),
    (
        "Высший Евразийский экономический совет",
        False,
        Morphology(),
        (
            "Высшего Евразийского экономического совета",
            "Высшему Евразийскому экономическому совету",
            "Высший Евразийский экономический совет",
            "Высшим Евразийским экономическим советом",
            "Высшем Евразийском экономическом совете",
        ),
    ),
    (
        "Генеральное консульство Республики Казахстан",
        False,
        Morphology(inflect=("Генеральное", "консульство")),
        (
            "Генерального консульства Республики Казахстан",
            "Генеральному консульству Республики Казахстан",
            "Генеральное консульство Республики Казахстан",
            "Генеральным консульством Республики Казахстан",
            "Генеральном консульстве Республики Казахстан",
        ),
    ),
    (
        "Казахстанско-российская программа совместных действий",
        False,
        Morphology(inflect=("Казахстанско-российская", "программа")),
        (
            "Казахстанско-российской программы совместных действий",
            "Казахстанско-российской программе совместных действий",
            "Казахстанско-российскую программу совместных действий",
            "Казахстанско-российской программой совместных действий",
            "Казахстанско-российской программе совместных действий",
        ),
    ),
    (
        "российский премьер",
        False,
        Morphology(),
        (
            "российского премьера",
            "российскому премьеру",
            "российского премьера",
            "российским премьером",
            "российском премьере",
        ),
    ),
    (
        "глава правительства",
        False,
        Morphology(inflect=("глава",)),
        (
            "главы правительства",
            "главе правительства",
            "главу правительства",
            "главой правительства",
            "главе правительства",
        ),
    ),
    (
        "Алма-Ата",
        False,
        Morphology(),
        ("Алма-Аты", "Алма-Ате", "Алма-Ату", "Алма-Атой", "Алма-Ате"),
    ),
    ("Алматы", False, Morphology(indeclinable=True), ("Алматы",) * 5),
    ("ШОС", False, Morphology(gender=Gender.FEMININE, indeclinable=True), ("ШОС",) * 5),
    (
        "Костанай",
        False,
        Morphology(),
        ("Костаная", "Костанаю", "Костанай", "Костанаем", "Костанае"),
    ),
    ("Тюмень", False, Morphology(), ("Тюмени", "Тюмени", "Тюмень", "Тюменью", "Тюмени")),
    (
        "ИННОПРОМ",
        False,
        Morphology(),
        ("ИННОПРОМа", "ИННОПРОМу", "ИННОПРОМ", "ИННОПРОМом", "ИННОПРОМе"),
    ),
    (
        "Договор о добрососедстве и союзничестве в XXI веке",
        False,
        Morphology(inflect=("Договор",)),
        (
            "Договора о добрососедстве и союзничестве в XXI веке",
            "Договору о добрососедстве и союзничестве в XXI веке",
            "Договор о добрососедстве и союзничестве в XXI веке",
            "Договором о добрососедстве и союзничестве в XXI веке",
            "Договоре о добрососедстве и союзничестве в XXI веке",
        ),
    ),
]


def _rows() -> list[tuple[str, bool, Morphology, Case, str]]:
    rows = []
    for form, person, hints, forms in DECLENSION:
        for case, expected in zip((G, D, A, INS, L), forms, strict=True):
            rows.append((form, person, hints, case, expected))
    return rows


@pytest.mark.parametrize(("form", "person", "hints", "case", "expected"), _rows())
def test_generate(form: str, person: bool, hints: Morphology, case: Case, expected: str) -> None:
    compiled = term_form(form, "ru", person=person, hints=hints)
    assert compiled.generate(Features(case)) == expected
    assert compiled.generate(Features(N)) == form


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("Смаилов", "Смаиловы Смаиловых Смаиловым Смаиловых Смаиловыми Смаиловых"),
        ("Российская Федерация", None),
    ],
)
def test_plural(form: str, expected: str | None) -> None:
    compiled = term_form(form, "ru", person=form == "Смаилов", hints=MALE)
    plural = [compiled.generate(Features(c, plural=True)) for c in (N, G, D, A, INS, L)]
    if expected is not None:
        assert " ".join(plural) == expected
    else:
        assert plural[1] == "Российских Федераций"


def test_feminine_surname() -> None:
    form = term_form("Смаилова", "ru", person=True, hints=Morphology(gender=Gender.FEMININE))
    assert [form.generate(Features(c)) for c in (G, D, A, INS)] == [
        "Смаиловой",
        "Смаиловой",
        "Смаилову",
        "Смаиловой",
    ]


@pytest.mark.parametrize(
    ("form", "person", "word", "cases"),
    [
        ("Смайлов", True, "Смайлову", {D}),
        ("Смайлов", True, "Смайловым", {INS}),  # plural dative is the same letters
        ("премьер-министр Казахстана", False, "премьер-министру", {D}),
        ("Алма-Ата", False, "Алма-Ате", {D, L}),
        ("российский премьер", False, "российским", {INS}),  # masculine: not the neuter
    ],
)
def test_readings(form: str, person: bool, word: str, cases: set[Case]) -> None:
    match = term_form(form, "ru", person=person, hints=MALE).match_word(0, word)
    assert match is not None and match.features is not None
    assert {f.case for f in match.features if not f.plural} == cases


def test_a_multi_word_occurrence_reads_as_the_agreement_of_its_words() -> None:
    form = term_form("российский премьер", "ru")
    (found,) = form.find("Во время встречи с российским премьером Михаилом Мишустиным")
    assert found.features == frozenset({Features(INS)})  # российским alone could be dative plural


def test_fixed_words_must_be_exact() -> None:
    form = term_form(
        "Премьер-Министр Республики Казахстан", "ru", hints=Morphology(inflect=("Премьер-Министр",))
    )
    assert form.find("Премьер-Министра Республики Казахстана") == []
    assert len(form.find("Премьер-Министра Республики Казахстан")) == 1


def test_prepositions_and_dictionary() -> None:
    assert governed_cases("ru", "с")[0] is INS
    assert governed_cases("ru", "к") == (D,)
    assert governed_cases("ru", "Мишустин") == ()
    assert governed_cases("kk", "с") == ()
    assert is_known_word("ru", "челябинскую") == ("челябинский",)
    assert is_known_word("ru", "Мишустену") is None
    assert is_known_word("kk", "Алматы") is None


def test_rank_readings_prefers_the_likelier_parse() -> None:
    assert rank_readings("Тюмени", [Features(D), Features(L), Features(G)])[0] == Features(L)
