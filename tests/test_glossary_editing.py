"""Changing the project's glossary: every save is lint-gated (refused with nothing written when
it adds an error; new warnings reported), add/edit/remove one concept, import a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.config import Settings, load_settings
from toolkit.errors import GlossaryError
from toolkit.glossary.editing import (
    add_concept,
    edit_concept,
    plan_glossary_import,
    remove_concept,
    require_concept,
    save_checked,
    save_import,
)
from toolkit.glossary.exchange import ImportMode
from toolkit.glossary.storage import read_glossary, write_glossary
from toolkit.glossary.termbase import (
    Concept,
    ConceptChange,
    ConceptType,
    TargetTerm,
    Termbase,
)

SMAILOV = Concept(
    "alikhan-smailov",
    ConceptType.PERSON,
    "Alikhan Smailov",
    ("Smailov",),
    targets=(TargetTerm("ru", "Алихан Смаилов"), TargetTerm("kk", "Әлихан Смайылов")),
)
KAZAKHSTAN = Concept(
    "kazakhstan",
    ConceptType.PLACE,
    "Kazakhstan",
    targets=(TargetTerm("ru", "Казахстан"), TargetTerm("kk", "Қазақстан")),
)
BASE = Termbase((SMAILOV, KAZAKHSTAN), ("ru", "kk"))


@pytest.fixture
def settings(project: Path) -> Settings:
    settings = load_settings(project)
    write_glossary(settings, BASE)
    return settings


def files(settings: Settings) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(settings.glossary_path.iterdir())}


def names(written: tuple[tuple[Path, str], ...]) -> list[tuple[str, str]]:
    return [(path.name, status) for path, status in written]


# --- the lint-gated save -----------------------------------------------------------------------


def test_save_checked_writes_and_says_what_changed(settings: Settings) -> None:
    ufa = Concept("ufa", ConceptType.PLACE, "Ufa", targets=(TargetTerm("ru", "Уфа"),))
    saved = save_checked(settings, BASE, BASE.with_concept(ufa))
    assert names(saved.changed) == [
        ("glossary.pot", "updated"),
        ("ru.po", "updated"),
        ("kk.po", "updated"),
    ]
    assert [(f.check, f.message) for f in saved.warnings] == [
        ("missing-target", "ufa: kk: no approved form")
    ]
    assert read_glossary(settings).get("ufa") == ufa
    again = save_checked(settings, BASE.with_concept(ufa), BASE.with_concept(ufa))
    assert again.changed == ()
    assert names(again.written) == [
        ("glossary.pot", "unchanged"),
        ("ru.po", "unchanged"),
        ("kk.po", "unchanged"),
    ]
    assert again.warnings == ()  # the warning is not new any more


@pytest.mark.parametrize(
    ("concept", "message"),
    [
        (
            Concept("smailov-jr", ConceptType.PERSON, "Smailov Jr", ("Smailov",)),
            "[variant-conflict] source form 'Smailov' of smailov-jr is also 'Smailov' of "
            "alikhan-smailov",
        ),
        (
            Concept(
                "astana",
                ConceptType.PLACE,
                "Astana",
                targets=(TargetTerm("ru", "Астана", ("Казахстан",)),),
            ),
            "[wrong-collides] astana: ru: wrong variant 'Казахстан' is the approved form of "
            "kazakhstan",
        ),
    ],
)
def test_save_checked_refuses_a_new_error(
    settings: Settings, concept: Concept, message: str
) -> None:
    before = files(settings)
    with pytest.raises(GlossaryError) as caught:
        save_checked(settings, BASE, BASE.with_concept(concept))
    assert caught.value.message.startswith("the change would make the glossary inconsistent: ")
    assert message in caught.value.message
    assert files(settings) == before


# --- one concept -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "hint"),
    [
        ("smailov", "did you mean alikhan-smailov?"),
        ("Kazakhstan", "did you mean kazakhstan?"),
        ("astana", "`toolkit glossary list` shows the ids"),
    ],
)
def test_require_concept_suggests_ids(term: str, hint: str) -> None:
    with pytest.raises(GlossaryError) as caught:
        require_concept(BASE, term)
    assert caught.value.message == f"no concept with id {term!r}"
    assert caught.value.hint == hint


def test_require_concept() -> None:
    assert require_concept(BASE, "kazakhstan") is KAZAKHSTAN


def test_add_concept_makes_the_id(settings: Settings) -> None:
    change = ConceptChange(targets=(("ru", "Уфа"), ("kk", "Уфа")))
    edit = add_concept(settings, "  Ufa City ", ConceptType.PLACE, change)
    assert edit.concept_id == "ufa-city"
    assert edit.saved is not None and edit.saved.warnings == ()
    added = read_glossary(settings).get("ufa-city")
    assert added is not None and added.source == "Ufa City"
    assert added.target("kk") == TargetTerm("kk", "Уфа")


@pytest.mark.parametrize(
    ("source", "concept_id", "message"),
    [
        ("Almaty Forum", "kazakhstan", "concept id 'kazakhstan' exists already ('Kazakhstan')"),
        ("Kazakhstan", None, "concept id 'kazakhstan' exists already ('Kazakhstan')"),
        ("Ufa", "Ufa City", "invalid concept id 'Ufa City'"),
        ("Уфа", None, "cannot make a concept id from 'Уфа'"),
    ],
)
def test_add_concept_refuses(
    settings: Settings, source: str, concept_id: str | None, message: str
) -> None:
    before = files(settings)
    with pytest.raises(GlossaryError, match=message.replace("(", r"\(").replace(")", r"\)")):
        add_concept(settings, source, ConceptType.PLACE, ConceptChange(), concept_id=concept_id)
    assert files(settings) == before


@pytest.mark.parametrize(
    ("change", "saved"),
    [
        (ConceptChange(add_variants=("Smailov",)), False),  # listed already: nothing to change
        (ConceptChange(type=ConceptType.PERSON), False),
        (ConceptChange(add_variants=("Alihan Smailov",)), True),
    ],
)
def test_edit_concept(settings: Settings, change: ConceptChange, saved: bool) -> None:
    before = files(settings)
    edit = edit_concept(settings, "alikhan-smailov", change)
    assert edit.concept_id == "alikhan-smailov"
    assert (edit.saved is not None) == saved
    assert (files(settings) != before) == saved


def test_remove_concept(settings: Settings) -> None:
    edit = remove_concept(settings, "kazakhstan")
    assert edit.concept_id == "kazakhstan"
    assert [c.id for c in read_glossary(settings)] == ["alikhan-smailov"]
    with pytest.raises(GlossaryError, match="no concept with id 'kazakhstan'"):
        remove_concept(settings, "kazakhstan")


# --- import ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "mode", "dry_run", "counts", "written"),
    [
        ("en,ru\nAstana,Астана\n", ImportMode.MERGE, False, (1, 0, 0), True),
        ("en,ru\nAstana,Астана\n", ImportMode.MERGE, True, (1, 0, 0), False),
        ("en,ru\nKazakhstan,Казахстан\n", ImportMode.MERGE, False, (0, 0, 0), False),
        ("en,ru\nKazakhstan,Казахстан\n", ImportMode.REPLACE, False, (0, 1, 1), True),
    ],
    ids=["merge", "dry-run", "nothing-to-change", "replace"],
)
def test_import(
    settings: Settings,
    tmp_path: Path,
    content: str,
    mode: ImportMode,
    dry_run: bool,
    counts: tuple[int, int, int],
    written: bool,
) -> None:
    source = tmp_path / "import.csv"
    source.write_text(content, encoding="utf-8")
    before = files(settings)
    pending = plan_glossary_import(settings, source, mode=mode)
    assert pending.before == read_glossary(settings)
    assert len(pending.incoming.concepts) == 1
    plan_counts = pending.plan.counts
    assert (plan_counts["added"], plan_counts["changed"], plan_counts["removed"]) == counts
    saved = save_import(settings, pending, dry_run=dry_run)
    assert (saved is not None) == written
    assert (files(settings) != before) == written
    if written:
        assert read_glossary(settings) == pending.plan.after


def test_import_refuses_a_new_error_even_in_a_dry_run(settings: Settings, tmp_path: Path) -> None:
    source = tmp_path / "conflict.csv"
    source.write_text("id,type,en,en:variants,ru\nastana,place,Astana,Smailov,Астана\n")
    before = files(settings)
    pending = plan_glossary_import(settings, source)
    for dry_run in (True, False):
        with pytest.raises(GlossaryError, match=r"\[variant-conflict\]"):
            save_import(settings, pending, dry_run=dry_run)
    assert files(settings) == before


def test_import_two_columns_takes_the_target_language(settings: Settings, tmp_path: Path) -> None:
    source = tmp_path / "deepl.csv"
    source.write_text("Astana,Астана\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="does not say its target language"):
        plan_glossary_import(settings, source)
    pending = plan_glossary_import(settings, source, target="kk")
    astana = pending.plan.after.get("astana")
    assert astana is not None and astana.target("kk") == TargetTerm("kk", "Астана")
