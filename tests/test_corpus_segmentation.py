"""Sentence splitting and classification, table-driven over real paragraphs of the corpus."""

# Real corpus text: Cyrillic letters, typographic quotes and dashes are the point here.

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.corpus.segmentation import (
    Segment,
    SegmentKind,
    classify,
    find_dateline,
    foreign_script,
    script_of,
    segment_paragraph,
    segment_text,
    split_sentences,
    title_segment,
)

T = SegmentKind.TEXT
D = SegmentKind.DATELINE
C = SegmentKind.CAPTION
B = SegmentKind.BOILERPLATE
F = SegmentKind.FOREIGN

# (case name, paragraph as in the corpus, [(kind, segment text), ...]); the first paragraph of
# an article is segmented with dateline detection on, as segment_text does.
PARAGRAPHS = [
    (
        "dateline with agency, not split at its period",
        "YEKATERINBURG. KAZINFORM - On the sidelines of the 12th International Industrial "
        "Exhibition INNOPROM held in Yekaterinburg, Russia, a meeting between Prime Ministers of "
        "Kazakhstan and Russia Alikhan Smailov and Mikhail Mishustin took place, Kazinform cites "
        "the press service of the Kazakh Premier.",
        [
            (D, "YEKATERINBURG. KAZINFORM -"),
            (
                T,
                "On the sidelines of the 12th International Industrial Exhibition INNOPROM held "
                "in Yekaterinburg, Russia, a meeting between Prime Ministers of Kazakhstan and "
                "Russia Alikhan Smailov and Mikhail Mishustin took place, Kazinform cites the "
                "press service of the Kazakh Premier.",
            ),
        ],
    ),
    (
        "dateline with en dash; July 4-7",
        "NUR-SULTAN – Kazakhstan seeks to boost industrial cooperation with Russia, said Kazakh "
        "Prime Minister Alikhan Smailov attending the INNOPROM international industrial "
        "exhibition taking place July 4-7 in Ekaterinburg, Russia, reports his press office.",
        [
            (D, "NUR-SULTAN –"),
            (
                T,
                "Kazakhstan seeks to boost industrial cooperation with Russia, said Kazakh Prime "
                "Minister Alikhan Smailov attending the INNOPROM international industrial "
                "exhibition taking place July 4-7 in Ekaterinburg, Russia, reports his press "
                "office.",
            ),
        ],
    ),
    (
        "dateline with month and day",
        "RUSSIA, February 1 - The conversation took place on the sidelines of the Eurasian "
        "Intergovernmental Council meeting.",
        [
            (D, "RUSSIA, February 1 -"),
            (
                T,
                "The conversation took place on the sidelines of the Eurasian Intergovernmental "
                "Council meeting.",
            ),
        ],
    ),
    (
        "Mr without period, speaker label",
        "Alihan Smailov: Mr Mishustin, colleagues.",
        [(T, "Alihan Smailov: Mr Mishustin, colleagues.")],
    ),
    (
        "Mr in two sentences",
        "Mr Smailov, you and I are in constant contact all the time. We resolve any issues of "
        "our cooperation or on the bilateral agenda promptly.",
        [
            (T, "Mr Smailov, you and I are in constant contact all the time."),
            (T, "We resolve any issues of our cooperation or on the bilateral agenda promptly."),
        ],
    ),
    (
        "Mr. with a period is an abbreviation",
        "Esteemed Mr. Smailov, we have a broad agenda. I suggest moving on to the negotiations.",
        [
            (T, "Esteemed Mr. Smailov, we have a broad agenda."),
            (T, "I suggest moving on to the negotiations."),
        ],
    ),
    (
        "St Petersburg at the end",
        "These goals are reflected in the Declaration on the Further Development of Economic "
        "Processes within the Eurasian Economic Union, which was adopted by the leaders of the "
        "five member states at the Supreme Eurasian Economic Council meeting on 25 December in "
        "St Petersburg.",
        [
            (
                T,
                "These goals are reflected in the Declaration on the Further Development of "
                "Economic Processes within the Eurasian Economic Union, which was adopted by the "
                "leaders of the five member states at the Supreme Eurasian Economic Council "
                "meeting on 25 December in St Petersburg.",
            )
        ],
    ),
    (
        "St. Petersburg with a period",
        "The summit met in St. Petersburg. It lasted two days.",
        [(T, "The summit met in St. Petersburg."), (T, "It lasted two days.")],
    ),
    (
        "$24.2bn",
        "In 2021, bilateral trade turnover between Kazakhstan and Russia reached a record figure "
        "of $24.2bn rising by almost a third.",
        [
            (
                T,
                "In 2021, bilateral trade turnover between Kazakhstan and Russia reached a record "
                "figure of $24.2bn rising by almost a third.",
            )
        ],
    ),
    (
        "$437.8mln and $3bn",
        "Thanks to joint work the two countries have carried out 13 major cooperation projects "
        "worth $437.8mln and nine new ones worth $3bn in the industrial field.",
        [
            (
                T,
                "Thanks to joint work the two countries have carried out 13 major cooperation "
                "projects worth $437.8mln and nine new ones worth $3bn in the industrial field.",
            )
        ],
    ),
    (
        "primeminister.kz inside a sentence",
        "In Almaty, the Prime Minister of the Republic of Kazakhstan Alikhan Smailov and "
        "Chairman of the Government of the Russian Federation Mikhail Mishustin met. The talks "
        "were held on the eve of the meeting of the Eurasian Intergovernmental Council, "
        "primeminister.kz reports.",
        [
            (
                T,
                "In Almaty, the Prime Minister of the Republic of Kazakhstan Alikhan Smailov and "
                "Chairman of the Government of the Russian Federation Mikhail Mishustin met.",
            ),
            (
                T,
                "The talks were held on the eve of the meeting of the Eurasian Intergovernmental "
                "Council, primeminister.kz reports.",
            ),
        ],
    ),
    (
        "2.3 trillion, 1.5 trillion, January-November",
        "Despite the difficult situation in the world, as you mentioned, our trade and economic "
        "cooperation are developing successfully. In January-November, mutual trade totalled "
        "2.3 trillion Russian roubles. The combined investments of Russian companies in "
        "Kazakhstan’s economy reached more than 1.5 trillion roubles.",
        [
            (
                T,
                "Despite the difficult situation in the world, as you mentioned, our trade and "
                "economic cooperation are developing successfully.",
            ),
            (T, "In January-November, mutual trade totalled 2.3 trillion Russian roubles."),
            (
                T,
                "The combined investments of Russian companies in Kazakhstan’s economy reached "
                "more than 1.5 trillion roubles.",
            ),
        ],
    ),
    (
        "1,600 square meters",
        "INNOPROM is one of the largest industrial exhibitions in Russia. Kazakhstan is the "
        "partner country of the event this year, unveiling its exposition on an area of 1,600 "
        "square meters and bringing 200 domestic companies representing all sectors of the "
        "industry.",
        [
            (T, "INNOPROM is one of the largest industrial exhibitions in Russia."),
            (
                T,
                "Kazakhstan is the partner country of the event this year, unveiling its "
                "exposition on an area of 1,600 square meters and bringing 200 domestic companies "
                "representing all sectors of the industry.",
            ),
        ],
    ),
    (
        "quote in «» ending in ,» then said Smailov.",
        "«I believe our countries will fully take the opportunity offered to demonstrate their "
        "developments, establish profitable and perspective business contacts,» said Smailov.",
        [
            (
                T,
                "«I believe our countries will fully take the opportunity offered to demonstrate "
                "their developments, establish profitable and perspective business contacts,» "
                "said Smailov.",
            )
        ],
    ),
    (
        "two-sentence quote in «» (typos kept)",
        "«It is important not to compromise the effectiveness of this work. The Kazakh "
        "government is determined to continue the multifacted work to ensure a dynamic "
        "development of Kazakh-Russain strategic partnerhsip in all areas,» said the Kazakh "
        "Prime Minister.",
        [
            (T, "«It is important not to compromise the effectiveness of this work."),
            (
                T,
                "The Kazakh government is determined to continue the multifacted work to ensure a "
                "dynamic development of Kazakh-Russain strategic partnerhsip in all areas,» said "
                "the Kazakh Prime Minister.",
            ),
        ],
    ),
    (
        "quote in “” ending in ,” then he added.",
        "“Systematic work is underway to develop multifaceted economic ties between our "
        "countries,” he added.",
        [
            (
                T,
                "“Systematic work is underway to develop multifaceted economic ties between our "
                "countries,” he added.",
            )
        ],
    ),
    (
        "sentence ending inside quotes",
        "During his meeting with Russian PM Mikhail Mishustin, Smailov reaffirmed Kazakhstan’s "
        "firm commitment to expanding cooperation with Russia “in all areas.”",
        [
            (
                T,
                "During his meeting with Russian PM Mikhail Mishustin, Smailov reaffirmed "
                "Kazakhstan’s firm commitment to expanding cooperation with Russia “in all "
                "areas.”",
            )
        ],
    ),
    (
        "quoted phrase, then a quoted sentence",
        "Mishustin said strengthening the partnership with Kazakhstan is an “unconditional "
        "priority” for Russia. “Our cooperation is time-tested and has repeatedly proven its "
        "resilience to external challenges,” said the Russian PM.",
        [
            (
                T,
                "Mishustin said strengthening the partnership with Kazakhstan is an "
                "“unconditional priority” for Russia.",
            ),
            (
                T,
                "“Our cooperation is time-tested and has repeatedly proven its resilience to "
                "external challenges,” said the Russian PM.",
            ),
        ],
    ),
    (
        "unbalanced straight quote kept as printed",
        "Russia is one of the main trade and economic partners of Kazakhstan. This is evidenced "
        "by the impressive volume of trade turnover, which only for 11 months of last year "
        'amounted to $24 billion," he said.',
        [
            (T, "Russia is one of the main trade and economic partners of Kazakhstan."),
            (
                T,
                "This is evidenced by the impressive volume of trade turnover, which only for 11 "
                'months of last year amounted to $24 billion," he said.',
            ),
        ],
    ),
    (
        "Images credit line",
        "Images | primeminister.kz",
        [(B, "Images | primeminister.kz")],
    ),
    (
        "Photo credit line",
        "Photo: primeminister.kz",
        [(B, "Photo: primeminister.kz")],
    ),
    (
        "caption ending in a date",
        "Mikhail Mishustin meets with Prime Minister of Kazakhstan Alihan Smailov 1 February 2024",
        [
            (
                C,
                "Mikhail Mishustin meets with Prime Minister of Kazakhstan Alihan Smailov "
                "1 February 2024",
            )
        ],
    ),
    (
        "Russian site navigation",
        "Предыдущая новость Следующая новость",
        [(B, "Предыдущая новость Следующая новость")],
    ),
    (
        "a Russian sentence in an English article",
        "Мы рады приветствовать вас на заседании Евразийского межправительственного совета.",
        [
            (
                F,
                "Мы рады приветствовать вас на заседании Евразийского межправительственного "
                "совета.",
            )
        ],
    ),
]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [pytest.param(text, expected, id=name) for name, text, expected in PARAGRAPHS],
)
def test_segment_paragraph(paragraph: str, expected: list[tuple[SegmentKind, str]]) -> None:
    segments = segment_paragraph(paragraph, paragraph=3, line=5, dateline=True)
    assert [(s.kind, s.text) for s in segments] == expected
    assert [s.id for s in segments] == [f"p3.s{n}" for n in range(1, len(expected) + 1)]
    assert {(s.paragraph, s.line) for s in segments} == {(3, 5)}
    assert " ".join(s.text for s in segments) == paragraph


