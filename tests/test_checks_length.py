"""``length-ratio``: translations far shorter or longer than the language's usual ratio."""

from __future__ import annotations

import pytest

from toolkit.checks import catalog_entries, run_checks, select_checks
from toolkit.checks.length import DEFAULT_RATIO, MIN_SAMPLE, usual_ratio
from toolkit.gettext.model import Catalog, Message
from toolkit.project.catalogs import CatalogFile

PAIRS = [
    (
        "Russia is Kazakhstan’s main trade and economic partner.",
        "Россия\u00a0— главный торгово-экономический партнер Казахстана.",
    ),
    (
        "We attach great importance to cultural and humanitarian cooperation.",
        "Мы придаем большое значение культурно-гуманитарному сотрудничеству.",
    ),
    (
        "I suggest moving on to the negotiations.",
        "Предлагаю перейти к переговорам.",
    ),
    (
        "Last year Russia chaired the union.",
        "В прошлом году Россия председательствовала в Союзе.",
    ),
]
LONG = (
    "Despite the difficult situation in the world, as you mentioned, our trade and economic "
    "cooperation are developing successfully."
)
LONG_RU = (
    "Несмотря на сложную ситуацию в мире, наше торгово-экономическое сотрудничество, как вы уже "
    "отметили, успешно развивается."
)


def catalog(pairs: list[tuple[str, str]]) -> CatalogFile:
    messages = tuple(
        Message(source, target, extracted_comments=(f"p{i}.s1 (text)",), lineno=i)
        for i, (source, target) in enumerate(pairs, start=1)
    )
    return CatalogFile.in_memory("x.po", Catalog(messages=messages), "ru")


def run(pairs: list[tuple[str, str]]) -> list[tuple[int, str, str]]:
    report = run_checks([catalog(pairs)], checks=select_checks(["length-ratio"]))
    return [(f.location.line, f.severity.label, f.message) for f in report.findings]


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([*PAIRS, (LONG, LONG_RU)], []),
        # half of the sentence lost
        (
            [*PAIRS, (LONG, "Несмотря на сложную ситуацию в мире.")],
            [(5, "warning", "0.28× the source's length, far shorter than the usual 1.00×")],
        ),
        # the sentence translated twice
        (
            [*PAIRS, (LONG, f"{LONG_RU} {LONG_RU} {LONG_RU}")],
            [(5, "warning", "far longer than the usual 1.00× (the default for too few entries")],
        ),
        # short sources (a dateline) are not judged
        ([*PAIRS, ("NUR-SULTAN –", "НУР-СУЛТАН, Казахстан, 4 июля –")], []),
    ],
)
def test_length_ratio(pairs: list[tuple[str, str]], expected: list[tuple[int, str, str]]) -> None:
    found = run(pairs)
    assert [(line, severity) for line, severity, _ in found] == [(n, s) for n, s, _ in expected]
    for (_, _, message), (_, _, fragment) in zip(found, expected, strict=True):
        assert fragment in message


def test_usual_ratio_is_measured_once_there_are_enough_entries() -> None:
    few = catalog_entries("x.po", catalog(PAIRS).catalog, "ru")
    assert usual_ratio(few) == (DEFAULT_RATIO, False)
    many = catalog_entries(
        "x.po", catalog([(LONG, LONG_RU + " " + LONG_RU)] * MIN_SAMPLE).catalog, "ru"
    )
    ratio, measured = usual_ratio(many)
    assert measured and ratio == pytest.approx(2 * len(LONG_RU) / len(LONG), rel=0.01)
    # measured at about 2x, a translation of twice the source's length is usual there
    report = run_checks([catalog([(LONG, LONG_RU + " " + LONG_RU)] * MIN_SAMPLE)])
    assert not [f for f in report.findings if f.check == "length-ratio"]
