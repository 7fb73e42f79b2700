"""Translation memory: exact reuse across catalogs, and similar sentences offered, never used."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.config import load_settings
from toolkit.engines import Engine, Translation
from toolkit.engines.memory import (
    SUGGESTION_THRESHOLD,
    Suggestion,
    TranslationMemory,
    Unit,
    load_memory,
    units_of,
)
from toolkit.errors import EngineUnavailable
from toolkit.gettext.model import Catalog, Message, annotate
from toolkit.gettext.store import save_catalog

SOURCE = "This is our first meeting this year."
APPROVED = Message(SOURCE, "Это наша первая встреча в этом году.")
FUZZY = Message(SOURCE, "Это наша первая встреча этого года.", flags=("fuzzy",))
OBSOLETE = Message(SOURCE, "Это первая встреча в году.", obsolete=True)
# msgmerge's fuzzy match: the translation belongs to the #| msgid, not to this msgid.
MERGED_GUESS = Message(
    SOURCE,
    "Это наша вторая встреча в этом году.",
    flags=("fuzzy",),
    previous_msgid="This is our second meeting this year.",
)
EMPTY = Message(SOURCE)


def memory(*catalogs: tuple[str, tuple[Message, ...]]) -> TranslationMemory:
    units = [u for origin, ms in catalogs for u in units_of(Catalog(messages=ms), origin)]
    return TranslationMemory("en", "ru", units)


@pytest.mark.parametrize(
    ("catalogs", "text", "fuzzy", "origin"),
    [
        # approved wins over fuzzy, whichever catalog comes first
        ((("a", (FUZZY,)), ("b", (APPROVED,))), APPROVED.msgstr, False, "b"),
        ((("a", (APPROVED,)), ("b", (FUZZY,))), APPROVED.msgstr, False, "a"),
        # a fuzzy translation is reused, and stays fuzzy
        ((("a", (EMPTY,)), ("b", (FUZZY,))), FUZZY.msgstr, True, "b"),
        # an active translation wins over an obsolete one of the same state
        ((("a", (OBSOLETE,)), ("b", (APPROVED,))), APPROVED.msgstr, False, "b"),
        # an obsolete translation is still a translation of its msgid
        ((("a", (OBSOLETE,)),), OBSOLETE.msgstr, False, "a"),
        # equal rank: the first catalog in path order
        ((("a", (APPROVED,)), ("b", (Message(SOURCE, "Другое."),))), APPROVED.msgstr, False, "a"),
    ],
    ids=[
        "approved-later",
        "approved-first",
        "fuzzy-kept",
        "active-over-obsolete",
        "obsolete",
        "first-wins",
    ],
)
def test_exact_match_prefers_approved_and_keeps_fuzzy_state(
    catalogs: tuple[tuple[str, tuple[Message, ...]], ...], text: str, fuzzy: bool, origin: str
) -> None:
    unit = memory(*catalogs).lookup(SOURCE)
    assert unit is not None
    assert (unit.target, unit.fuzzy, unit.origin) == (text, fuzzy, origin)


@pytest.mark.parametrize(
    "message",
    [EMPTY, MERGED_GUESS, Message(SOURCE, msgid_plural="plural", msgstr_plural=("a", "b", "c"))],
    ids=["empty", "msgmerge-guess", "plural"],
)
def test_what_is_not_memory(message: Message) -> None:
    assert memory(("a", (message,))).lookup(SOURCE) is None


def test_lookup_is_exact() -> None:
    mem = memory(("a", (APPROVED,)))
    assert mem.lookup(SOURCE.lower()) is None
    assert mem.lookup(SOURCE + " ") is None


def test_machine_provenance_travels_with_the_unit() -> None:
    machine = annotate(FUZZY, "engine", "argos fixture-en_ru 1.0")
    unit = memory(("a", (machine,))).lookup(SOURCE)
    assert unit is not None and unit.provenance == "argos fixture-en_ru 1.0"


PROPOSE = "We propose to accelerate the construction of new production chains."
PROPOSE_RU = "Предлагаем ускорить создание новых производственных цепочек."


@pytest.mark.parametrize(
    ("query", "offered"),
    [
        # the corpus has both wordings of this sentence, in two articles
        ("We propose accelerating the construction of new production chains.", True),
        ("Kazakhstan and Russia signed nine agreements in Almaty.", False),  # unrelated
        (PROPOSE, False),  # the sentence itself is an exact match, not a suggestion
    ],
    ids=["similar", "unrelated", "itself"],
)
def test_suggestion_offers_similar_sentences(query: str, offered: bool) -> None:
    found = memory(("a", (Message(PROPOSE, PROPOSE_RU),))).suggest(query)
    if not offered:
        assert found is None
        return
    assert found is not None
    assert SUGGESTION_THRESHOLD <= found.score < 100
    assert found.annotation() == f"{round(found.score)}% a: {PROPOSE} => {PROPOSE_RU}"


def test_suggestion_prefers_approved_among_equals_and_marks_fuzzy() -> None:
    fuzzy = Unit("Prime Minister Smailov met Mishustin.", "Смаилов встретился.", True, "a")
    approved = Unit("Prime Minister Smailov met Mishustin!", "Смаилов встретился!", False, "b")
    mem = TranslationMemory("en", "ru", [fuzzy, approved])
    found = mem.suggest("Prime Minister Smailov met Mishustin?")
    assert found is not None and found.unit is approved
    only_fuzzy = TranslationMemory("en", "ru", [fuzzy]).suggest("Prime Minister Smailov met X.")
    assert only_fuzzy is not None
    assert only_fuzzy.annotation().startswith(f"{only_fuzzy.score:.0f}% a (fuzzy): ")


def test_suggestion_annotation_is_one_line() -> None:
    unit = Unit("Line one\nline two.", "Строка один\nстрока два.", False, "a")
    assert "\n" not in Suggestion(90.0, unit).annotation()


def test_memory_is_an_engine_that_translates_only_what_it_knows() -> None:
    mem = memory(("a", (FUZZY,)), ("b", (APPROVED,)))
    assert isinstance(mem, Engine)
    assert mem.pairs() == {("en", "ru")}
    assert mem.route("en", "ru").describe() == "en -> ru (memory ru)"
    assert mem.translate([SOURCE, "Unknown."], "en", "ru") == [
        Translation(APPROVED.msgstr, "memory b", fuzzy=False),
        Translation("", "memory ru", fuzzy=False),
    ]
    with pytest.raises(EngineUnavailable, match="en -> kk"):
        mem.route("en", "kk")


def test_load_memory_reads_every_catalog_of_the_language(project: Path) -> None:
    settings = load_settings(project)
    folder = settings.catalog_dir("ru")
    save_catalog(folder / "one.po", Catalog(messages=(FUZZY,)))
    save_catalog(folder / "two.po", Catalog(messages=(APPROVED, Message("Hello.", "Привет."))))
    save_catalog(
        settings.catalog_dir("kk") / "one.po", Catalog(messages=(Message("Hi.", "Сәлем."),))
    )
    mem = load_memory(settings, "ru")
    assert len(mem) == 2
    unit = mem.lookup(SOURCE)
    assert unit is not None and (unit.origin, unit.fuzzy) == ("two", False)
    assert mem.lookup("Hi.") is None  # another language's catalog
    assert len(load_memory(settings, "kk")) == 1