@pytest.mark.parametrize(
    ("text", "place", "agency", "printed"),
    [
        ("YEKATERINBURG. KAZINFORM - On the sidelines", "Yekaterinburg", "Kazinform", None),
        ("NUR-SULTAN – Kazakhstan seeks", "Nur-Sultan", None, "NUR-SULTAN –"),
        ("RUSSIA, February 1 - The conversation", "Russia", None, "RUSSIA, February 1 -"),
        ("ALMATY, Feb. 1 (Reuters) — The talks", "Almaty", "Reuters", None),
        ("MOSCOW. TASS - The talks", "Moscow", "TASS", None),
    ],
)
def test_find_dateline(text: str, place: str, agency: str | None, printed: str | None) -> None:
    found = find_dateline(text)
    assert found is not None
    assert (found.place, found.agency) == (place, agency)
    if printed is not None:
        assert found.text == printed
    assert text[found.end :][0].isupper()


@pytest.mark.parametrize(
    "text",
    [
        "INNOPROM is one of the largest industrial exhibitions in Russia.",
        "In January-November, mutual trade totalled 2.3 trillion Russian roubles.",
        "Kazakh-Russian trade - a record.",
        "Mikhail Mishustin: Once again, I greet you, Mr Smailov, friends.",
    ],
)
def test_no_dateline_in_running_text(text: str) -> None:
    assert find_dateline(text) is None


