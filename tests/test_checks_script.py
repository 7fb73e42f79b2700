"""``latin-residue`` and ``source-language``: text in a script it should not be in."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.checks import run_checks, select_checks
from toolkit.gettext.model import Catalog, Message
from toolkit.glossary.storage import read_termbase
from toolkit.project.catalogs import CatalogFile

GLOSSARY = Path(__file__).parent / "data" / "checks" / "project" / "glossary"
TERMBASE = read_termbase(GLOSSARY, ["ru", "kk"])


def run(
    check: str, language: str | None, *messages: Message
) -> list[tuple[str, str, tuple[int, int] | None]]:
    catalog = Catalog(header=(("Language", language or ""),), messages=messages)
    report = run_checks(
        [CatalogFile.in_memory("x.po", catalog, language)],
        checks=select_checks([check]),
        termbase=TERMBASE,
    )
    return [(f.severity.label, f.message, f.span) for f in report.findings]


def message(source: str, target: str = "") -> Message:
    return Message(source, target, extracted_comments=("p1.s1 (text)",), lineno=1)


# --- latin-residue ---------------------------------------------------------------------------

PLENARY = (
    "Addressing the plenary session titled Industrial Transition: Leaders’ Experience, Smailov "
    "commended the bilateral cooperation."
)
PLENARY_RU = (
    "Выступая на пленарном заседании «Индустриальный переход: опыт лидеров», Алихан Смаилов "
    "высоко оценил двустороннее сотрудничество."
)
DIGITAL = (
    "We traditionally start the new year with a visit to hospitable Almaty, and the Digital "
    "Almaty forum, an interesting event, SCO countries and investors."
)
DIGITAL_RU = (
    "Мы традиционно начинаем новый год с визита в гостеприимный Алматы и с форума Digital "
    "Almaty\u00a0— интересного мероприятия, стран ШОС и инвесторов."
)


@pytest.mark.parametrize(
    ("language", "source", "target", "expected"),
    [
        ("ru", PLENARY, PLENARY_RU, []),
        (
            "ru",
            PLENARY,
            PLENARY_RU.replace("Индустриальный переход", "Industrial Transition"),
            [("Latin-script 'Industrial Transition' in a ru translation", "Industrial Transition")],
        ),
        ("ru", DIGITAL, DIGITAL_RU, []),  # do-not-translate
        ("ru", DIGITAL, DIGITAL_RU.replace("ШОС", "SCO"), []),  # an acronym kept from the source
        (
            "ru",
            DIGITAL,
            DIGITAL_RU.replace("ШОС", "SCO-members"),
            [("Latin-script 'SCO-members'", "SCO-members")],
        ),
        (
            "kk",
            "The talks were held on the eve of the meeting, primeminister.kz reports.",
            "Келіссөздер отырыс қарсаңында өтті, деп хабарлайды primeminister.kz.",
            [],
        ),
        (
            "kk",
            "Treaty of Good Neighborliness and Alliance in the XXI century",
            "XXI ғасырдағы тату көршілік және одақтастық туралы шарт",
            [],
        ),
        ("de", "the forum", "das Forum", []),  # a Latin-script language: nothing to say
    ],
)
def test_latin_residue(
    language: str, source: str, target: str, expected: list[tuple[str, str]]
) -> None:
    found = run("latin-residue", language, message(source, target))
    assert [severity for severity, _, _ in found] == ["warning"] * len(expected)
    for (_, text, span), (fragment, marked) in zip(found, expected, strict=True):
        assert fragment in text
        assert span is not None and target[span[0] : span[1]] == marked


# --- source-language -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Alikhan Smailov and Mikhail Mishustin hold talks in Almaty", []),
        (
            "Предыдущая новость Смаилов и Мишустин провели переговоры",
            [("warning", "mostly in Cyrillic script, not in the source language (en)")],
        ),
        (
            "The agency Kazinform (Казинформ) reports it.",
            [("info", "'Казинформ' is in Cyrillic script inside a segment in 'en'")],
        ),
    ],
)
def test_source_language(source: str, expected: list[tuple[str, str]]) -> None:
    found = run("source-language", None, message(source))
    assert len(found) == len(expected)
    for (severity, text, _), (want, fragment) in zip(found, expected, strict=True):
        assert severity == want
        assert fragment in text


def test_source_language_is_not_run_on_translations() -> None:
    assert run("source-language", "ru", message("Предыдущая новость Смаилов", "x")) == []
