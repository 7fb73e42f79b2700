"""``quotes``, ``punctuation`` and ``whitespace`` on real sentences of the corpus."""

from __future__ import annotations

import pytest

from toolkit.checks import run_checks, select_checks
from toolkit.checks.typography import final_mark
from toolkit.gettext.model import Catalog, Message
from toolkit.project.catalogs import CatalogFile

Finding = tuple[int, str, str, str]  # line, severity, message fragment, marked text


def run(
    check: str, language: str, pairs: list[tuple[str, str, str | None]]
) -> list[tuple[int, str, str, str]]:
    """Findings of *check* for (segment id, source, target) triples, one catalog, in order."""
    messages = tuple(
        Message(
            source,
            target,
            extracted_comments=(f"{segment} (text)",) if segment else (),
            lineno=i,
        )
        for i, (source, target, segment) in enumerate(pairs, start=1)
    )
    catalog = Catalog(header=(("Language", language),), messages=messages)
    report = run_checks(
        [CatalogFile.in_memory("x.po", catalog, language)], checks=select_checks([check])
    )
    return [
        (
            f.location.line,
            f.severity.label,
            f.message,
            f.subject[f.span[0] : f.span[1]] if f.span else "",
        )
        for f in report.findings
    ]


def assert_found(found: list[tuple[int, str, str, str]], expected: list[Finding]) -> None:
    assert len(found) == len(expected), found
    for (line, severity, message, marked), (want_line, want, fragment, want_marked) in zip(
        found, expected, strict=True
    ):
        assert (line, severity, marked) == (want_line, want, want_marked)
        assert fragment in message


# --- quotes ----------------------------------------------------------------------------------

# A quotation that opens in one sentence and closes in the next (consulate article, p8).
OPEN_EN = (
    "Kazakhstan's regions and cities have built up a steady dialogue with virtually all of "
    "Russia's constituent entities."
)
OPEN_RU = (
    "«Регионы и города Казахстана выстроили устойчивый диалог практически со всеми субъектами "
    "России."
)
CLOSE_EN = (
    "In this regard, the Urals region is important both in terms of geographical proximity and "
    'in terms of established trade and economic relations," Alikhan Smailov emphasized.'
)
CLOSE_RU = (
    "В этом плане Урал важен как с точки зрения географической близости, так и с точки зрения "
    "сложившихся торгово-экономических связей»,\u00a0— подчеркнул Алихан Смаилов."
)
SAID_EN = (
    "«I believe our countries will fully take the opportunity offered to demonstrate their "
    "developments,» said Smailov."
)
SAID_RU = (
    "«Считаю, что наши страны в полной мере воспользуются предоставленной возможностью, чтобы "
    "продемонстрировать свои разработки»,\u00a0— сказал Алихан Смаилов."
)
SAID_KK = (
    "«Елдеріміз өз әзірлемелерін көрсетуге берілген мүмкіндікті толық пайдаланады деп "
    "санаймын»,\u00a0— деді Әлихан Смайылов."
)


@pytest.mark.parametrize(
    ("language", "pairs", "expected"),
    [
        ("ru", [(OPEN_EN, OPEN_RU, "p8.s1"), (CLOSE_EN, CLOSE_RU, "p8.s2")], []),
        ("ru", [(SAID_EN, SAID_RU, "p3.s1")], []),
        ("kk", [(SAID_EN, SAID_KK, "p3.s1")], []),
        # the sentence that closes the quotation is not translated yet: nothing to judge
        ("ru", [(OPEN_EN, OPEN_RU, "p8.s1"), (CLOSE_EN, "", "p8.s2")], []),
        # the closing quote dropped from the second sentence
        (
            "ru",
            [(OPEN_EN, OPEN_RU, "p8.s1"), (CLOSE_EN, CLOSE_RU.replace("»", ""), "p8.s2")],
            [(1, "warning", "« is not closed in this paragraph", "«")],
        ),
        # sentences of different paragraphs do not close each other's quotes (the second
        # paragraph's source has no opening quote either: info there)
        (
            "ru",
            [(OPEN_EN, OPEN_RU, "p8.s1"), (CLOSE_EN, CLOSE_RU, "p9.s1")],
            [
                (1, "warning", "« is not closed in this paragraph", "«"),
                (2, "info", "closing » without an opening one in this paragraph (so is", "»"),
            ],
        ),
        # without paragraph ids a sentence can only be judged alone, and only as info
        (
            "ru",
            [(OPEN_EN, OPEN_RU, None)],
            [(1, "info", "« is not closed in this entry (no paragraph ids", "«")],
        ),
        # the source does not balance either: the translation followed it
        (
            "ru",
            [
                (
                    "«It is important not to compromise the effectiveness.",
                    "«Важно не снижать эффективность.",
                    "p10.s1",
                )
            ],
            [(1, "info", "« is not closed in this paragraph (so is one in the source)", "«")],
        ),
        # English quotation marks in a Russian or Kazakh translation
        (
            "ru",
            [(SAID_EN, SAID_RU.replace("«", "“").replace("»", "”"), "p3.s1")],
            [(1, "warning", "2 quotation mark(s) like '“': ru writes «…» („…“ inside)", "“")],
        ),
        (
            "kk",
            [(SAID_EN, SAID_KK.replace("«", '"').replace("»", '"'), "p3.s1")],
            [(1, "warning", "2 quotation mark(s) like '\"': kk writes «…»", '"')],
        ),
        # „“ inside «» is the rule; «» inside «» is a remark
        (
            "ru",
            [(SAID_EN, "«Он назвал выставку „ИННОПРОМ“ главной»,\u00a0— сказал он.", "p3.s1")],
            [],
        ),
        (
            "ru",
            [(SAID_EN, "«Он назвал выставку «ИННОПРОМ» главной»,\u00a0— сказал он.", "p3.s1")],
            [(1, "info", "« inside «»: quotes inside quotes are „“", "«")],
        ),
        (
            "ru",
            [("Yekaterinburg (Russia)", "Екатеринбург (Россия", "p1.s1")],
            [(1, "warning", "( is not closed in this paragraph", "(")],
        ),
    ],
)
def test_quotes(
    language: str, pairs: list[tuple[str, str, str | None]], expected: list[Finding]
) -> None:
    assert_found(run("quotes", language, pairs), expected)


