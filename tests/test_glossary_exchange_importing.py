"""Importing (toolkit.glossary.exchange.importing): merge and replace rules, ids, and the
description of what changes."""

from __future__ import annotations

import pytest
from glossary_exchange_cases import EDGE, LANGS

from toolkit.errors import GlossaryError
from toolkit.glossary.exchange.importing import (
    ConceptDiff,
    ImportMode,
    diff_termbases,
    plan_import,
)
from toolkit.glossary.exchange.model import Exchange, ExchangeFormat, ImportedConcept
from toolkit.glossary.termbase import (
    Concept,
    ConceptType,
    Gender,
    Morphology,
    TargetTerm,
    Termbase,
)

# --- merge and replace -------------------------------------------------------------------------


def _incoming(*concepts: Concept, id_given: bool = True, type_given: bool = True) -> Exchange:
    return Exchange(
        tuple(ImportedConcept(c, id_given, type_given, "test") for c in concepts),
        LANGS,
        "en",
        ExchangeFormat.TBX,
    )


ALMATY = Concept(
    "almaty",
    ConceptType.PLACE,
    "Almaty",
    ("Alma-Ata",),
    targets=(
        TargetTerm(
            "ru",
            "Алматы",
            wrong=("Алма-Ата",),
            morphology=Morphology(Gender.MASCULINE, indeclinable=True),
        ),
    ),
)
MORPH = Morphology(Gender.MASCULINE, indeclinable=True)


@pytest.mark.parametrize(
    ("new", "by_id", "typed", "expected"),
    [
        # new forms are added once; forms the matcher sees as equal are not
        (
            Concept("almaty", ConceptType.OTHER, "Almaty", ("ALMATY", "Alma-Ata", "Almaty City")),
            True,
            False,
            Concept(
                "almaty", ConceptType.PLACE, "Almaty", ("Alma-Ata", "Almaty City"),
                targets=ALMATY.targets,
            ),
        ),
        # an approved form the file gives wins, with its fuzzy state; wrong variants add up
        (
            Concept(
                "almaty", ConceptType.PLACE, "Almaty",
                targets=(TargetTerm("ru", "Алма Ата", wrong=("Алмата",), fuzzy=True, note="n"),),
            ),
            True,
            True,
            Concept(
                "almaty", ConceptType.PLACE, "Almaty", ("Alma-Ata",),
                targets=(
                    TargetTerm(
                        "ru", "Алма Ата", wrong=("Алма-Ата", "Алмата"), fuzzy=True, note="n",
                        morphology=MORPH,
                    ),
                ),
            ),
        ),
        # a new canonical form (by id) keeps the old one as a variant; the type the file gives
        (
            Concept("almaty", ConceptType.OTHER, "Almaty City", note="A note."),
            True,
            True,
            Concept(
                "almaty", ConceptType.OTHER, "Almaty City", ("Almaty", "Alma-Ata"),
                note="A note.", targets=ALMATY.targets,
            ),
        ),
        # matched by form: the canonical form stays; morphology hints merge item by item
        (
            Concept(
                "almaty-2", ConceptType.OTHER, "Alma-Ata",
                targets=(TargetTerm("ru", "", morphology=Morphology(inflect=("Алматы",))),),
            ),
            False,
            False,
            Concept(
                "almaty", ConceptType.PLACE, "Almaty", ("Alma-Ata",),
                targets=(
                    TargetTerm(
                        "ru", "Алматы", wrong=("Алма-Ата",),
                        morphology=Morphology(Gender.MASCULINE, inflect=("Алматы",)),
                    ),
                ),
            ),
        ),
    ],
)  # fmt: skip
def test_merge_rules(new: Concept, by_id: bool, typed: bool, expected: Concept) -> None:
    base = Termbase((ALMATY,), LANGS)
    plan = plan_import(base, _incoming(new, id_given=by_id, type_given=typed), ImportMode.MERGE)
    assert plan.after.concepts == (expected,)


def test_merge_adds_note_lines_once() -> None:
    base = Termbase((Concept("a", ConceptType.PLACE, "A", note="one\ntwo"),), LANGS)
    new = Concept("a", ConceptType.PLACE, "A", note="two\nthree")
    plan = plan_import(base, _incoming(new), ImportMode.MERGE)
    assert plan.after.concepts[0].note == "one\ntwo\nthree"


def test_merge_never_removes_and_replace_does() -> None:
    base = Termbase(EDGE.concepts, LANGS)
    only = Concept("almaty", ConceptType.PLACE, "Almaty")
    merged = plan_import(base, _incoming(only), ImportMode.MERGE)
    assert merged.changes == () and merged.after == base
    replaced = plan_import(base, _incoming(only), ImportMode.REPLACE)
    assert replaced.after.concepts == (only,)
    assert [c.format() for c in replaced.changes] == [
        "changed  almaty: ru 'Алматы' -> '-'; -ru wrong 'Алма-Ата'; "
        "ru morph 'gender=m indeclinable' -> ''",
        "removed  21st-century-forum: 'Forum \"21st Century\" & <Partners>'",
        "removed  wrong-only: 'Wrong Only'",
        "removed  dnt: 'example.kz'",
        "removed  no-targets: 'Nothing Yet'",
    ]
    assert replaced.counts == {"added": 0, "changed": 1, "removed": 4}


def test_replace_keeps_ids_and_types_the_file_does_not_give() -> None:
    base = Termbase(EDGE.concepts, LANGS)
    plain = Concept("made-up", ConceptType.OTHER, "Almaty", targets=(TargetTerm("ru", "Алматы"),))
    plan = plan_import(base, _incoming(plain, id_given=False, type_given=False), ImportMode.REPLACE)
    assert plan.after.concepts == (
        Concept("almaty", ConceptType.PLACE, "Almaty", targets=(TargetTerm("ru", "Алматы"),)),
    )


def test_made_ids_do_not_take_an_existing_id() -> None:
    base = Termbase((Concept("astana", ConceptType.PLACE, "Nur-Sultan"),), LANGS)
    new = Concept("astana", ConceptType.OTHER, "Astana")
    plan = plan_import(base, _incoming(new, id_given=False, type_given=False), ImportMode.MERGE)
    assert [c.id for c in plan.after] == ["astana", "astana-2"]


def test_form_matching_several_concepts_is_an_error() -> None:
    base = Termbase(
        (
            Concept("a", ConceptType.PLACE, "Alpha"),
            Concept("b", ConceptType.PLACE, "Beta"),
        ),
        LANGS,
    )
    new = Concept("x", ConceptType.OTHER, "Gamma", ("Alpha", "Beta"))
    with pytest.raises(GlossaryError, match="matches several concepts: a, b"):
        plan_import(base, _incoming(new, id_given=False), ImportMode.MERGE)


def test_diff_describes_each_field() -> None:
    old = EDGE.get("wrong-only")
    assert old is not None
    new = Concept(
        "wrong-only",
        ConceptType.TITLE,
        "Wrong Only",
        ("W.O.",),
        "note",
        (TargetTerm("ru", "Ронг", do_not_translate=True),),
    )
    [change] = diff_termbases(Termbase((old,), LANGS), Termbase((new,), LANGS))
    assert change == ConceptDiff(
        "wrong-only",
        "changed",
        (
            "type person -> title",
            "+variant 'W.O.'",
            "note",
            "ru '-' -> 'Ронг'",
            "-ru wrong 'Ронг'",
            "-ru wrong 'Ронг Онли'",
            "ru do-not-translate on",
            "kk 'Ронг Онли' -> '-'",
            "kk morph 'gender=pl inflect=Онли' -> ''",
        ),
    )