def test_dateline_only_in_the_first_paragraph() -> None:
    """A later paragraph that looks like a dateline is split as text."""
    body = "Images | primeminister.kz\n\nALMATY. KAZINFORM - First.\n\nMOSCOW. TASS - Second.\n"
    segments = segment_text(body)
    assert [(s.id, s.kind, s.text) for s in segments] == [
        ("p1.s1", B, "Images | primeminister.kz"),
        ("p2.s1", D, "ALMATY. KAZINFORM -"),
        ("p2.s2", T, "First."),
        ("p3.s1", T, "MOSCOW."),
        ("p3.s2", T, "TASS - Second."),
    ]


@pytest.mark.parametrize(
    ("text", "kind", "reason"),
    [
        ("Photo: primeminister.kz", B, "photo credit"),
        ("Images | primeminister.kz", B, "photo credit"),
        ("Photo by Yevgeniy Kuivashev", B, "photo credit"),
        ("Photo: press service of the Prime Minister", B, "photo credit"),
        ("Photo: Smailov speaks at the forum", T, None),
        ("primeminister.kz", B, "bare URL or domain"),
        ("https://primeminister.kz/en/news/123", B, "bare URL or domain"),
        ("Предыдущая новость Следующая новость", B, "site navigation"),
        ("Previous news | Next news", B, "site navigation"),
        ("Спасибо за внимание.", F, "not in the source language (en): Cyrillic script"),
        ("Photos of the exhibition were shown to the delegation.", T, None),
        ("The 19th Forum was successfully held last year in Kostanay.", T, None),
        ("Smailov thanked «Казахстан темір жолы» for the work.", T, None),
    ],
)
def test_classify(text: str, kind: SegmentKind, reason: str | None) -> None:
    assert classify(text, "en") == (kind, reason)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Предыдущая новость", "en", "Cyrillic"),
        ("Предыдущая новость", "ru", None),
        ("Mikhail Mishustin meets Alihan Smailov", "ru", "Latin"),
        ("Mikhail Mishustin meets Alihan Smailov", "en", None),
        ("12 000 000", "en", None),
        ("Ұлттық банк", "kk", None),
    ],
)
def test_foreign_script(text: str, language: str, expected: str | None) -> None:
    assert foreign_script(text, language) == expected


