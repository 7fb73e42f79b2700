"""``untranslated``, ``unchanged`` and ``fuzzy``: the state of an entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.checks import run_checks, select_checks
from toolkit.gettext.model import Catalog, Message
from toolkit.glossary.storage import read_termbase
from toolkit.project.catalogs import CatalogFile

GLOSSARY = Path(__file__).parent / "data" / "checks" / "project" / "glossary"
TERMBASE = read_termbase(GLOSSARY, ["ru", "kk"])

SOURCE = "Russia is Kazakhstan’s main trade and economic partner."
RU = "Россия\u00a0— главный торгово-экономический партнер Казахстана."


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


def message(
    source: str,
    target: str = "",
    flags: tuple[str, ...] = (),
    previous_msgid: str | None = None,
) -> Message:
    return Message(
        source,
        target,
        flags=flags,
        previous_msgid=previous_msgid,
        extracted_comments=("p1.s1 (text)",),
        lineno=1,
    )


# --- untranslated, fuzzy ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (message(SOURCE, RU), []),
        (message(SOURCE), [("warning", "entry not translated yet", None)]),
        (message(SOURCE, "  "), [("warning", "entry not translated yet", None)]),
        (
            Message(
                "Nine projects", msgid_plural="Nine more projects", msgstr_plural=("проект", "")
            ),
            [("warning", "plural form 1 not translated yet", None)],
        ),
    ],
)
def test_untranslated(entry: Message, expected: list[tuple[str, str, None]]) -> None:
    assert run("untranslated", "ru", entry) == expected


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (message(SOURCE, RU), []),
        (message(SOURCE, RU, flags=("fuzzy",)), ["fuzzy: a suggestion that awaits a reviewer"]),
        (
            message(SOURCE, RU, flags=("fuzzy",), previous_msgid="Russia is a partner."),
            ["(made for the earlier source 'Russia is a partner.')"],
        ),
        (message(SOURCE, "", flags=("fuzzy",)), []),  # nothing to review: untranslated says it
    ],
)
def test_fuzzy(entry: Message, expected: list[str]) -> None:
    found = run("fuzzy", "ru", entry)
    assert [severity for severity, _, _ in found] == ["info"] * len(expected)
    for (_, text, _), fragment in zip(found, expected, strict=True):
        assert fragment in text


def test_templates_are_not_untranslated() -> None:
    assert run("untranslated", None, message(SOURCE)) == []


# --- unchanged -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target", "flagged"),
    [
        (SOURCE, RU, False),
        (SOURCE, SOURCE, True),
        ("The 19th Forum was held in Kostanay.", "the 19th forum was held in kostanay.", True),
        ("primeminister.kz", "primeminister.kz", False),  # do not translate, and an address
        ("Digital Almaty", "Digital Almaty", False),  # do not translate
        ("1 February 2024", "1 February 2024", True),
        ("2024", "2024", False),
        ("INNOPROM 2022 XIII", "INNOPROM 2022 XIII", False),  # acronym, number, Roman numeral
    ],
)
def test_unchanged(source: str, target: str, flagged: bool) -> None:
    found = run("unchanged", "ru", message(source, target))
    assert [severity for severity, _, _ in found] == (["error"] if flagged else [])
    if flagged:
        assert "the translation is the source text unchanged" in found[0][1]
        assert found[0][2] == (0, len(target))