# --- punctuation -----------------------------------------------------------------------------

TITLE_EN = "Mikhail Mishustin meets with Prime Minister of Kazakhstan Alihan Smailov"
TITLE_RU = "Михаил Мишустин встретился с Премьер-Министром Республики Казахстан Алиханом Смаиловым"
GREETING_EN = "Alihan Smailov: Mr Mishustin, colleagues."
GREETING_RU = "Алихан Смаилов: Уважаемый господин Мишустин, коллеги!"


@pytest.mark.parametrize(
    ("language", "source", "target", "expected"),
    [
        ("ru", TITLE_EN, TITLE_RU, []),
        ("ru", GREETING_EN, GREETING_RU, []),  # "." may become "!" in an address
        ("ru", SAID_EN, SAID_RU, []),
        ("kk", SAID_EN, SAID_KK, []),
        ("ru", OPEN_EN, OPEN_RU, []),
        ("ru", "YEKATERINBURG. KAZINFORM -", "ЕКАТЕРИНБУРГ. КАЗИНФОРМ –", []),
        (
            "ru",
            SAID_EN,
            SAID_RU.removesuffix("."),
            [(1, "warning", "the source ends with '.', the translation does not", "в")],
        ),
        (
            "ru",
            TITLE_EN,
            TITLE_RU + ".",
            [(1, "warning", "the source has no final mark (a title, caption or heading)", ".")],
        ),
        (
            "ru",
            "YEKATERINBURG. KAZINFORM -",
            "ЕКАТЕРИНБУРГ. КАЗИНФОРМ",
            [(1, "warning", "the source ends with a dash, the translation does not", "М")],
        ),
        (
            "ru",
            "Is the Treaty still in force?",
            "Договор все еще действует.",
            [(1, "warning", "the source ends with '?', the translation with '.'", ".")],
        ),
        (
            "ru",
            SAID_EN,
            SAID_RU.replace("»,\u00a0—", ",»\u00a0—"),
            [(1, "warning", "',»': ru puts the comma after the closing quote", ",»")],
        ),
        (
            "ru",
            "«Our cooperation has stood the test of time.»",
            "«Наше сотрудничество выдержало проверку временем.»",
            [(1, "warning", "'.»': ru puts the period after the closing quote", ".»")],
        ),
        (
            "kk",
            SAID_EN,
            SAID_KK.replace("»,\u00a0— деді", "», деді"),
            [(1, "warning", "direct speech: kk writes «…», — and then who said it", "»,")],
        ),
    ],
)
def test_punctuation(language: str, source: str, target: str, expected: list[Finding]) -> None:
    assert_found(run("punctuation", language, [(source, target, "p1.s1")]), expected)


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("said Smailov.", "."),
        ("«It is important.»", "."),
        ('the Urals region is important,"', ""),
        ("Really?!", "!"),
        ("And so...", "…"),
        ("YEKATERINBURG. KAZINFORM -", "-"),
        ("Alikhan Smailov opens the Consulate General", ""),
    ],
)
def test_final_mark(text: str, mark: str) -> None:
    assert final_mark(text) == mark


# --- whitespace ------------------------------------------------------------------------------

PARTNER_EN = "Russia is Kazakhstan’s main trade and economic partner."
PARTNER_RU = "Россия\u00a0— главный торгово-экономический партнер Казахстана."


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        (PARTNER_EN, PARTNER_RU, []),
        (SAID_EN, SAID_RU, []),
        (
            PARTNER_EN,
            " " + PARTNER_RU,
            [(1, "warning", "the translation starts with whitespace", " ")],
        ),
        (
            PARTNER_EN,
            PARTNER_RU + " ",
            [(1, "warning", "the translation ends with whitespace", " ")],
        ),
        (
            PARTNER_EN,
            PARTNER_RU.replace("главный ", "главный  "),
            [(1, "warning", "two or more spaces in a row", "  ")],
        ),
        (
            PARTNER_EN,
            PARTNER_RU.replace(" партнер", " партнер ,"),
            [(1, "warning", "a space before ','", " ")],
        ),
        (
            SAID_EN,
            SAID_RU.replace("«", "« "),
            [(1, "warning", "a space after '«'", " ")],
        ),
        (
            PARTNER_EN,
            PARTNER_RU.replace("\u00a0—", " —"),
            [(1, "info", "a plain space before '—': a no-break space", " ")],
        ),
        (
            PARTNER_EN,
            PARTNER_RU.replace(" главный", "\nглавный"),
            [(1, "warning", "'\\n' in the translation", "\n")],
        ),
    ],
)
def test_whitespace(source: str, target: str, expected: list[Finding]) -> None:
    assert_found(run("whitespace", "ru", [(source, target, "p1.s1")]), expected)