def test_foreign_depends_on_the_source_language() -> None:
    english = "Mikhail Mishustin meets with Prime Minister of Kazakhstan Alihan Smailov."
    assert segment_paragraph(english, paragraph=1, line=1, language="ru")[0].kind is F
    russian = "Михаил Мишустин встретился с Аліханом Смаиловым."
    assert segment_paragraph(russian, paragraph=1, line=1, language="ru")[0].kind is T


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gen. Smith met U.S. officials. They left.",
            ["Gen. Smith met U.S. officials.", "They left."],
        ),
        ("See No. 5 on the list. Then stop.", ["See No. 5 on the list.", "Then stop."]),
        ("It was signed on Feb. 1 in Almaty.", ["It was signed on Feb. 1 in Almaty."]),
        ("Mikhail V. Mishustin spoke. He left.", ["Mikhail V. Mishustin spoke.", "He left."]),
        ("Really? Yes! Indeed… Done.", ["Really?", "Yes!", "Indeed…", "Done."]),
        ("Trade grew 5.5%. It was 2021.", ["Trade grew 5.5%.", "It was 2021."]),
        ("e.g. this one. And that", ["e.g. this one.", "And that"]),
        ("It ended at 5 p.m. on Monday.", ["It ended at 5 p.m. on Monday."]),
        ("   ", []),
    ],
)
def test_split_sentences_rules(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


WORDS = st.sampled_from(
    ["Mr", "St", "Smailov", "said", "$24.2bn", "primeminister.kz", "«Yes,»", "“No.”", "2.3",
     "Trade.", "grew!", "why?", "U.S.", "e.g.", "Almaty", "(Russia).", "—", "…", "1,600"]
)  # fmt: skip


@given(st.lists(WORDS, max_size=30))
def test_split_sentences_loses_nothing(words: list[str]) -> None:
    text = " ".join(words)
    pieces = split_sentences(text)
    assert " ".join(pieces) == text
    assert all(piece == piece.strip() and piece for piece in pieces)


def test_segment_text_numbers_paragraphs_and_lines() -> None:
    body = (
        "YEKATERINBURG. KAZINFORM - On the sidelines. It went well.\n\n"
        "Smailov added more.\n\n"
        "Photo: primeminister.kz\n"
    )
    segments = segment_text(body)
    assert [(s.id, s.paragraph, s.line, s.kind) for s in segments] == [
        ("p1.s1", 1, 1, D),
        ("p1.s2", 1, 1, T),
        ("p1.s3", 1, 1, T),
        ("p2.s1", 2, 3, T),
        ("p3.s1", 3, 5, B),
    ]
    assert [s.translatable for s in segments] == [True, True, True, True, False]
    assert segments[-1].reason == "photo credit"


def test_title_segment() -> None:
    assert title_segment("Kazakhstan seeks to boost industrial cooperation", 9) == Segment(
        id="title",
        text="Kazakhstan seeks to boost industrial cooperation",
        kind=SegmentKind.TITLE,
        paragraph=0,
        line=9,
    )


def _foreign_script_by_char(text: str, language: str) -> str | None:
    expected = "Cyrillic" if language in ("ru", "kk") else "Latin"
    counts = {"Latin": 0, "Cyrillic": 0}
    for char in text:
        script = script_of(char)
        if script is not None:
            counts[script] += 1
    other = "Latin" if expected == "Cyrillic" else "Cyrillic"
    letters = counts["Latin"] + counts["Cyrillic"]
    return other if letters and counts[other] * 2 > letters else None


@given(
    text=st.text(
        alphabet=st.sampled_from("abcXYZ éÿ×÷ẞАБВжзӘәҚқ҂\u0483 12,.«»—-"),
        max_size=40,
    ),
    language=st.sampled_from(["en", "ru", "kk"]),
)
def test_foreign_script_counts_like_the_per_character_definition(text: str, language: str) -> None:
    assert foreign_script(text, language) == _foreign_script_by_char(text, language)
