"""``numbers``: every number of the source in the translation, as Russian and Kazakh write it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from toolkit.checks import run_checks, select_checks
from toolkit.checks.numbers import read_numbers
from toolkit.gettext.model import Catalog, Message
from toolkit.locales import number_scales, number_symbols
from toolkit.project.catalogs import CatalogFile


def run(language: str, source: str, target: str) -> list[tuple[str, str, str]]:
    message = Message(source, target, extracted_comments=("p1.s1 (text)",), lineno=1)
    catalog = Catalog(header=(("Language", language),), messages=(message,))
    report = run_checks(
        [CatalogFile.in_memory("x.po", catalog, language)], checks=select_checks(["numbers"])
    )
    return [
        (f.severity.label, f.message, f.subject[f.span[0] : f.span[1]] if f.span else "")
        for f in report.findings
    ]


TRADE = (
    "In 2021, bilateral trade turnover between Kazakhstan and Russia reached a record figure "
    "of $24.2bn rising by almost a third."
)
TRADE_RU = (
    "В 2021\u00a0году двусторонний товарооборот Казахстана и России вырос почти на треть и "
    "достиг рекордного показателя\u00a0— 24,2\u00a0млрд долларов."
)
AREA = (
    "Kazakhstan is the partner country of the event this year, unveiling its exposition on an "
    "area of 1,600 square meters and bringing 200 domestic companies representing all sectors "
    "of the industry."
)
AREA_RU = (
    "В этом году Казахстан выступает страной-партнером выставки: на площади 1\u00a0600\u00a0кв."
    "\u00a0м развернута национальная экспозиция, в которой представлены 200\u00a0отечественных "
    "компаний из всех отраслей промышленности."
)
FORUM = "The 19th Forum was successfully held last year in Kostanay."


@pytest.mark.parametrize(
    ("language", "source", "target"),
    [
        ("ru", TRADE, TRADE_RU),
        (
            "kk",
            TRADE,
            "2021\u00a0жылы Қазақстан мен Ресей арасындағы екіжақты тауар айналымы үштен бірге "
            "жуық өсіп, рекордтық көрсеткішке\u00a0— 24,2\u00a0млрд долларға жетті.",
        ),
        ("ru", AREA, AREA_RU),
        ("ru", AREA, AREA_RU.replace("1\u00a0600", "1600")),  # grouping is optional
        ("ru", AREA, AREA_RU.replace("1\u00a0600", "1 600")),  # a plain space groups too
        (
            "kk",
            "There are over 90,000 Kazakhs living in the Consular District, including over "
            "7,000 students from the Republic of Kazakhstan.",
            "Консулдық округте 90\u00a0мыңнан астам қазақ тұрады, оның ішінде Қазақстан "
            "Республикасынан келген 7\u00a0мыңнан астам студент бар.",
        ),
        (
            "ru",
            "Thanks to joint work the two countries have carried out 13 major cooperation "
            "projects worth $437.8mln and nine new ones worth $3bn in the industrial field.",
            "Благодаря совместной работе в промышленной сфере две страны реализовали 13\u00a0"
            "крупных кооперационных проектов на сумму 437,8\u00a0млн долларов, а также девять "
            "новых проектов на 3\u00a0млрд долларов.",
        ),
        (
            "ru",
            "In January-November, mutual trade totalled 2.3 trillion Russian roubles.",
            "В январе\u00a0— ноябре взаимная торговля составила 2,3\u00a0трлн российских рублей.",
        ),
        (
            "ru",
            "This year the positive trend has so far maintained as the figure hit $9.2bn "
            "increasing by nealy 5% in January-May.",
            "В этом году положительная динамика пока сохраняется: в январе\u00a0— мае показатель "
            "вырос почти на 5% и достиг 9,2\u00a0млрд долларов.",
        ),
        (  # an ordinal, and a spelled-out number in the source that the target writes in digits
            "ru",
            "On the sidelines of the 12th International Industrial Exhibition INNOPROM, "
            "trade increased by almost five percent.",
            "На полях 12-й Международной промышленной выставки «ИННОПРОМ» товарооборот "
            "увеличился почти на 5%.",
        ),
        (
            "kk",
            "the 12th International Industrial Exhibition",
            "12-ші халықаралық өнеркәсіп көрмесі",
        ),
        (  # a range and a date
            "ru",
            "the INNOPROM international industrial exhibition taking place July 4-7 in "
            "Ekaterinburg",
            "международной промышленной выставке «ИННОПРОМ», которая проходит 4–7\u00a0июля в "
            "Екатеринбурге",
        ),
        (
            "kk",
            "Mikhail Mishustin meets with Prime Minister of Kazakhstan Alihan Smailov "
            "1 February 2024",
            "Михаил Мишустиннің Қазақстан Республикасының Премьер-Министрі Әлихан Смайыловпен "
            "кездесуі, 2024\u00a0жылғы 1\u00a0ақпан",
        ),
        # Roman numerals: an ordinal in the source, a Roman numeral in the target, and back
        ("ru", FORUM, "В прошлом году в Костанае успешно прошел XIX Форум."),
        (
            "ru",
            "Last year we celebrated the 10th anniversary of signing the Treaty on "
            "Neighbourliness and Alliance in the 21st Century.",
            "В прошлом году мы отметили 10-летие подписания Договора о добрососедстве и "
            "союзничестве в XXI веке.",
        ),
        (
            "kk",
            "to participate in INNOPROM, the XIII International Industrial Exhibition.",
            "XIII «ИННОПРОМ» халықаралық өнеркәсіп көрмесіне қатысу үшін.",
        ),
        # a small number spelled out in the translation
        ("ru", "the 2 countries signed it", "обе страны, две стороны, подписали его"),
        (
            "kk",
            "Nine more joint projects worth $3 billion are underway.",
            "Құны 3\u00a0млрд доллар болатын тағы тоғыз бірлескен жоба іске асырылып жатыр.",
        ),
    ],
)
def test_numbers_pass(language: str, source: str, target: str) -> None:
    assert run(language, source, target) == []


@pytest.mark.parametrize(
    ("language", "source", "target", "expected"),
    [
        (
            "ru",
            TRADE,
            TRADE_RU.replace("млрд", "млн"),
            [
                (
                    "error",
                    "'24.2bn' is '24,2 млн' in the translation: a different amount",
                    "24,2\u00a0млн",
                )
            ],
        ),
        (
            "ru",
            TRADE,
            TRADE_RU.replace("2021", "2020"),
            [("error", "'2021' of the source is not in the translation", "")],
        ),
        (
            "ru",
            TRADE,
            TRADE_RU.replace("24,2", "24.2"),
            [("warning", "'24.2' is written as in the source; ru writes '24,2'", "24.2")],
        ),
        (
            "ru",
            AREA,
            AREA_RU.replace("1\u00a0600", "1,600"),
            [("warning", "'1,600' is written as in the source; ru writes '1 600'", "1,600")],
        ),
        (
            "ru",
            AREA,
            AREA_RU.replace("200\u00a0", "двести "),
            [("error", "'200' of the source is not in the translation", "")],
        ),
        (
            "ru",
            AREA,
            AREA_RU.replace("1\u00a0600", "16\u00a0000"),
            [("error", "'1,600' of the source is not in the translation (as '1 600')", "")],
        ),
        (
            "ru",
            FORUM,
            "В прошлом году в Костанае успешно прошел XVIII Форум.",
            [("error", "'19' of the source is not in the translation", "")],
        ),
        (
            "kk",
            "to participate in INNOPROM, the XIII International Industrial Exhibition.",
            "«ИННОПРОМ» халықаралық өнеркәсіп көрмесіне қатысу үшін.",
            [("error", "'XIII' of the source is not in the translation", "")],
        ),
    ],
)
def test_numbers_fail(
    language: str, source: str, target: str, expected: list[tuple[str, str, str]]
) -> None:
    assert run(language, source, target) == expected


def test_numbers_point_into_the_source() -> None:
    message = Message(TRADE, TRADE_RU.replace("2021", "2020"), lineno=1)
    report = run_checks(
        [CatalogFile.in_memory("x.po", Catalog(messages=(message,)), "ru")],
        checks=select_checks(["numbers"]),
    )
    (finding,) = report.findings
    assert finding.source_span is not None
    assert TRADE[finding.source_span[0] : finding.source_span[1]] == "2021"


@pytest.mark.parametrize(
    ("text", "language", "values"),
    [
        ("$24.2bn and $437.8mln, 1,600 square meters", "en", ["24200000000", "437800000", "1600"]),
        ("I believe the XXI century", "en", ["21"]),  # the pronoun I is not a numeral
        ("$3m, not 3 m", "en", ["3000000", "3"]),  # a glued letter is a scale, a spaced one not
        ("24,2\u00a0млрд и 1\u00a0600\u00a0кв. м", "ru", ["24200000000", "1600"]),
        ("90\u00a0мыңнан астам", "kk", ["90000"]),
        ("XIX Форум", "ru", ["19"]),
    ],
)
def test_read_numbers(text: str, language: str, values: list[str]) -> None:
    found = read_numbers(text, language, source=language == "en")
    assert [n.value for n in found] == [Decimal(v) for v in values]


@pytest.mark.parametrize(
    ("language", "decimal", "scales"),
    [
        ("en", ".", {"thousand": 3, "million": 6, "billion": 9}),
        ("ru", ",", {"тыс.": 3, "млн": 6, "млрд": 9, "миллиардов": 9, "трлн": 12}),
        ("kk", ",", {"мың": 3, "млн": 6, "млрд": 9, "трлн": 12}),
    ],
)
def test_locale_number_data(language: str, decimal: str, scales: dict[str, int]) -> None:
    assert number_symbols(language).decimal == decimal
    assert number_scales(language).items() >= scales.items()
