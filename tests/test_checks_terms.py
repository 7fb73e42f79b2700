"""Glossary checks: term-missing, term-forbidden, term-inconsistent, and the inflection lookup.

Sentences are the corpus's own (translations/ru, translations/kk); failing cases edit a real
translation the way a machine translation or a hurried editor would get it wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.checks import find_inflected, run_checks, select_checks
from toolkit.findings import Location
from toolkit.gettext.model import Catalog, Message
from toolkit.glossary.storage import read_termbase
from toolkit.glossary.termbase import Termbase
from toolkit.project.catalogs import CatalogFile

GLOSSARY = Path(__file__).parent / "data" / "checks" / "project" / "glossary"
TERMBASE = read_termbase(GLOSSARY, ["ru", "kk"])


def run(
    check: str,
    language: str,
    pairs: list[tuple[str, str]],
    termbase: Termbase = TERMBASE,
) -> list[tuple[int, str, str]]:
    """(line, severity, message) of each finding of *check* over the pairs as one catalog."""
    messages = tuple(
        Message(source, target, extracted_comments=(f"p{i}.s1 (text)",), lineno=i)
        for i, (source, target) in enumerate(pairs, start=1)
    )
    catalog = Catalog(header=(("Language", language),), messages=messages)
    report = run_checks(
        [CatalogFile.in_memory("x.po", catalog, language)],
        checks=select_checks([check]),
        termbase=termbase,
    )
    return [(f.location.line, f.severity.label, f.message) for f in report.findings]


# --- find_inflected ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("form", "text", "language", "found"),
    [
        ("Алихан Смаилов", "встреча Премьер-Министра Алихана Смаилова", "ru", ["Алихана Смаилова"]),
        ("Алихан Смаилов", "с Алиханом Смаиловым", "ru", ["Алиханом Смаиловым"]),
        ("Россия", "въездом перевозчиков в Россию", "ru", ["Россию"]),
        ("Россия", "Президента Российской Федерации", "ru", []),  # an adjective, not Russia
        ("Уфа", "В этом году в Уфе мы проведем", "ru", ["Уфе"]),
        ("Курган", "Свердловскую, Курганскую и Тюменскую области", "ru", []),
        (
            "Премьер-Министр Республики Казахстан",
            "встречей с Премьер-Министром Республики Казахстан Алиханом",
            "ru",
            ["Премьер-Министром Республики Казахстан"],
        ),
        (
            "Договор о добрососедстве и союзничестве в XXI веке",
            "10-летие подписания Договора о добрососедстве и союзничестве в XXI веке.",
            "ru",
            ["Договора о добрососедстве и союзничестве в XXI веке"],
        ),
        ("Екатеринбург", "10 жыл бұрын Екатеринбургте екі ел", "kk", ["Екатеринбургте"]),
        ("Ресей", "Ресейдегі ең ірі өнеркәсіп көрмелерінің бірі", "kk", ["Ресейдегі"]),
        ("Алматы", "Алматыдағы цифрлық форумда", "kk", ["Алматыдағы"]),
        (
            "Қазақстан Республикасының Премьер-Министрі",
            "Қазақстан Республикасының Премьер-Министрінің баспасөз қызметіне",
            "kk",
            ["Қазақстан Республикасының Премьер-Министрінің"],
        ),
        ("премьер-министр", "Премьер-Министрдің айтуынша", "kk", ["Премьер-Министрдің"]),
        ("ШЫҰ", "ШЫҰ-ның елдері", "kk", ["ШЫҰ-ның"]),
        ("primeminister.kz", "деп хабарлайды primeminister.kz.", "kk", ["primeminister.kz"]),
        ("ЕКАТЕРИНБУРГ", "ЕКАТЕРИНБУРГ. КАЗИНФОРМ –", "ru", ["ЕКАТЕРИНБУРГ"]),
    ],
)
def test_find_inflected(form: str, text: str, language: str, found: list[str]) -> None:
    matches = find_inflected(form, text, language)
    assert [text[m.start : m.end] for m in matches] == found


@pytest.mark.parametrize(("case_sensitive", "found"), [(False, ["ИННОПРОМ"]), (True, [])])
def test_find_inflected_case_only_variant(case_sensitive: bool, found: list[str]) -> None:
    text = "«ИННОПРОМ» — одна из крупнейших промышленных выставок России."
    matches = find_inflected("Иннопром", text, "ru", case_sensitive=case_sensitive)
    assert [text[m.start : m.end] for m in matches] == found


# --- term-missing -----------------------------------------------------------------------------

SHORT_SOURCE = "Mr Smailov, you and I are in constant contact all the time."
LIST_SOURCE = (
    "The scope of the new diplomatic mission will extend throughout the Urals Federal "
    "District, including the Sverdlovsk, Chelyabinsk, Kurgan, and Tyumen regions and the Perm "
    "region."
)
LIST_RU = (
    "Деятельность нового дипломатического представительства распространится на весь "
    "Уральский федеральный округ, включая Свердловскую, Челябинскую, Курганскую и Тюменскую "
    "области, а также на Пермский край."
)
HEAD_SOURCE = (
    "In the city, the Head of Government first attended the official opening ceremony of the "
    "Consulate General of Kazakhstan, primeminister.kz reports."
)


@pytest.mark.parametrize(
    ("language", "source", "target", "expected"),
    [
        # the approved form, inflected
        (
            "ru",
            "In Almaty, the Prime Minister of the Republic of Kazakhstan Alikhan Smailov and "
            "Chairman of the Government of the Russian Federation Mikhail Mishustin met.",
            "В Алматы Премьер-Министр Республики Казахстан Алихан Смаилов встретился с "
            "Председателем Правительства Российской Федерации Михаилом Мишустиным.",
            [],
        ),
        (
            "kk",
            "Smailov added that industrial cooperation is one of the priority areas of "
            "cooperation between Kazakhstan and Russia.",
            "Әлихан Смайылов сондай-ақ өнеркәсіптік кооперация Қазақстан мен Ресей арасындағы "
            "ынтымақтастықтың басым бағыттарының бірі екенін айтты.",
            [],
        ),
        # a short variant of a person: the surname alone is enough
        ("ru", SHORT_SOURCE, "Господин Смаилов, мы с вами постоянно находимся на связи.", []),
        ("kk", SHORT_SOURCE, "Смайылов мырза, сіз екеуміз үнемі байланыстамыз.", []),
        (
            "ru",
            SHORT_SOURCE,
            "Господин премьер, мы с вами постоянно находимся на связи.",
            [("error", "'Smailov' (alikhan-smailov): approved 'Алихан Смаилов' not found")],
        ),
        # a title rendered without its official form
        (
            "ru",
            HEAD_SOURCE,
            "Здесь премьер первым делом принял участие в официальной церемонии открытия "
            "Генерального консульства Республики Казахстан, сообщает primeminister.kz.",
            [("error", "'Head of Government' (head-of-government)")],
        ),
        (
            "kk",
            "Alikhan Smailov opens the Consulate General of Kazakhstan in Yekaterinburg",
            "Әлихан Смайылов Екатеринбургте Қазақстанның консулдығын ашты",
            [("error", "(consulate-general-of-kazakhstan): approved 'Қазақстан Республикасының")],
        ),
        # a coordinated list: warnings, since adjectives and a moved head word are not matched
        (
            "ru",
            LIST_SOURCE,
            LIST_RU,
            [
                ("warning", "'Sverdlovsk' (sverdlovsk-region)"),
                ("warning", "'Kurgan' (kurgan)"),
                ("warning", "'Tyumen' (tyumen)"),
            ],
        ),
        # two glossary terms next to each other are not a list
        (
            "ru",
            HEAD_SOURCE,
            "Здесь глава Правительства первым делом принял участие в официальной церемонии "
            "открытия консульства, сообщает primeminister.kz.",
            [("error", "'Consulate General of Kazakhstan'")],
        ),
    ],
)
def test_term_missing(
    language: str, source: str, target: str, expected: list[tuple[str, str]]
) -> None:
    found = run("term-missing", language, [(source, target)])
    assert len(found) == len(expected), found
    for (_, severity, message), (want_severity, fragment) in zip(found, expected, strict=True):
        assert severity == want_severity
        assert fragment in message


def test_term_missing_says_nothing_without_a_glossary() -> None:
    empty = Termbase(languages=("ru",))
    assert (
        run("term-missing", "ru", [(SHORT_SOURCE, "Господин премьер, мы на связи.")], empty) == []
    )


# --- term-forbidden ---------------------------------------------------------------------------

FORUM_SOURCE = "The 19th Forum was successfully held last year in Kostanay."


@pytest.mark.parametrize(
    ("language", "source", "target", "expected"),
    [
        ("ru", FORUM_SOURCE, "В прошлом году в Костанае успешно прошел XIX Форум.", []),
        (
            "ru",
            FORUM_SOURCE,
            "В прошлом году в Кустанае успешно прошел XIX Форум.",
            ["'Кустанае' is a wrong variant 'Кустанай' of kostanay; use 'Костанай'"],
        ),
        ("kk", FORUM_SOURCE, "Өткен жылы Қостанайда XIX форум табысты өтті.", []),
        (
            "kk",
            FORUM_SOURCE,
            "Өткен жылы Костанайда XIX форум табысты өтті.",
            ["'Костанайда' is a wrong variant 'Костанай' of kostanay"],
        ),
        (
            "ru",
            "INNOPROM is one of the largest industrial exhibitions in Russia.",
            "«Иннопром» — одна из крупнейших промышленных выставок России.",
            ["'Иннопром' is a wrong variant 'Иннопром' of innoprom; use 'ИННОПРОМ'"],
        ),
        (
            "ru",
            "INNOPROM is one of the largest industrial exhibitions in Russia.",
            "«ИННОПРОМ» — одна из крупнейших промышленных выставок России.",
            [],
        ),
        (
            "kk",
            "«I believe our countries will fully take the opportunity offered,» said Smailov.",
            "«Елдеріміз берілген мүмкіндікті толық пайдаланады деп санаймын», — деді Смаиловтың.",
            ["'Смаиловтың' is a wrong variant 'Смаилов' of alikhan-smailov"],
        ),
        # a wrong variant is wrong even where the source does not name the concept
        (
            "ru",
            HEAD_SOURCE,
            "Здесь премьер-министр Казахстана первым делом принял участие в церемонии открытия "
            "Генерального консульства Республики Казахстан, сообщает primeminister.kz.",
            ["'премьер-министр Казахстана' is a wrong variant"],
        ),
    ],
)
def test_term_forbidden(language: str, source: str, target: str, expected: list[str]) -> None:
    found = run("term-forbidden", language, [(source, target)])
    assert [severity for _, severity, _ in found] == ["error"] * len(expected)
    for (_, _, message), fragment in zip(found, expected, strict=True):
        assert fragment in message


def test_term_forbidden_wrong_variant_is_not_also_missing() -> None:
    target = "В прошлом году в Кустанае успешно прошел XIX Форум."
    assert run("term-missing", "ru", [(FORUM_SOURCE, target)]) == []


# --- term-inconsistent ------------------------------------------------------------------------

PM_PAIRS = [
    (
        "As Prime Minister noted, the opening of the Consulate General will give an impetus.",
        "Как отметил Премьер-Министр, открытие Генерального консульства придаст импульс.",
    ),
    (
        "In conclusion, the Prime Minister expressed confidence.",
        "В завершение Премьер-Министр выразил уверенность.",
    ),
    (
        "The Prime Minister wished his staff success in their work.",
        "Премьер-Министр пожелал сотрудникам успехов в работе.",
    ),
]


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        # one way of writing it everywhere, a sentence-initial capital aside
        (PM_PAIRS, []),
        # a lower-case title where the catalog otherwise capitalises it
        (
            [
                *PM_PAIRS,
                (
                    "He said the Prime Minister supported it.",
                    "Он сказал, что премьер-министр это поддержал.",
                ),
            ],
            [(4, "prime-minister is written 'премьер-министр' here and 'Премьер-Министр' in 3")],
        ),
        # the approved form in most entries, a wrong variant in one
        (
            [
                ("Alikhan Smailov arrived.", "Алихан Смаилов прибыл."),
                ("Alikhan Smailov spoke.", "Алихан Смаилов выступил."),
                ("Alikhan Smailov left.", "Алихан Смайлов уехал."),
            ],
            [(3, "alikhan-smailov is written 'Смайлов' here and 'Алихан Смаилов' in 2")],
        ),
    ],
)
def test_term_inconsistent(pairs: list[tuple[str, str]], expected: list[tuple[int, str]]) -> None:
    found = run("term-inconsistent", "ru", pairs)
    assert [(line, severity) for line, severity, _ in found] == [
        (line, "warning") for line, _ in expected
    ]
    for (_, _, message), (_, fragment) in zip(found, expected, strict=True):
        assert fragment in message


def test_term_inconsistent_spans_catalogs_of_a_language() -> None:
    def catalog(name: str, target: str) -> CatalogFile:
        message = Message(
            "The Prime Minister spoke.", target, extracted_comments=("p1.s1 (text)",), lineno=5
        )
        return CatalogFile.in_memory(name, Catalog(messages=(message,)), "ru")

    report = run_checks(
        [
            catalog("a.po", "Премьер-Министр выступил."),
            catalog("b.po", "Затем Премьер-Министр выступил."),
            catalog("c.po", "Затем премьер-министр выступил."),
        ],
        checks=select_checks(["term-inconsistent"]),
        termbase=TERMBASE,
    )
    assert [f.location for f in report.findings] == [Location("c.po", 5)]
    assert "in 2 other place(s) of 2 catalog(s)" in report.findings[0].message
